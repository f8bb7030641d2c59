package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;

/**
 * The fleet tests on core's {@link InMemorySharedStore}: the memory of one process, so
 * one instance with all the threads.
 */
class InMemoryCredentialFleetTests extends CredentialFleetTests {

	private InMemorySharedStore store;

	@Override
	protected SharedStore createStore(String appId, Clock clock) {
		if (this.store == null) {
			this.store = new InMemorySharedStore(clock);
		}
		return this.store;
	}

	@Override
	protected int instances() {
		return 1;
	}

}
