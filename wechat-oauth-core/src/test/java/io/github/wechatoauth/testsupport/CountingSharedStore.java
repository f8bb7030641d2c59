package io.github.wechatoauth.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;

/**
 * A {@link SharedStore} that counts the calls it receives, to tell whether a value came
 * from memory or from the store, and the attempts to take the lease on one key, running a
 * hook at each (a test moves its clock or opens a latch there).
 */
public final class CountingSharedStore implements SharedStore {

	private final SharedStore delegate;

	private final String watchedKey;

	private final Runnable onLeaseAttempt;

	private final boolean watching;

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger leaseAttempts = new AtomicInteger();

	/**
	 * Counts the calls to a store.
	 * @param delegate the store that answers
	 */
	public CountingSharedStore(SharedStore delegate) {
		this(delegate, "", () -> {
		});
	}

	/**
	 * Counts the calls to a store and the attempts to take the lease on one key.
	 * @param delegate the store that answers
	 * @param watchedKey the key whose lease attempts are counted
	 * @param onLeaseAttempt run at each attempt on that key, before the store answers
	 */
	public CountingSharedStore(SharedStore delegate, String watchedKey, Runnable onLeaseAttempt) {
		this(delegate, watchedKey, onLeaseAttempt, true);
	}

	private CountingSharedStore(SharedStore delegate, String watchedKey, Runnable onLeaseAttempt, boolean watching) {
		this.watching = watching;
		this.delegate = delegate;
		this.watchedKey = watchedKey;
		this.onLeaseAttempt = onLeaseAttempt;
	}

	/**
	 * Counts the calls to a store that cannot tell of puts (as the JDBC store), whatever
	 * the store behind it can.
	 * @param delegate the store that answers
	 * @return the counting store
	 */
	public static CountingSharedStore unwatched(SharedStore delegate) {
		return new CountingSharedStore(delegate, "", () -> {
		}, false);
	}

	/**
	 * Returns the calls since creation or the last {@link #reset()}.
	 * @return how many
	 */
	public int calls() {
		return this.calls.get();
	}

	/**
	 * Returns the lease attempts on the watched key since creation or the last
	 * {@link #reset()}.
	 * @return how many
	 */
	public int leaseAttempts() {
		return this.leaseAttempts.get();
	}

	/**
	 * Sets both counts back to zero.
	 */
	public void reset() {
		this.calls.set(0);
		this.leaseAttempts.set(0);
	}

	@Override
	public Optional<StoredValue> get(String key) {
		this.calls.incrementAndGet();
		return this.delegate.get(key);
	}

	@Override
	public void put(String key, StoredValue credential) {
		this.calls.incrementAndGet();
		this.delegate.put(key, credential);
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		this.calls.incrementAndGet();
		return this.delegate.remove(key, expectedValue);
	}

	@Override
	public boolean replace(String key, String expectedValue, StoredValue newValue) {
		this.calls.incrementAndGet();
		return this.delegate.replace(key, expectedValue, newValue);
	}

	@Override
	public boolean watch(String key, Consumer<StoredValue> listener) {
		return this.watching && this.delegate.watch(key, listener);
	}

	@Override
	public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
		this.calls.incrementAndGet();
		if (key.equals(this.watchedKey)) {
			this.leaseAttempts.incrementAndGet();
			this.onLeaseAttempt.run();
		}
		return this.delegate.tryAcquireLease(key, ttl);
	}

	@Override
	public void releaseLease(Lease lease) {
		this.calls.incrementAndGet();
		this.delegate.releaseLease(lease);
	}

}
