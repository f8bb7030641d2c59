package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The token store contract on {@link RedisTokenStore}, against the local Redis.
 */
class RedisTokenStoreContractTests extends TokenStoreContractTests {

	private static TestRedis redis;

	@BeforeAll
	static void connect() {
		redis = TestRedis.start();
	}

	@AfterAll
	static void cleanUp() {
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	protected TokenStore createStore(String appId, Clock clock) {
		return new RedisTokenStore(redis.template(), redis.keyPrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String openid) {
		return redis.keys(redis.keyPrefix() + ":" + appId + ":user-token:" + openid + "*").size();
	}

}
