package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.credential.InMemoryCredentialStore;

/**
 * The fleet tests on core's {@link InMemoryCredentialStore}: the memory of one process,
 * so one instance with all the threads.
 */
class InMemoryCredentialFleetTests extends CredentialFleetTests {

	private InMemoryCredentialStore store;

	@Override
	protected CredentialStore createStore(String appId, Clock clock) {
		if (this.store == null) {
			this.store = new InMemoryCredentialStore(clock);
		}
		return this.store;
	}

	@Override
	protected int instances() {
		return 1;
	}

}
