package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CredentialStore} in this process's memory: the default, right for a single
 * instance.
 */
public final class InMemoryCredentialStore implements CredentialStore {

	private final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();

	private final Map<String, CredentialLease> leases = new ConcurrentHashMap<>();

	private final Clock clock;

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

}
