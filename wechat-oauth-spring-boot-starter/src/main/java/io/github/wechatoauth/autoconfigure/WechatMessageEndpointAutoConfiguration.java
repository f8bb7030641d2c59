package io.github.wechatoauth.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.message.endpoint.WechatMessageDispatcher;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;
import io.github.wechatoauth.qrcode.WechatQrLogin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the message-push endpoints of a
 * Spring MVC application: that of {@code wechat.appid} at {@code wechat.message.path}
 * when {@code wechat.token} is set, and that of each {@code wechat.apps.<name>} whose
 * {@code token} is set at its {@code wechat.apps.<name>.message.path}, each with its own
 * token, EncodingAESKey, appid and de-duplication store. Two endpoints may not share a
 * path. Handlers and listeners, told the account of each message, run on Spring Boot's
 * {@code applicationTaskExecutor} when there is one, else on a thread of their own per
 * push. When there is a {@link WechatQrLogin}, the endpoint of {@code wechat.*} feeds it
 * the scans of log-in QR codes.
 */
@AutoConfiguration(
		after = { WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
				WechatQrLoginAutoConfiguration.class },
		afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@Conditional(WechatMessageEndpointAutoConfiguration.AnyTokenCondition.class)
@EnableConfigurationProperties(WechatProperties.class)
public final class WechatMessageEndpointAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatMessageEndpointAutoConfiguration() {
	}

	private static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	@Bean
	@ConditionalOnMissingBean
	WechatMessageEndpointFactory wechatMessageEndpointFactory(ObjectProvider<WechatMessageHandler> handlers,
			ApplicationEventPublisher eventPublisher,
			@Qualifier(APPLICATION_TASK_EXECUTOR) ObjectProvider<Executor> executor, ObjectProvider<Clock> clock) {
		return new WechatMessageEndpointFactory(
				new WechatMessageDispatcher(handlers.orderedStream().toList(), eventPublisher,
						executor.getIfAvailable(() -> new SimpleAsyncTaskExecutor("wechat-message-"))),
				WechatClock.of(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wechat", name = "token")
	WechatMessageEndpoint wechatMessageEndpoint(WechatMessageEndpointFactory endpointFactory,
			WechatProperties properties, ObjectProvider<SharedStore> sharedStore) {
		// The store of wechat.appid exists only once it is set: say so first.
		WechatClientFactory.appId("wechat", properties);
		return endpointFactory.create("wechat", properties, sharedStore.getObject());
	}

	@Bean
	@ConditionalOnMissingBean
	WechatMessageEndpoints wechatAppsMessageEndpoints(WechatMessageEndpointFactory endpointFactory,
			WechatProperties properties, ObjectProvider<WechatStoreFactory> storeFactory,
			ObjectProvider<WechatMessageEndpoint> endpoint) {
		Map<String, String> owners = new LinkedHashMap<>();
		endpoint.orderedStream().forEach((single) -> owners.putIfAbsent(single.getPath(), "wechat"));
		Map<String, WechatMessageEndpoint> endpoints = new LinkedHashMap<>();
		properties.getApps().forEach((name, account) -> {
			if (account.getToken() == null) {
				return;
			}
			String prefix = WechatApps.prefix(name);
			String appId = WechatClientFactory.appId(prefix, account);
			SharedStore store = WechatStoreAutoConfiguration.storeFactory(storeFactory, properties).sharedStore(appId);
			WechatMessageEndpoint named = endpointFactory.create(name, prefix, account, store);
			String owner = owners.putIfAbsent(named.getPath(), prefix);
			if (owner != null) {
				String property = prefix + ".message.path";
				throw new InvalidWechatPropertyException(property,
						property + " is '" + named.getPath() + "', which is already the path of the message "
								+ "endpoint of " + owner + ".*: each account's endpoint needs a path of its own.",
						"Set " + property + " to a path of its own, such as /wechat/message/" + name + ", and enter "
								+ "it in the server URL of the account's server configuration (WeChat Official "
								+ "Accounts Platform, Settings and Development > Basic Configuration > Server "
								+ "Configuration).");
			}
			endpoints.put(name, named);
		});
		return new WechatMessageEndpoints(endpoints);
	}

	@Bean
	@ConditionalOnMissingBean(name = "wechatMessageRouterFunction")
	RouterFunction<ServerResponse> wechatMessageRouterFunction(ObjectProvider<WechatMessageEndpoint> endpoint,
			ObjectProvider<WechatMessageEndpoints> endpoints) {
		return WechatMessageEndpoints.routerFunction(WechatMessageEndpoints.all(endpoint, endpoints));
	}

	/**
	 * Scans of log-in QR codes, for {@link WechatQrLogin}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(WechatQrLogin.class)
	static class QrLoginConfiguration {

		@Bean
		@ConditionalOnMissingBean
		QrLoginMessageHandler wechatQrLoginMessageHandler(WechatQrLogin qrLogin) {
			return new QrLoginMessageHandler(qrLogin);
		}

	}

	/**
	 * Matches when an account has a message token: {@code wechat.token} or
	 * {@code wechat.apps.<name>.token}.
	 */
	static class AnyTokenCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("WeChat message token");
			if (context.getEnvironment().containsProperty("wechat.token")) {
				return ConditionOutcome.match(message.found("property").items("wechat.token"));
			}
			// Scalar values bind under their relative names, such as "shop.token".
			boolean named = Binder.get(context.getEnvironment())
				.bind(WechatApps.PREFIX, Bindable.mapOf(String.class, String.class))
				.orElse(Map.of())
				.keySet()
				.stream()
				.anyMatch((key) -> key.endsWith(".token") && key.indexOf('.') == key.length() - ".token".length());
			if (named) {
				return ConditionOutcome.match(message.found("property").items(WechatApps.PREFIX + ".<name>.token"));
			}
			return ConditionOutcome
				.noMatch(message.didNotFind("property").items("wechat.token", WechatApps.PREFIX + ".<name>.token"));
		}

	}

}
