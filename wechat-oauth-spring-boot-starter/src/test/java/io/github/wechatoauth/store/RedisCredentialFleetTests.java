package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet tests on {@link RedisSharedStore}, against the local Redis: four instances,
 * each with its own store object, sharing one Redis.
 */
class RedisCredentialFleetTests extends CredentialFleetTests {

	@RegisterExtension
	static final ServiceExtension<TestRedis> redis = ServiceExtension.of(TestRedis::start);

	@Override
	protected SharedStore createStore(String appId, Clock clock) {
		return new RedisSharedStore(redis.get().template(), redis.get().keyPrefix(), appId, clock);
	}

}
