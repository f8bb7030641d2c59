package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.store.redis.RedisCredentialStore;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fleet tests on {@link RedisCredentialStore}, against the local Redis: four
 * instances, each with its own store object, sharing one Redis.
 */
class RedisCredentialFleetTests extends CredentialFleetTests {

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

}
