package io.github.wechatoauth.store.redis;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.WechatStoreFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The stores of any appid in one Redis, under keys
 * {@code <keyPrefix>:<appid>:user-token:<openid>} and
 * {@code <keyPrefix>:<appid>:shared:<key>}.
 */
public final class RedisStoreFactory implements WechatStoreFactory {

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final Clock clock;

	private final Map<String, TokenStore> tokenStores = new ConcurrentHashMap<>();

	private final Map<String, SharedStore> sharedStores = new ConcurrentHashMap<>();

	/**
	 * Creates the factory.
	 * @param redis the Redis connection
	 * @param keyPrefix the first part of every key, such as {@code wechat}
	 * @param clock the clock that judges expiry
	 */
	public RedisStoreFactory(StringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
	}

	@Override
	public TokenStore tokenStore(String appId) {
		return this.tokenStores.computeIfAbsent(appId,
				(key) -> new RedisTokenStore(this.redis, this.keyPrefix, key, this.clock));
	}

	@Override
	public SharedStore sharedStore(String appId) {
		return this.sharedStores.computeIfAbsent(appId,
				(key) -> new RedisSharedStore(this.redis, this.keyPrefix, key, this.clock));
	}

	@Override
	public String toString() {
		return "WeChat stores in Redis, keys " + this.keyPrefix + ":<appid>:*";
	}

}
