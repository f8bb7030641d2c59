package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One app-wide credential, fetched once per expiry for every process that shares the
 * {@link SharedStore}.
 * <p>
 * Reads are served from memory while the value is fresh, without allocating. Ahead of
 * expiry one thread of this process refreshes while the others keep using the still-valid
 * value; once the value has expired, the others wait for it, at most
 * {@link CredentialPolicy#maxWait()}. Across processes, the store's lease elects the one
 * that calls WeChat; the others read its result from the store. A failed refresh is
 * remembered for a second, so that a WeChat outage costs one timeout, not one per caller.
 * Waits and pauses end by the client's {@link Clock}, with the monotonic time as a
 * backstop (see {@link Deadline}).
 *
 * @param <V> what callers are given: a view of the stored credential, made once per value
 */
final class SharedCredential<V> {

	private static final Log logger = LogFactory.getLog(SharedCredential.class);

	private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long LAST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	/** How long a failure is handed to callers without asking WeChat again. */
	private static final Duration FAILURE_MEMORY = Duration.ofSeconds(1);

	/** How long a process that lost the lease ahead of expiry waits to look again. */
	private static final Duration LOST_LEASE_PAUSE = Duration.ofMillis(200);

	private static final Duration MAX_JITTER = Duration.ofSeconds(30);

	private final String key;

	private final SharedStore store;

	private final Function<@Nullable String, StoredValue> fetcher;

	private final Function<StoredValue, V> view;

	private final Clock clock;

	private final CredentialPolicy policy;

	private final CredentialListener listener;

	/** The refresh margin less this process's jitter, in milliseconds. */
	private final long earlyRefreshMillis;

	private final ReentrantLock refreshLock = new ReentrantLock();

	private final AtomicReference<@Nullable Cached<V>> cached = new AtomicReference<>();

	/** A value WeChat rejected, never to be taken from the store again. */
	private volatile @Nullable String rejectedValue;

	/** No refresh ahead of expiry is tried before this. */
	private volatile Deadline nextPrefetch = Deadline.PASSED;

	private volatile @Nullable Failure recentFailure;

	private volatile boolean listenerFailureLogged;

	/**
	 * Creates a credential.
	 * @param key the store key, such as {@code access_token}, and the kind told to the
	 * listener
	 * @param store the shared store
	 * @param fetcher fetches a new value from WeChat, given the value WeChat last
	 * rejected (or {@code null})
	 * @param view makes what callers are given from a stored value
	 * @param clock the clock that judges freshness
	 * @param policy the refresh policy
	 * @param listener hears fetches, cache hits, waits, invalidations and failures
	 */
	SharedCredential(String key, SharedStore store, Function<@Nullable String, StoredValue> fetcher,
			Function<StoredValue, V> view, Clock clock, CredentialPolicy policy, CredentialListener listener) {
		this.key = key;
		this.store = store;
		this.fetcher = fetcher;
		this.view = view;
		this.clock = clock;
		this.policy = policy;
		this.listener = listener;
		Duration maxJitter = min(MAX_JITTER, policy.refreshMargin().dividedBy(10));
		long jitterMillis = ThreadLocalRandom.current().nextLong(maxJitter.toMillis() + 1);
		this.earlyRefreshMillis = policy.refreshMargin().toMillis() - jitterMillis;
	}

	/**
	 * Returns a valid value, refreshing it when it is due.
	 * @return the value
	 * @throws WechatException if no valid value can be had within the policy's maximum
	 * wait
	 */
	V get() {
		Cached<V> current = this.cached.get();
		boolean inMemory = current != null;
		if (current == null) {
			current = validFromStore();
		}
		if (current != null) {
			long now = this.clock.millis();
			if (now < current.refreshAtMillis()) {
				if (inMemory) {
					cacheHit();
				}
				return current.view();
			}
			if (now < current.expiresAtMillis()) {
				return refreshAhead(current, inMemory).view();
			}
		}
		return refreshNow().view();
	}

	/**
	 * Drops a value that WeChat rejected, here and in the store if the store still holds
	 * it (compare-and-delete, so that a newer value another process stored stays).
	 * @param value the rejected value
	 */
	void invalidate(String value) {
		this.rejectedValue = value;
		Cached<V> current = this.cached.get();
		boolean dropped = current != null && current.credential().value().equals(value)
				&& this.cached.compareAndSet(current, null);
		boolean removed = this.store.remove(this.key, value);
		if (removed) {
			logger.info("Invalidated the " + this.key + " that WeChat rejected; it will be fetched again");
		}
		if (dropped || removed) {
			tell(CredentialListener::onInvalidation);
		}
	}

	/**
	 * Prepares a value for memory, with its view and when it is due for refresh: the
	 * refresh margin (less jitter) before expiry, but never earlier than half its
	 * lifetime, so that a value handed out near its own end (as {@code stable_token}
	 * does) is not fetched in a loop.
	 */
	private Cached<V> cache(StoredValue credential) {
		long storedAt = credential.storedAt().toEpochMilli();
		long expiresAt = credential.expiresAt().toEpochMilli();
		long early = Math.min(this.earlyRefreshMillis, (expiresAt - storedAt) / 2);
		return new Cached<>(credential, this.view.apply(credential), expiresAt - early, expiresAt);
	}

	private Cached<V> refreshAhead(Cached<V> current, boolean inMemory) {
		if (!this.nextPrefetch.passed(this.clock) || !this.refreshLock.tryLock()) {
			if (inMemory) {
				cacheHit();
			}
			return current;
		}
		try {
			Cached<V> latest = this.cached.get();
			if (latest != null && !latest.credential().equals(current.credential())) {
				return latest;
			}
			Cached<V> refreshed = refreshOnce();
			if (refreshed == null) {
				// Another process holds the lease: keep serving, look again shortly.
				this.nextPrefetch = Deadline.after(this.clock, LOST_LEASE_PAUSE);
				return current;
			}
			return refreshed;
		}
		catch (WechatException ex) {
			this.nextPrefetch = Deadline.after(this.clock, FAILURE_MEMORY);
			tell((listener, kind) -> listener.onFailure(kind, ex));
			logger.warn("Refreshing " + this.key + " ahead of expiry failed; the current value stays in use until "
					+ current.credential().expiresAt() + ": " + ex.getMessage());
			return current;
		}
		finally {
			this.refreshLock.unlock();
		}
	}

	private Cached<V> refreshNow() {
		long started = System.nanoTime();
		Deadline deadline = Deadline.after(this.clock, this.policy.maxWait());
		boolean waited = !this.refreshLock.tryLock();
		try {
			if (waited) {
				lockUntil(deadline);
			}
			try {
				Cached<V> current = this.cached.get();
				if (current != null && this.clock.millis() < current.expiresAtMillis()) {
					return current;
				}
				throwIfRecentlyFailed();
				try {
					long poll = FIRST_POLL_NANOS;
					while (true) {
						Cached<V> refreshed = refreshOnce();
						if (refreshed != null) {
							return refreshed;
						}
						if (deadline.passed(this.clock)) {
							throw new WechatTransportException("Waited " + this.policy.maxWait()
									+ " for another instance to refresh " + this.key
									+ ", which holds the store's lease but stored no new value; the lease lapses by "
									+ "itself within " + this.policy.leaseTtl());
						}
						waited = true;
						pause(Math.min(poll, deadline.remainingNanos(this.clock)));
						poll = Math.min(poll * 2, LAST_POLL_NANOS);
					}
				}
				catch (WechatException ex) {
					// An interrupted caller's failure is its own, not one to hand to
					// others.
					if (!(ex.getCause() instanceof InterruptedException)) {
						this.recentFailure = new Failure(ex, Deadline.after(this.clock, FAILURE_MEMORY));
						tell((listener, kind) -> listener.onFailure(kind, ex));
					}
					throw ex;
				}
			}
			finally {
				this.refreshLock.unlock();
			}
		}
		finally {
			if (waited) {
				Duration waitedFor = Duration.ofNanos(System.nanoTime() - started);
				tell((listener, kind) -> listener.onWait(kind, waitedFor));
			}
		}
	}

	/**
	 * Takes a usable value from the store, or fetches one under the store's lease. Called
	 * under the refresh lock.
	 * @return the value, or {@code null} if another process holds the lease
	 */
	private @Nullable Cached<V> refreshOnce() {
		Cached<V> stored = usableFromStore();
		if (stored != null) {
			return stored;
		}
		Optional<Lease> lease = this.store.tryAcquireLease(this.key, this.policy.leaseTtl());
		if (lease.isEmpty()) {
			return null;
		}
		try {
			return fetchUnderLease();
		}
		finally {
			release(lease.get());
		}
	}

	private Cached<V> fetchUnderLease() {
		// Another process may have stored a value between our read and our lease.
		Cached<V> stored = usableFromStore();
		if (stored != null) {
			return stored;
		}
		StoredValue fetched = this.fetcher.apply(this.rejectedValue);
		this.store.put(this.key, fetched);
		if (!fetched.value().equals(this.rejectedValue)) {
			this.rejectedValue = null;
		}
		Cached<V> fresh = cache(fetched);
		this.cached.set(fresh);
		this.recentFailure = null;
		this.nextPrefetch = Deadline.PASSED;
		tell(CredentialListener::onFetch);
		logger.debug("Fetched " + this.key + ", valid until " + fetched.expiresAt());
		return fresh;
	}

	/**
	 * Adopts the store's value while it is valid, even if it is due for refresh: an
	 * instance with nothing in memory (just started, or after an invalidation) then
	 * refreshes ahead like the others and, if the refresh fails, keeps serving that value
	 * until it expires instead of failing every call.
	 */
	private @Nullable Cached<V> validFromStore() {
		StoredValue stored = this.store.get(this.key).orElse(null);
		if (stored == null || stored.value().equals(this.rejectedValue)
				|| !this.clock.instant().isBefore(stored.expiresAt())) {
			return null;
		}
		Cached<V> adopted = cache(stored);
		return this.cached.compareAndSet(null, adopted) ? adopted : this.cached.get();
	}

	/** Adopts the store's value if it is valid and not yet due for refresh. */
	private @Nullable Cached<V> usableFromStore() {
		StoredValue stored = this.store.get(this.key).orElse(null);
		if (stored == null || stored.value().equals(this.rejectedValue)) {
			return null;
		}
		Cached<V> usable = cache(stored);
		if (this.clock.millis() >= usable.refreshAtMillis()) {
			return null;
		}
		this.cached.set(usable);
		return usable;
	}

	private void release(Lease lease) {
		try {
			this.store.releaseLease(lease);
		}
		catch (WechatException ex) {
			logger.warn("Could not release the lease on " + this.key + "; it lapses by itself at " + lease.expiresAt()
					+ ": " + ex.getMessage());
		}
	}

	private void lockUntil(Deadline deadline) {
		try {
			if (!this.refreshLock.tryLock(deadline.remainingNanos(this.clock), TimeUnit.NANOSECONDS)) {
				WechatTransportException timeout = new WechatTransportException(
						"Waited " + this.policy.maxWait() + " for another thread to refresh " + this.key);
				tell((listener, kind) -> listener.onFailure(kind, timeout));
				throw timeout;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WechatTransportException("Interrupted while waiting for " + this.key, ex);
		}
	}

	private void throwIfRecentlyFailed() {
		Failure failure = this.recentFailure;
		if (failure != null && !failure.until().passed(this.clock)) {
			// The same failure for every caller of this second: WeChat is not asked again
			// yet.
			throw failure.cause();
		}
	}

	private void cacheHit() {
		// A method reference that captures nothing: a cache hit allocates nothing.
		tell(CredentialListener::onCacheHit);
	}

	/** Tells the listener an event about this credential; its failures break nothing. */
	private void tell(BiConsumer<CredentialListener, String> event) {
		try {
			event.accept(this.listener, this.key);
		}
		catch (RuntimeException ex) {
			listenerFailed(ex);
		}
	}

	private void listenerFailed(RuntimeException ex) {
		if (!this.listenerFailureLogged) {
			this.listenerFailureLogged = true;
			logger.warn("The CredentialListener " + this.listener.getClass().getName() + " failed on " + this.key
					+ "; its failures are ignored and not logged again", ex);
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

	/**
	 * A value in memory with what its reads need, worked out once.
	 *
	 * @param credential the stored value
	 * @param view what callers are given
	 * @param refreshAtMillis when it is due for refresh, in epoch milliseconds
	 * @param expiresAtMillis when it expires, in epoch milliseconds
	 */
	private record Cached<V>(StoredValue credential, V view, long refreshAtMillis, long expiresAtMillis) {
	}

	private record Failure(WechatException cause, Deadline until) {
	}

}
