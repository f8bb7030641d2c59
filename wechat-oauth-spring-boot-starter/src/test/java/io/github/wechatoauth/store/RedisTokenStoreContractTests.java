package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token store contract on {@link RedisTokenStore}, against the local Redis.
 */
class RedisTokenStoreContractTests extends TokenStoreContractTests {

	@RegisterExtension
	static final ServiceExtension<TestRedis> redis = ServiceExtension.of(TestRedis::start);

	@Override
	protected TokenStore createStore(String appId, Clock clock) {
		return new RedisTokenStore(redis.get().template(), redis.get().keyPrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String openid) {
		return redis.get().keys(redis.get().keyPrefix() + ":" + appId + ":user-token:" + openid + "*").size();
	}

}
