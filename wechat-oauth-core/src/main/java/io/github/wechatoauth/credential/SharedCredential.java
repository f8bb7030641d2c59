package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One app-wide credential, fetched once per expiry for every process that shares the
 * {@link SharedStore}.
 * <p>
 * Reads are served from memory while the value is fresh, without allocating. Ahead of
 * expiry one thread of this process refreshes while the others keep using the still-valid
 * value; once the value has expired, the others wait for that one refresh (a single
 * flight whose end wakes them all at once), at most {@link CredentialPolicy#maxWait()}.
 * Across processes, the store's lease elects the one that calls WeChat; the others learn
 * of its result as soon as the store tells them ({@link SharedStore#watch}, Redis), or
 * read it every {@link SharedStore#POLL_INTERVAL} (trying the lease, in case its holder
 * died, every quarter second). A failed refresh is remembered for a second, so that a
 * WeChat outage costs one timeout, not one per caller.
 * <p>
 * When the store fails (it is called through a
 * {@link io.github.wechatoauth.store.BoundedSharedStore}, so it fails within its budget),
 * the credential is fetched from WeChat without the fleet's lease and kept in memory:
 * WeChat's answer, not an error. Waits and pauses end by the client's {@link Clock}, with
 * the monotonic time as a backstop (see {@link Deadline}).
 *
 * @param <V> what callers are given: a view of the stored credential, made once per value
 */
final class SharedCredential<V> {

	private static final Log logger = LogFactory.getLog(SharedCredential.class);

	/**
	 * How long a caller waits for the store's word of another process's put before it
	 * reads the store itself, in case the word was lost.
	 */
	private static final Duration WATCH_FALLBACK = Duration.ofMillis(250);

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

	/** The refresh of this process in flight, which every waiter of it joins. */
	private final AtomicReference<@Nullable CompletableFuture<Cached<V>>> inFlight = new AtomicReference<>();

	/** The last forced refresh's flight, which only its own fetch ends. */
	private volatile @Nullable CompletableFuture<Cached<V>> forcedFlight;

	private final AtomicReference<@Nullable Cached<V>> cached = new AtomicReference<>();

	/** Notified when the store tells of a put; guards nothing. */
	private final Object putSignal = new Object();

	/** Whether the store tells of puts under the key, so that waiters need not poll. */
	private final boolean watched;

	/** A value WeChat rejected, never to be taken from the store again. */
	private volatile @Nullable String rejectedValue;

	/** No refresh ahead of expiry is tried before this. */
	private volatile Deadline nextPrefetch = Deadline.PASSED;

	private volatile @Nullable Failure recentFailure;

	private volatile boolean listenerFailureLogged;

	/** Counts the puts the store told of, so that a waiter misses none. */
	private final AtomicLong putsSeen = new AtomicLong();

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
		this.watched = watch(store, key, this::stored);
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
	 * Fetches a new value now with the given fetcher, whatever the current one, under the
	 * store's lease, and stores it for every instance; for a forced refresh.
	 * @param forcedFetch fetches the new value
	 * @return the new value
	 */
	V refresh(Supplier<StoredValue> forcedFetch) {
		Deadline deadline = Deadline.after(this.clock, this.policy.maxWait());
		while (true) {
			CompletableFuture<Cached<V>> mine = new CompletableFuture<>();
			// Marked before it can be in flight: another process's put does not end it.
			this.forcedFlight = mine;
			CompletableFuture<Cached<V>> theirs = this.inFlight.compareAndExchange(null, mine);
			if (theirs != null) {
				// Let the refresh in flight end first: the forced one comes after it.
				joinQuietly(theirs, deadline);
				continue;
			}
			try {
				Cached<V> refreshed = lead(mine, () -> forcedUnderLease(forcedFetch, deadline));
				return refreshed.view();
			}
			catch (WechatException ex) {
				tell((listener, kind) -> listener.onFailure(kind, ex));
				throw ex;
			}
		}
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
		boolean removed = false;
		try {
			removed = this.store.remove(this.key, value);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove the rejected " + this.key + " from the store: " + ex.getMessage());
		}
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
		CompletableFuture<Cached<V>> mine = new CompletableFuture<>();
		if (!this.nextPrefetch.passed(this.clock) || !this.inFlight.compareAndSet(null, mine)) {
			if (inMemory) {
				cacheHit();
			}
			return current;
		}
		try {
			return lead(mine, () -> {
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
			});
		}
		catch (WechatException ex) {
			this.nextPrefetch = Deadline.after(this.clock, FAILURE_MEMORY);
			tell((listener, kind) -> listener.onFailure(kind, ex));
			logger.warn("Refreshing " + this.key + " ahead of expiry failed; the current value stays in use until "
					+ current.credential().expiresAt() + ": " + ex.getMessage());
			return current;
		}
	}

	private Cached<V> refreshNow() {
		long started = System.nanoTime();
		Deadline deadline = Deadline.after(this.clock, this.policy.maxWait());
		boolean[] waited = { false };
		try {
			while (true) {
				Cached<V> current = this.cached.get();
				if (current != null && this.clock.millis() < current.expiresAtMillis()) {
					return current;
				}
				throwIfRecentlyFailed();
				CompletableFuture<Cached<V>> mine = new CompletableFuture<>();
				CompletableFuture<Cached<V>> theirs = this.inFlight.compareAndExchange(null, mine);
				if (theirs == null) {
					return leadRefreshNow(mine, deadline, waited);
				}
				waited[0] = true;
				Cached<V> joined = join(theirs, deadline);
				if (joined != null) {
					return joined;
				}
			}
		}
		finally {
			if (waited[0]) {
				Duration waitedFor = Duration.ofNanos(System.nanoTime() - started);
				tell((listener, kind) -> listener.onWait(kind, waitedFor));
			}
		}
	}

	private Cached<V> leadRefreshNow(CompletableFuture<Cached<V>> mine, Deadline deadline, boolean[] waited) {
		return lead(mine, () -> {
			try {
				long putsBefore = this.putsSeen.get();
				long nextLease = System.nanoTime();
				while (true) {
					// A polled store is read every poll, but its lease is tried less
					// often: the holder's put is what the poll looks for.
					boolean tryLease = System.nanoTime() - nextLease >= 0;
					Cached<V> refreshed = tryLease ? refreshOnce() : readOnce();
					if (refreshed != null) {
						return refreshed;
					}
					if (tryLease) {
						nextLease = System.nanoTime() + WATCH_FALLBACK.toNanos();
					}
					if (deadline.passed(this.clock)) {
						throw new WechatTransportException("Waited " + this.policy.maxWait()
								+ " for another instance to refresh " + this.key
								+ ", which holds the store's lease but stored no new value; the lease lapses by "
								+ "itself within " + this.policy.leaseTtl());
					}
					waited[0] = true;
					putsBefore = awaitPut(putsBefore, deadline);
					Cached<V> told = this.cached.get();
					if (told != null && this.clock.millis() < told.expiresAtMillis()) {
						return told;
					}
				}
			}
			catch (WechatException ex) {
				// Remembered before the flight ends, so that no caller starts another. An
				// interrupted caller's failure is its own, not one to hand to others.
				if (!(ex.getCause() instanceof InterruptedException)) {
					this.recentFailure = new Failure(ex, Deadline.after(this.clock, FAILURE_MEMORY));
					tell((listener, kind) -> listener.onFailure(kind, ex));
				}
				throw ex;
			}
		});
	}

	/**
	 * Runs a refresh as this process's single flight, and hands its outcome to every
	 * caller that joined it.
	 */
	private Cached<V> lead(CompletableFuture<Cached<V>> mine, Supplier<Cached<V>> refresh) {
		try {
			Cached<V> refreshed = refresh.get();
			this.inFlight.set(null);
			mine.complete(refreshed);
			return refreshed;
		}
		catch (RuntimeException ex) {
			this.inFlight.set(null);
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * Waits for the refresh in flight, at most until the deadline.
	 * @return its value, or {@code null} if it was given up by an interrupted leader (the
	 * caller then tries itself)
	 */
	private @Nullable Cached<V> join(CompletableFuture<Cached<V>> theirs, Deadline deadline) {
		try {
			return theirs.get(deadline.remainingNanos(this.clock), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			WechatTransportException timeout = new WechatTransportException(
					"Waited " + this.policy.maxWait() + " for another thread to refresh " + this.key);
			tell((listener, kind) -> listener.onFailure(kind, timeout));
			throw timeout;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof WechatException failure && failure.getCause() instanceof InterruptedException
					&& !deadline.passed(this.clock)) {
				return null;
			}
			if (cause instanceof RuntimeException failure) {
				throw failure;
			}
			throw new WechatTransportException("Refreshing " + this.key + " failed", cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WechatTransportException("Interrupted while waiting for " + this.key, ex);
		}
	}

	private void joinQuietly(CompletableFuture<Cached<V>> theirs, Deadline deadline) {
		try {
			join(theirs, deadline);
		}
		catch (WechatException ex) {
			if (Thread.currentThread().isInterrupted() || deadline.passed(this.clock)) {
				throw ex;
			}
		}
	}

	/**
	 * Waits until the store tells of a put (when it can), or for a poll interval.
	 * @return the count of puts seen, for the next wait
	 */
	private long awaitPut(long putsBefore, Deadline deadline) {
		long nanos = Math.min(deadline.remainingNanos(this.clock),
				(this.watched ? WATCH_FALLBACK : SharedStore.POLL_INTERVAL).toNanos());
		try {
			if (!this.watched) {
				TimeUnit.NANOSECONDS.sleep(nanos);
				return putsBefore;
			}
			long until = System.nanoTime() + nanos;
			synchronized (this.putSignal) {
				while (this.putsSeen.get() == putsBefore) {
					long left = until - System.nanoTime();
					if (left <= 0) {
						break;
					}
					TimeUnit.NANOSECONDS.timedWait(this.putSignal, left);
				}
			}
			return this.putsSeen.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WechatTransportException("Interrupted while waiting for a credential refresh", ex);
		}
	}

	/**
	 * Takes a usable value from the store, or fetches one under the store's lease; when
	 * the store fails, fetches one without it.
	 * @return the value, or {@code null} if another process holds the lease
	 */
	private @Nullable Cached<V> refreshOnce() {
		Optional<StoredValue> stored;
		Optional<Lease> lease;
		try {
			stored = this.store.get(this.key);
			Cached<V> usable = usable(stored);
			if (usable != null) {
				return usable;
			}
			lease = this.store.tryAcquireLease(this.key, this.policy.leaseTtl());
		}
		catch (RuntimeException ex) {
			if (ex instanceof WechatException failure && failure.getCause() instanceof InterruptedException) {
				throw failure;
			}
			return fetchWithoutStore(ex);
		}
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

	/**
	 * Takes a usable value from the store, without trying its lease; when the store
	 * fails, fetches one without it.
	 * @return the value, or {@code null} if the store holds none yet
	 */
	private @Nullable Cached<V> readOnce() {
		try {
			return usable(this.store.get(this.key));
		}
		catch (RuntimeException ex) {
			if (ex instanceof WechatException failure && failure.getCause() instanceof InterruptedException) {
				throw failure;
			}
			return fetchWithoutStore(ex);
		}
	}

	private Cached<V> fetchUnderLease() {
		// Another process may have stored a value between our read and our lease.
		Cached<V> stored;
		try {
			stored = usable(this.store.get(this.key));
		}
		catch (RuntimeException ex) {
			stored = null;
		}
		if (stored != null) {
			return stored;
		}
		return fetched(this.fetcher.apply(this.rejectedValue));
	}

	/**
	 * Fetches from WeChat without the fleet's lease, because the store failed: right with
	 * {@code stable_token}, which hands every instance the same token; with
	 * {@code cgi-bin/token}, each instance's fetch replaces the others' tokens 5 minutes
	 * later, whose calls then refresh once on 40001.
	 */
	private Cached<V> fetchWithoutStore(RuntimeException storeFailure) {
		if (logger.isDebugEnabled()) {
			logger
				.debug("Fetching " + this.key + " from WeChat without the shared store: " + storeFailure.getMessage());
		}
		return fetched(this.fetcher.apply(this.rejectedValue));
	}

	private Cached<V> forcedUnderLease(Supplier<StoredValue> forcedFetch, Deadline deadline) {
		Optional<Lease> lease = Optional.empty();
		long putsBefore = this.putsSeen.get();
		while (lease.isEmpty()) {
			try {
				lease = this.store.tryAcquireLease(this.key, this.policy.leaseTtl());
			}
			catch (RuntimeException ex) {
				return fetched(forcedFetch.get());
			}
			if (lease.isEmpty()) {
				if (deadline.passed(this.clock)) {
					throw new WechatTransportException("Waited " + this.policy.maxWait() + " for another instance's "
							+ "refresh of " + this.key + " to end before forcing one");
				}
				putsBefore = awaitPut(putsBefore, deadline);
			}
		}
		try {
			return fetched(forcedFetch.get());
		}
		finally {
			release(lease.get());
		}
	}

	/** Keeps a value fetched from WeChat, in memory and, if it can, in the store. */
	private Cached<V> fetched(StoredValue fetched) {
		try {
			this.store.put(this.key, fetched);
		}
		catch (RuntimeException ex) {
			logger.debug("Kept the fetched " + this.key + " in memory only: " + ex.getMessage());
		}
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
	 * until it expires instead of failing every call. A store that fails is passed over.
	 */
	private @Nullable Cached<V> validFromStore() {
		StoredValue stored;
		try {
			stored = this.store.get(this.key).orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (stored == null || stored.value().equals(this.rejectedValue)
				|| !this.clock.instant().isBefore(stored.expiresAt())) {
			return null;
		}
		Cached<V> adopted = cache(stored);
		return this.cached.compareAndSet(null, adopted) ? adopted : this.cached.get();
	}

	/** Adopts the store's value if it is valid and not yet due for refresh. */
	private @Nullable Cached<V> usable(Optional<StoredValue> stored) {
		if (stored.isEmpty() || stored.get().value().equals(this.rejectedValue)) {
			return null;
		}
		Cached<V> usable = cache(stored.get());
		if (this.clock.millis() >= usable.refreshAtMillis()) {
			return null;
		}
		this.cached.set(usable);
		return usable;
	}

	/**
	 * Hears a value another process (or this one) put: adopts it if it is newer than the
	 * one in memory, and wakes the callers waiting for it.
	 */
	private void stored(StoredValue value) {
		if (!value.value().equals(this.rejectedValue) && this.clock.instant().isBefore(value.expiresAt())) {
			Cached<V> current = this.cached.get();
			if (current == null || (!current.credential().value().equals(value.value())
					&& !value.storedAt().isBefore(current.credential().storedAt()))) {
				this.cached.compareAndSet(current, cache(value));
			}
			Cached<V> adopted = this.cached.get();
			CompletableFuture<Cached<V>> flight = this.inFlight.get();
			if (flight != null && flight != this.forcedFlight && adopted != null
					&& adopted.credential().equals(value)) {
				// The callers that joined this process's refresh have what they wait for:
				// they wake now, on this thread, not after its leader has woken.
				flight.complete(adopted);
			}
		}
		synchronized (this.putSignal) {
			this.putsSeen.incrementAndGet();
			this.putSignal.notifyAll();
		}
	}

	private void release(Lease lease) {
		try {
			this.store.releaseLease(lease);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the lease on " + this.key + "; it lapses by itself at " + lease.expiresAt()
					+ ": " + ex.getMessage());
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

	private static boolean watch(SharedStore store, String key, Consumer<StoredValue> listener) {
		try {
			return store.watch(key, listener);
		}
		catch (RuntimeException ex) {
			logger.debug("The shared store cannot tell of puts under " + key + "; waiting callers poll it", ex);
			return false;
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
