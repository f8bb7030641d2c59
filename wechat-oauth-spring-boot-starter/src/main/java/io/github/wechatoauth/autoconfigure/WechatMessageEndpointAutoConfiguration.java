package io.github.wechatoauth.autoconfigure;

import java.util.concurrent.Executor;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.message.endpoint.WechatMessageDispatcher;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;
import io.github.wechatoauth.qrcode.WechatQrLogin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the message-push endpoint of
 * {@code wechat.appid} at {@code wechat.message.path}, in a Spring MVC application whose
 * {@code wechat.token} is set. Handlers and listeners run on Spring Boot's
 * {@code applicationTaskExecutor} when there is one, else on a thread of their own per
 * push. When there is a {@link WechatQrLogin}, the endpoint feeds it the scans of log-in
 * QR codes.
 */
@AutoConfiguration(
		after = { WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
				WechatQrLoginAutoConfiguration.class },
		afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnProperty(prefix = "wechat", name = "token")
@EnableConfigurationProperties(WechatProperties.class)
public final class WechatMessageEndpointAutoConfiguration {

	private static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	@Bean
	@ConditionalOnMissingBean
	WechatMessageEndpointFactory wechatMessageEndpointFactory(ObjectProvider<WechatMessageHandler> handlers,
			ApplicationEventPublisher eventPublisher,
			@Qualifier(APPLICATION_TASK_EXECUTOR) ObjectProvider<Executor> executor) {
		return new WechatMessageEndpointFactory(new WechatMessageDispatcher(handlers.orderedStream().toList(),
				eventPublisher, executor.getIfAvailable(() -> new SimpleAsyncTaskExecutor("wechat-message-"))));
	}

	@Bean
	@ConditionalOnMissingBean
	WechatMessageEndpoint wechatMessageEndpoint(WechatMessageEndpointFactory endpointFactory,
			WechatProperties properties, ObjectProvider<CredentialStore> credentialStore) {
		// The store of wechat.appid exists only once it is set: say so first.
		WechatClientFactory.appId("wechat", properties);
		return endpointFactory.create("wechat", properties, credentialStore.getObject());
	}

	@Bean
	@ConditionalOnMissingBean(name = "wechatMessageRouterFunction")
	RouterFunction<ServerResponse> wechatMessageRouterFunction(WechatMessageEndpoint endpoint) {
		return endpoint.routerFunction();
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

}
