package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One app-wide credential, fetched once per expiry for every process that shares the
 * {@link CredentialStore}.
 * <p>
 * Reads are served from memory while the value is fresh. Ahead of expiry one thread of
 * this process refreshes while the others keep using the still-valid value; once the
 * value has expired, the others wait for it, at most {@link CredentialPolicy#maxWait()}.
 * Across processes, the store's lease elects the one that calls WeChat; the others read
 * its result from the store. A failed refresh is remembered for a second, so that a
 * WeChat outage costs one timeout, not one per caller.
 */
final class SharedCredential {

	private static final Log logger = LogFactory.getLog(SharedCredential.class);

	private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long LAST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private static final long FAILURE_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Duration MAX_JITTER = Duration.ofSeconds(30);

	private final String key;

	private final CredentialStore store;

	private final Function<@Nullable String, StoredCredential> fetcher;

	private final Clock clock;

	private final CredentialPolicy policy;

	/** The refresh margin less this process's jitter. */
	private final Duration earlyRefresh;

	private final ReentrantLock refreshLock = new ReentrantLock();

	private final AtomicReference<@Nullable StoredCredential> cached = new AtomicReference<>();

	/** A value WeChat rejected, never to be taken from the store again. */
	private volatile @Nullable String rejectedValue;

	/** No refresh ahead of expiry is tried before this {@link System#nanoTime()}. */
	private volatile long nextPrefetchNanos;

	private volatile @Nullable Failure recentFailure;

	/**
	 * Creates a credential.
	 * @param key the store key, such as {@code access_token}
	 * @param store the shared store
	 * @param fetcher fetches a new value from WeChat, given the value WeChat last
	 * rejected (or {@code null})
	 * @param clock the clock that judges freshness
	 * @param policy the refresh policy
	 */
	SharedCredential(String key, CredentialStore store, Function<@Nullable String, StoredCredential> fetcher,
			Clock clock, CredentialPolicy policy) {
		this.key = key;
		this.store = store;
		this.fetcher = fetcher;
		this.clock = clock;
		this.policy = policy;
		Duration maxJitter = min(MAX_JITTER, policy.refreshMargin().dividedBy(10));
		long jitterMillis = ThreadLocalRandom.current().nextLong(maxJitter.toMillis() + 1);
		this.earlyRefresh = policy.refreshMargin().minusMillis(jitterMillis);
		// nanoTime() has an arbitrary origin and may be negative: 0 could lie in the
		// future and hold off every refresh ahead of expiry.
		this.nextPrefetchNanos = System.nanoTime();
	}

	/**
	 * Returns a valid value, refreshing it when it is due.
	 * @return the value
	 * @throws WechatException if no valid value can be had within the policy's maximum
	 * wait
	 */
	StoredCredential get() {
		StoredCredential current = this.cached.get();
		if (current == null) {
			current = validFromStore();
		}
		Instant now = this.clock.instant();
		if (current != null && now.isBefore(refreshAt(current))) {
			return current;
		}
		if (current != null && now.isBefore(current.expiresAt())) {
			return refreshAhead(current);
		}
		return refreshNow();
	}

	/**
	 * Drops a value that WeChat rejected, here and in the store if the store still holds
	 * it.
	 * @param value the rejected value
	 */
	void invalidate(String value) {
		this.rejectedValue = value;
		StoredCredential current = this.cached.get();
		if (current != null && current.value().equals(value)) {
			this.cached.compareAndSet(current, null);
		}
		if (this.store.remove(this.key, value)) {
			logger.info("Invalidated the " + this.key + " that WeChat rejected; it will be fetched again");
		}
	}

	/**
	 * Returns when a value is due for refresh: the refresh margin before expiry, but
	 * never earlier than half its lifetime, so that a value handed out near its own end
	 * (as {@code stable_token} does) is not fetched in a loop.
	 */
	Instant refreshAt(StoredCredential credential) {
		Duration halfLife = Duration.between(credential.fetchedAt(), credential.expiresAt()).dividedBy(2);
		return credential.expiresAt().minus(min(this.earlyRefresh, halfLife));
	}

	private StoredCredential refreshAhead(StoredCredential current) {
		if (System.nanoTime() - this.nextPrefetchNanos < 0 || !this.refreshLock.tryLock()) {
			return current;
		}
		try {
			StoredCredential latest = this.cached.get();
			if (latest != null && latest != current) {
				return latest;
			}
			StoredCredential refreshed = refresh(0, false);
			return (refreshed != null) ? refreshed : current;
		}
		catch (WechatException ex) {
			this.nextPrefetchNanos = System.nanoTime() + FAILURE_MEMORY_NANOS;
			logger.warn("Refreshing " + this.key + " ahead of expiry failed; the current value stays in use until "
					+ current.expiresAt() + ": " + ex.getMessage());
			return current;
		}
		finally {
			this.refreshLock.unlock();
		}
	}

	private StoredCredential refreshNow() {
		long deadline = System.nanoTime() + this.policy.maxWait().toNanos();
		throwIfRecentlyFailed();
		lockUntil(deadline);
		try {
			StoredCredential current = this.cached.get();
			if (current != null && this.clock.instant().isBefore(current.expiresAt())) {
				return current;
			}
			throwIfRecentlyFailed();
			StoredCredential refreshed = refresh(deadline, true);
			if (refreshed == null) {
				throw new IllegalStateException("a waiting refresh returned no value");
			}
			return refreshed;
		}
		catch (WechatException ex) {
			this.recentFailure = new Failure(ex, System.nanoTime() + FAILURE_MEMORY_NANOS);
			throw ex;
		}
		finally {
			this.refreshLock.unlock();
		}
	}

	/**
	 * Takes a usable value from the store, or fetches one under the store's lease. Called
	 * under the refresh lock.
	 * @param deadline the {@link System#nanoTime()} after which waiting for another
	 * process gives up
	 * @param wait whether to wait for another process's refresh, or to return
	 * {@code null} at once
	 */
	private @Nullable StoredCredential refresh(long deadline, boolean wait) {
		long poll = FIRST_POLL_NANOS;
		while (true) {
			StoredCredential stored = usableFromStore();
			if (stored != null) {
				return stored;
			}
			Optional<CredentialLease> lease = this.store.tryAcquireLease(this.key, this.policy.leaseTtl());
			if (lease.isPresent()) {
				try {
					return fetchUnderLease();
				}
				finally {
					release(lease.get());
				}
			}
			if (!wait) {
				this.nextPrefetchNanos = System.nanoTime() + LAST_POLL_NANOS;
				return null;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new WechatTransportException(
						"Waited " + this.policy.maxWait() + " for another instance to refresh " + this.key
								+ ", which holds the store's lease but stored no new value; the lease lapses by itself "
								+ "within " + this.policy.leaseTtl());
			}
			pause(Math.min(poll, remaining));
			poll = Math.min(poll * 2, LAST_POLL_NANOS);
		}
	}

	private StoredCredential fetchUnderLease() {
		// Another process may have stored a value between our read and our lease.
		StoredCredential stored = usableFromStore();
		if (stored != null) {
			return stored;
		}
		StoredCredential fetched = this.fetcher.apply(this.rejectedValue);
		this.store.put(this.key, fetched);
		if (!fetched.value().equals(this.rejectedValue)) {
			this.rejectedValue = null;
		}
		this.cached.set(fetched);
		this.recentFailure = null;
		logger.debug("Fetched " + this.key + ", valid until " + fetched.expiresAt());
		return fetched;
	}

	/**
	 * Adopts the store's value while it is valid, even if it is due for refresh: an
	 * instance with nothing in memory (just started, or after an invalidation) then
	 * refreshes ahead like the others and, if the refresh fails, keeps serving that value
	 * until it expires instead of failing every call.
	 */
	private @Nullable StoredCredential validFromStore() {
		StoredCredential stored = this.store.get(this.key).orElse(null);
		if (stored == null || stored.value().equals(this.rejectedValue)
				|| !this.clock.instant().isBefore(stored.expiresAt())) {
			return null;
		}
		return this.cached.compareAndSet(null, stored) ? stored : this.cached.get();
	}

	private @Nullable StoredCredential usableFromStore() {
		StoredCredential stored = this.store.get(this.key).orElse(null);
		if (stored == null || stored.value().equals(this.rejectedValue)
				|| !this.clock.instant().isBefore(refreshAt(stored))) {
			return null;
		}
		this.cached.set(stored);
		return stored;
	}

	private void release(CredentialLease lease) {
		try {
			this.store.releaseLease(lease);
		}
		catch (WechatException ex) {
			logger.warn("Could not release the lease on " + this.key + "; it lapses by itself at " + lease.expiresAt()
					+ ": " + ex.getMessage());
		}
	}

	private void lockUntil(long deadline) {
		try {
			if (!this.refreshLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw new WechatTransportException(
						"Waited " + this.policy.maxWait() + " for another thread to refresh " + this.key);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WechatTransportException("Interrupted while waiting for " + this.key, ex);
		}
	}

	private void throwIfRecentlyFailed() {
		Failure failure = this.recentFailure;
		if (failure != null && System.nanoTime() - failure.until() < 0) {
			// The same failure for every caller of this second: WeChat is not asked again
			// yet.
			throw failure.cause();
		}
	}

	private static void pause(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WechatTransportException("Interrupted while waiting for a credential refresh", ex);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private record Failure(WechatException cause, long until) {
	}

}
