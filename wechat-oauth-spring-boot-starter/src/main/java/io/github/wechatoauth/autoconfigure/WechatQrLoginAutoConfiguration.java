package io.github.wechatoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.qrcode.WechatQrLogin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of scan-to-log-in: the
 * {@link WechatQrLogin} of the account's {@link WechatOAuthClient}, whose login ids wait
 * in the account's {@link SharedStore}. The message endpoint's auto-configuration feeds
 * it the scans.
 */
@AutoConfiguration(after = { WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class })
@EnableConfigurationProperties(WechatProperties.class)
public final class WechatQrLoginAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatQrLoginAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ WechatOAuthClient.class, SharedStore.class })
	WechatQrLogin wechatQrLogin(WechatOAuthClient client, SharedStore sharedStore, WechatProperties properties,
			ObjectProvider<Clock> clock) {
		Duration lifetime = properties.getQrLogin().getLifetime();
		try {
			return new WechatQrLogin(client.getAppId(), client::createQrCode, client.getSharedStore(),
					clock.getIfUnique(Clock::systemUTC), lifetime);
		}
		catch (IllegalArgumentException ex) {
			String property = "wechat.qr-login.lifetime";
			throw new InvalidWechatPropertyException(property,
					property + " is " + lifetime + ", but a QR code lives whole seconds, from 1 second to 30 days.",
					"Set " + property + " to a duration such as 5m, or remove it to use that default.");
		}
	}

}
