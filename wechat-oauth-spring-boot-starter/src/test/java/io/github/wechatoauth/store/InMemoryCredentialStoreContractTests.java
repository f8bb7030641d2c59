package io.github.wechatoauth.store;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.credential.InMemoryCredentialStore;

/**
 * The credential store contract on core's {@link InMemoryCredentialStore}: one store per
 * appid, as one process has it.
 */
class InMemoryCredentialStoreContractTests extends CredentialStoreContractTests {

	private final Map<String, CredentialStore> stores = new HashMap<>();

	@Override
	protected CredentialStore createStore(String appId, Clock clock) {
		return this.stores.computeIfAbsent(appId, (id) -> new InMemoryCredentialStore(clock));
	}

	@Override
	protected long countEntries(String appId, String key) {
		return createStore(appId, this.clock).get(key).isPresent() ? 1 : 0;
	}

}
