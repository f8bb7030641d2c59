package io.github.wechatoauth.store;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;

/**
 * The token store contract on core's {@link InMemoryTokenStore}: one store per appid, as
 * one process has it.
 */
class InMemoryTokenStoreContractTests extends TokenStoreContractTests {

	private final Map<String, TokenStore> stores = new HashMap<>();

	@Override
	protected TokenStore createStore(String appId, Clock clock) {
		return this.stores.computeIfAbsent(appId, (id) -> new InMemoryTokenStore(clock));
	}

	@Override
	protected long countEntries(String appId, String openid) {
		return createStore(appId, this.clock).getToken(openid).isPresent() ? 1 : 0;
	}

}
