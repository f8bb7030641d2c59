package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.oauth.TokenStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link WechatOAuthClient} of
 * {@code wechat.appid}. Its HTTP calls start from Spring Boot's
 * {@link RestClient.Builder} when there is one, so that observations and customizers
 * apply, and from {@link RestClient#builder()} otherwise.
 */
@AutoConfiguration(after = WechatStoreAutoConfiguration.class,
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration" })
@EnableConfigurationProperties(WechatProperties.class)
public final class WechatOAuthClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WechatClientFactory wechatClientFactory(ObjectProvider<RestClient.Builder> restClientBuilder) {
		return new WechatClientFactory(restClientBuilder.getIfAvailable(RestClient::builder));
	}

	@Bean
	@ConditionalOnMissingBean
	WechatOAuthClient wechatOAuthClient(WechatClientFactory clientFactory, WechatProperties properties,
			ObjectProvider<TokenStore> tokenStore, ObjectProvider<CredentialStore> credentialStore) {
		// The stores of wechat.appid exist only once it is set: say so first.
		WechatClientFactory.appId("wechat", properties);
		return clientFactory.create("wechat", properties, tokenStore.getObject(), credentialStore.getObject());
	}

}
