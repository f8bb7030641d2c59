package io.github.wechatoauth.store;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;

/**
 * The shared store contract on core's {@link InMemorySharedStore}: one store per appid,
 * as one process has it.
 */
class InMemorySharedStoreContractTests extends SharedStoreContractTests {

	private final Map<String, SharedStore> stores = new HashMap<>();

	@Override
	protected SharedStore createStore(String appId, Clock clock) {
		return this.stores.computeIfAbsent(appId, (id) -> new InMemorySharedStore(clock));
	}

	@Override
	protected long countEntries(String appId, String key) {
		return createStore(appId, this.clock).get(key).isPresent() ? 1 : 0;
	}

}
