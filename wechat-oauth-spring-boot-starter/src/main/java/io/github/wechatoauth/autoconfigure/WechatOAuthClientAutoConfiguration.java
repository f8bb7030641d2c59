package io.github.wechatoauth.autoconfigure;

import java.util.LinkedHashMap;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.client.RestClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link WechatOAuthClient} of
 * {@code wechat.appid}, and of the {@link WechatOAuthClients} of the accounts named under
 * {@code wechat.apps}. Its HTTP calls go through Spring Boot's {@link RestClient.Builder}
 * when there is one, so that the application's request factory, observations and
 * customizers apply, with {@code wechat.connect-timeout} and {@code wechat.read-timeout}
 * set through Boot's own factory builder ({@link WechatRequestFactories}); otherwise
 * through the transport the SDK creates itself.
 */
@AutoConfiguration(after = WechatStoreAutoConfiguration.class,
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration" })
@EnableConfigurationProperties(WechatProperties.class)
public final class WechatOAuthClientAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatOAuthClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	WechatClientFactory wechatClientFactory(ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<WechatCredentialListenerFactory> credentialListeners, ObjectProvider<Clock> clock,
			WechatProperties properties, BeanFactory beanFactory) {
		List<WechatCredentialListenerFactory> factories = credentialListeners.orderedStream().toList();
		return new WechatClientFactory(WechatRequestFactories.of(restClientBuilder.getIfAvailable(), beanFactory),
				(account) -> CompositeCredentialListener
					.of(factories.stream().map((factory) -> factory.credentialListener(account)).toList()),
				WechatClock.of(clock), properties.getStore().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(SingleAccountCondition.class)
	WechatOAuthClient wechatOAuthClient(WechatClientFactory clientFactory, WechatProperties properties,
			ObjectProvider<TokenStore> tokenStore, ObjectProvider<SharedStore> sharedStore) {
		// The stores of wechat.appid exist only once it is set: say so first.
		WechatClientFactory.appId("wechat", properties);
		return clientFactory.create("wechat", properties, tokenStore.getObject(), sharedStore.getObject());
	}

	@Bean
	@ConditionalOnMissingBean
	WechatOAuthClients wechatOAuthClients(WechatClientFactory clientFactory, WechatProperties properties,
			ObjectProvider<WechatStoreFactory> storeFactory) {
		Map<String, WechatOAuthClient> clients = new LinkedHashMap<>();
		properties.getApps().forEach((name, account) -> {
			String prefix = WechatApps.prefix(name);
			String appId = WechatClientFactory.appId(prefix, account);
			WechatStoreFactory stores = WechatStoreAutoConfiguration.storeFactory(storeFactory, properties);
			clients.put(name,
					clientFactory.create(prefix, account, stores.tokenStore(appId), stores.sharedStore(appId)));
		});
		return new WechatOAuthClients(clients);
	}

	/**
	 * The account of {@code wechat.*} has a client when {@code wechat.appid} is set, and
	 * also when no account is configured at all, so that start-up says to set it. With
	 * only {@code wechat.apps.<name>.*}, the accounts are reached through
	 * {@link WechatOAuthClients}.
	 */
	static class SingleAccountCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("WeChat single account");
			if (context.getEnvironment().containsProperty("wechat.appid")) {
				return ConditionOutcome.match(message.found("property").items("wechat.appid"));
			}
			if (WechatApps.configured(context.getEnvironment())) {
				return ConditionOutcome.noMatch(message.because("wechat.appid is not set and wechat.apps is"));
			}
			return ConditionOutcome.match(message.because("no account is configured yet: wechat.appid is required"));
		}

	}

}
