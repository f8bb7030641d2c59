package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link SharedStore} in this process's memory: the default, right for a single
 * instance.
 */
public final class InMemorySharedStore implements SharedStore {

	private final Map<String, StoredValue> values = new ConcurrentHashMap<>();

	private final Map<String, Lease> leases = new ConcurrentHashMap<>();

	private final Map<String, List<Consumer<StoredValue>>> watchers = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Expired entries are swept out at most this often, so that keys nobody reads again
	 * do not pile up.
	 */
	private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

	private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

	/**
	 * Creates a store on the system clock.
	 */
	public InMemorySharedStore() {
		this(Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param clock the clock that decides when values and leases expire
	 */
	public InMemorySharedStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Optional<StoredValue> get(String key) {
		StoredValue stored = this.values.get(key);
		if (stored == null) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(stored.expiresAt())) {
			this.values.remove(key, stored);
			return Optional.empty();
		}
		return Optional.of(stored);
	}

	@Override
	public void put(String key, StoredValue stored) {
		purgeExpiredIfDue();
		this.values.put(key, stored);
		List<Consumer<StoredValue>> listeners = this.watchers.get(key);
		if (listeners != null) {
			listeners.forEach((listener) -> listener.accept(stored));
		}
	}

	@Override
	public boolean replace(String key, String expectedValue, StoredValue newValue) {
		Instant now = this.clock.instant();
		boolean[] replaced = { false };
		this.values.computeIfPresent(key, (k, current) -> {
			if (current.value().equals(expectedValue) && now.isBefore(current.expiresAt())) {
				replaced[0] = true;
				return newValue;
			}
			return current;
		});
		return replaced[0];
	}

	@Override
	public boolean watch(String key, Consumer<StoredValue> listener) {
		this.watchers.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(listener);
		return true;
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		boolean[] removed = { false };
		this.values.computeIfPresent(key, (k, current) -> {
			if (current.value().equals(expectedValue)) {
				removed[0] = true;
				return null;
			}
			return current;
		});
		return removed[0];
	}

	@Override
	@SuppressWarnings("ReferenceEquality") // whether our candidate won, not an equal
											// lease
	public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
		purgeExpiredIfDue();
		Instant now = this.clock.instant();
		Lease candidate = new Lease(key, UUID.randomUUID().toString(), now.plus(ttl));
		Lease holder = this.leases.compute(key,
				(k, current) -> (current == null || !now.isBefore(current.expiresAt())) ? candidate : current);
		return (holder == candidate) ? Optional.of(candidate) : Optional.empty();
	}

	@Override
	public void releaseLease(Lease lease) {
		this.leases.computeIfPresent(lease.key(),
				(k, current) -> current.owner().equals(lease.owner()) ? null : current);
	}

	/**
	 * Counts the entries held, expired or not.
	 * @return values plus leases in memory
	 */
	int size() {
		return this.values.size() + this.leases.size();
	}

	/**
	 * Drops expired values and leases, at most once a {@link #PURGE_INTERVAL} of the
	 * store's clock. Leases used as one-off marks (message de-duplication, rate limits)
	 * are never released, and would otherwise stay forever.
	 */
	private void purgeExpiredIfDue() {
		Instant now = this.clock.instant();
		Instant due = this.nextPurge.get();
		if (now.isBefore(due) || !this.nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
			return;
		}
		this.values.values().removeIf((stored) -> !now.isBefore(stored.expiresAt()));
		this.leases.values().removeIf((lease) -> !now.isBefore(lease.expiresAt()));
	}

}
