package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CredentialStore} in this process's memory: the default, right for a single
 * instance.
 */
public final class InMemoryCredentialStore implements CredentialStore {

	private final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();

	private final Map<String, CredentialLease> leases = new ConcurrentHashMap<>();

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
	public InMemoryCredentialStore() {
		this(Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param clock the clock that decides when credentials and leases expire
	 */
	public InMemoryCredentialStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Optional<StoredCredential> get(String key) {
		StoredCredential credential = this.credentials.get(key);
		if (credential == null) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(credential.expiresAt())) {
			this.credentials.remove(key, credential);
			return Optional.empty();
		}
		return Optional.of(credential);
	}

	@Override
	public void put(String key, StoredCredential credential) {
		purgeExpiredIfDue();
		this.credentials.put(key, credential);
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		boolean[] removed = { false };
		this.credentials.computeIfPresent(key, (k, current) -> {
			if (current.value().equals(expectedValue)) {
				removed[0] = true;
				return null;
			}
			return current;
		});
		return removed[0];
	}

	@Override
	public Optional<CredentialLease> tryAcquireLease(String key, Duration ttl) {
		purgeExpiredIfDue();
		Instant now = this.clock.instant();
		CredentialLease candidate = new CredentialLease(key, UUID.randomUUID().toString(), now.plus(ttl));
		CredentialLease holder = this.leases.compute(key,
				(k, current) -> (current == null || !now.isBefore(current.expiresAt())) ? candidate : current);
		return (holder == candidate) ? Optional.of(candidate) : Optional.empty();
	}

	@Override
	public void releaseLease(CredentialLease lease) {
		this.leases.computeIfPresent(lease.key(),
				(k, current) -> current.owner().equals(lease.owner()) ? null : current);
	}

	/**
	 * Counts the entries held, expired or not.
	 * @return credentials plus leases in memory
	 */
	int size() {
		return this.credentials.size() + this.leases.size();
	}

	/**
	 * Drops expired credentials and leases, at most once a {@link #PURGE_INTERVAL} of the
	 * store's clock. Leases used as one-off marks (message de-duplication, rate limits)
	 * are never released, and would otherwise stay forever.
	 */
	private void purgeExpiredIfDue() {
		Instant now = this.clock.instant();
		Instant due = this.nextPurge.get();
		if (now.isBefore(due) || !this.nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
			return;
		}
		this.credentials.values().removeIf((credential) -> !now.isBefore(credential.expiresAt()));
		this.leases.values().removeIf((lease) -> !now.isBefore(lease.expiresAt()));
	}

}
