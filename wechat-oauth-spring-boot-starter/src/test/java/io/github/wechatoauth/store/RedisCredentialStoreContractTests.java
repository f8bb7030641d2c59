package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.store.redis.RedisCredentialStore;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The credential store contract on {@link RedisCredentialStore}, against the local Redis.
 */
class RedisCredentialStoreContractTests extends CredentialStoreContractTests {

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
	protected CredentialStore createStore(String appId, Clock clock) {
		return new RedisCredentialStore(redis.template(), redis.keyPrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String key) {
		return redis.keys(redis.keyPrefix() + ":" + appId + ":credential:" + key + "*").size();
	}

}
