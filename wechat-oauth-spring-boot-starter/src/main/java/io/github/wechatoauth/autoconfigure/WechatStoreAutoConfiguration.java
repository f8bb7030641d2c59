package io.github.wechatoauth.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import io.github.wechatoauth.autoconfigure.WechatProperties.Store;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.WechatStoreFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of where wechat-oauth keeps its
 * state: the {@link WechatStoreFactory} that gives the stores of any appid, and the
 * {@link TokenStore} and {@link SharedStore} of {@code wechat.appid} when it is set. The
 * store configurations are tried in order, as Spring Boot tries its cache configurations:
 * with {@code wechat.store.type=auto} (the default) the stores are in Redis when a single
 * {@code RedisConnectionFactory} exists, else in the database when a single
 * {@code DataSource} exists, else in memory; another type picks its configuration alone.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" })
@Import({ WechatAccountsConfiguration.class, RedisStoreConfiguration.class, JdbcStoreConfiguration.class,
		InMemoryStoreConfiguration.class })
public final class WechatStoreAutoConfiguration {

	static final String STORE_TYPE = "wechat.store.type";

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatStoreAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wechat", name = "appid")
	TokenStore wechatTokenStore(ObjectProvider<WechatStoreFactory> storeFactory, WechatAccounts accounts,
			WechatProperties properties) {
		return storeFactory(storeFactory, properties).tokenStore(accounts.requireDefault(properties).appId());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wechat", name = "appid")
	SharedStore wechatSharedStore(ObjectProvider<WechatStoreFactory> storeFactory, WechatAccounts accounts,
			WechatProperties properties) {
		return storeFactory(storeFactory, properties).sharedStore(accounts.requireDefault(properties).appId());
	}

	/**
	 * Returns the store factory, or says why no store configuration made one: only a
	 * forced type can leave none.
	 */
	static WechatStoreFactory storeFactory(ObjectProvider<WechatStoreFactory> storeFactory,
			WechatProperties properties) {
		WechatStoreFactory factory = storeFactory.getIfAvailable();
		if (factory != null) {
			return factory;
		}
		String type = properties.getStore().getType().name().toLowerCase(Locale.ROOT);
		if (properties.getStore().getType() == Store.Type.REDIS) {
			throw new InvalidWechatPropertyException(STORE_TYPE,
					STORE_TYPE + " is '" + type + "', but spring-data-redis is not on the classpath, or there is no "
							+ "single RedisConnectionFactory bean.",
					"Add spring-boot-starter-data-redis and set spring.data.redis.host (or spring.data.redis.url), "
							+ "mark one RedisConnectionFactory @Primary, or set " + STORE_TYPE
							+ " to another store (auto, memory or jdbc).");
		}
		throw new InvalidWechatPropertyException(STORE_TYPE,
				STORE_TYPE + " is '" + type + "', but spring-jdbc is not on the classpath, or there is no single "
						+ "DataSource bean.",
				"Add spring-boot-starter-jdbc and a database driver and set spring.datasource.url, mark one "
						+ "DataSource @Primary, or set " + STORE_TYPE + " to another store (auto, memory or redis).");
	}

	/**
	 * Returns {@code wechat.store.timeout}, checked.
	 */
	static Duration timeout(WechatProperties properties) {
		Duration timeout = properties.getStore().getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidWechatPropertyException("wechat.store.timeout",
					"wechat.store.timeout is " + timeout + ", but a timeout must be a positive duration.",
					"Set wechat.store.timeout to a positive duration such as 1s, or remove it to use the default of 1s.");
		}
		return timeout;
	}

}
