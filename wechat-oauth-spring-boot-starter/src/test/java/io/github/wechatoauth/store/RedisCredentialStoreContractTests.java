package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.store.redis.RedisCredentialStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The credential store contract on {@link RedisCredentialStore}, against the local Redis.
 */
class RedisCredentialStoreContractTests extends CredentialStoreContractTests {

	@RegisterExtension
	static final ServiceExtension<TestRedis> redis = ServiceExtension.of(TestRedis::start);

	@Override
	protected CredentialStore createStore(String appId, Clock clock) {
		return new RedisCredentialStore(redis.get().template(), redis.get().keyPrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String key) {
		return redis.get().keys(redis.get().keyPrefix() + ":" + appId + ":credential:" + key + "*").size();
	}

}
