package io.github.wechatoauth.autoconfigure;

import java.time.Clock;

import io.github.wechatoauth.autoconfigure.WechatProperties.Store;
import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.store.redis.RedisStoreFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Stores in Redis, through the application's {@link StringRedisTemplate} or its single
 * {@link RedisConnectionFactory}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@ConditionalOnMissingBean(WechatStoreFactory.class)
@Conditional(StoreTypeCondition.class)
class RedisStoreConfiguration {

	private static final Log logger = LogFactory.getLog(RedisStoreConfiguration.class);

	@Bean
	WechatStoreFactory wechatRedisStoreFactory(WechatProperties properties,
			ObjectProvider<StringRedisTemplate> redisTemplate, RedisConnectionFactory redisConnectionFactory,
			ObjectProvider<Clock> clock) {
		String keyPrefix = properties.getStore().getKeyPrefix();
		if (keyPrefix.isBlank()) {
			throw new InvalidWechatPropertyException("wechat.store.key-prefix",
					"wechat.store.key-prefix is blank, but the Redis store's keys need a prefix.",
					"Set wechat.store.key-prefix to a word such as wechat, or remove it to use that default.");
		}
		StringRedisTemplate template = redisTemplate.getIfUnique();
		String reason = (properties.getStore().getType() == Store.Type.REDIS)
				? WechatStoreAutoConfiguration.STORE_TYPE + " is redis"
				: WechatStoreAutoConfiguration.STORE_TYPE + " is auto and a " + ((template != null)
						? "StringRedisTemplate bean exists" : "single RedisConnectionFactory bean exists");
		logger.info("WeChat stores: Redis, keys " + keyPrefix + ":<appid>:*, because " + reason);
		return new RedisStoreFactory((template != null) ? template : new StringRedisTemplate(redisConnectionFactory),
				keyPrefix, clock.getIfUnique(Clock::systemUTC));
	}

}
