package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.http.WechatRequestFactories;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.WechatStoreFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.client.RestClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link WechatOAuthClient} of
 * {@code wechat.appid}, and of the {@link WechatOAuthClients} of the accounts named under
 * {@code wechat.apps}. Its HTTP calls go through Spring Boot's {@link RestClient.Builder}
 * when there is one, so that the application's request factory, observations and
 * customizers apply, with {@code wechat.connect-timeout} and {@code wechat.read-timeout}
 * set through Boot's own factory builder ({@link WechatRequestFactories}); otherwise
 * through the transport the SDK creates itself. Each
 * {@link WechatOAuthClientBuilderCustomizer} bean then customizes each account's builder,
 * in order.
 */
@AutoConfiguration(after = WechatStoreAutoConfiguration.class,
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration" })
@Import(WechatAccountsConfiguration.class)
public final class WechatOAuthClientAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WechatOAuthClientAutoConfiguration.class);

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatOAuthClientAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(SingleAccountCondition.class)
	WechatOAuthClient wechatOAuthClient(WechatAccounts accounts, WechatProperties properties,
			ObjectProvider<TokenStore> tokenStore, ObjectProvider<SharedStore> sharedStore,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<WechatOAuthClientBuilderCustomizer> customizers, ObjectProvider<Clock> clock,
			BeanFactory beanFactory) {
		// The stores of wechat.appid exist only once it is set: say so first.
		WechatAccount account = accounts.requireDefault(properties);
		return build(account, tokenStore.getObject(), sharedStore.getObject(), properties,
				WechatRequestFactories.of(restClientBuilder.getIfAvailable(), beanFactory), customizers, clock);
	}

	@Bean
	@ConditionalOnMissingBean
	WechatOAuthClients wechatOAuthClients(WechatAccounts accounts, WechatProperties properties,
			ObjectProvider<WechatStoreFactory> storeFactory, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<WechatOAuthClientBuilderCustomizer> customizers, ObjectProvider<Clock> clock,
			BeanFactory beanFactory) {
		WechatRequestFactories requestFactories = WechatRequestFactories.of(restClientBuilder.getIfAvailable(),
				beanFactory);
		Map<String, WechatOAuthClient> clients = new LinkedHashMap<>();
		for (WechatAccount account : accounts.getNamed()) {
			clients.put(Objects.requireNonNull(account.name()),
					build(account, storeFactory, properties, requestFactories, customizers, clock));
		}
		WechatOAuthClient website = accounts.getWebsite()
			.map((account) -> build(account, storeFactory, properties, requestFactories, customizers, clock))
			.orElse(null);
		return new WechatOAuthClients(clients, website);
	}

	private static WechatOAuthClient build(WechatAccount account, ObjectProvider<WechatStoreFactory> storeFactory,
			WechatProperties properties, WechatRequestFactories requestFactories,
			ObjectProvider<WechatOAuthClientBuilderCustomizer> customizers, ObjectProvider<Clock> clock) {
		WechatStoreFactory stores = WechatStoreAutoConfiguration.storeFactory(storeFactory, properties);
		return build(account, stores.tokenStore(account.appId()), stores.sharedStore(account.appId()), properties,
				requestFactories, customizers, clock);
	}

	/**
	 * Builds the client of one account: the one place where the properties meet the
	 * client's builder.
	 */
	private static WechatOAuthClient build(WechatAccount account, TokenStore tokenStore, SharedStore sharedStore,
			WechatProperties properties, WechatRequestFactories requestFactories,
			ObjectProvider<WechatOAuthClientBuilderCustomizer> customizers, ObjectProvider<Clock> clock) {
		WechatAccountProperties settings = account.properties();
		CredentialPolicy credentialPolicy = account.credentialPolicy();
		WechatOAuthClient.Builder builder = WechatOAuthClient.builder()
			.appId(account.appId())
			.appSecret(account.secret())
			.clock(clock.getIfUnique(Clock::systemUTC))
			.accessTokenSource(settings.getAccessToken().getSource())
			.defaultLang(settings.getOauth().getDefaultLang())
			.tokenStore(tokenStore)
			.sharedStore(sharedStore)
			.storeTimeout(WechatStoreAutoConfiguration.timeout(properties))
			.credentialPolicy(credentialPolicy);
		WechatRequestFactories.Transport transport = requestFactories.forAccount(account.prefix(),
				account.connectTimeout(), account.readTimeout());
		transport.applyTo(builder);
		account.baseUrl("api-base-url", settings.getApiBaseUrl(), "https://api.weixin.qq.com", builder::apiBaseUrl);
		account.baseUrl("open-base-url", settings.getOpenBaseUrl(), "https://open.weixin.qq.com", builder::openBaseUrl);
		account.baseUrl("mp-base-url", settings.getMpBaseUrl(), "https://mp.weixin.qq.com", builder::mpBaseUrl);
		Duration refreshTime = transport.connectTimeout().plus(transport.readTimeout());
		if (credentialPolicy.leaseTtl().compareTo(refreshTime) < 0) {
			logger.warn(account.property("credential.lease-ttl") + " (" + credentialPolicy.leaseTtl()
					+ ") is shorter than " + account.property("connect-timeout") + " plus "
					+ account.property("read-timeout") + " (" + refreshTime
					+ "): a slow refresh may outlive its lease, and another instance then fetches too");
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(account, builder));
		return builder.build();
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
			if (WechatAccounts.namedConfigured(context.getEnvironment())) {
				return ConditionOutcome.noMatch(message.because("wechat.appid is not set and wechat.apps is"));
			}
			return ConditionOutcome.match(message.because("no account is configured yet: wechat.appid is required"));
		}

	}

}
