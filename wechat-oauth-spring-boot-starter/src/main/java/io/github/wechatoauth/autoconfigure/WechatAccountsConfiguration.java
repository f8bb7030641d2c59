package io.github.wechatoauth.autoconfigure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link WechatAccounts} bean, which every auto-configuration of wechat-oauth
 * imports.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WechatProperties.class)
class WechatAccountsConfiguration {

	@Bean
	WechatAccounts wechatAccounts(WechatProperties properties) {
		return new WechatAccounts(properties);
	}

}
