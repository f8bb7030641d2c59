package io.github.wechatoauth.credential;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CredentialStore} that counts the calls it receives, to tell whether a value
 * came from memory or from the store.
 */
class CountingCredentialStore implements CredentialStore {

	private final CredentialStore delegate;

	private final AtomicInteger calls = new AtomicInteger();

	CountingCredentialStore(CredentialStore delegate) {
		this.delegate = delegate;
	}

	int calls() {
		return this.calls.get();
	}

	void resetCalls() {
		this.calls.set(0);
	}

	@Override
	public Optional<StoredCredential> get(String key) {
		this.calls.incrementAndGet();
		return this.delegate.get(key);
	}

	@Override
	public void put(String key, StoredCredential credential) {
		this.calls.incrementAndGet();
		this.delegate.put(key, credential);
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		this.calls.incrementAndGet();
		return this.delegate.remove(key, expectedValue);
	}

	@Override
	public Optional<CredentialLease> tryAcquireLease(String key, Duration ttl) {
		this.calls.incrementAndGet();
		return this.delegate.tryAcquireLease(key, ttl);
	}

	@Override
	public void releaseLease(CredentialLease lease) {
		this.calls.incrementAndGet();
		this.delegate.releaseLease(lease);
	}

}
