package io.github.wechatoauth.store;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An expiring key-value store with leases, for one app (appid), shared by every process
 * that uses the same backend. It keeps the app-wide credentials (the access token and the
 * {@code jsapi_ticket}, with a lease so that one process refreshes while the others wait
 * for its result), QR log-in state, the message endpoint's de-duplication marks and the
 * daily budget of forced token refreshes. Implementations are thread-safe and judge
 * expiry by their own {@link java.time.Clock}.
 * <p>
 * The in-memory {@link InMemorySharedStore} is the default; the Spring Boot starter adds
 * Redis and JDBC stores. A store that cannot reach its server throws a
 * {@link io.github.wechatoauth.WechatTransportException}; the client calls it through a
 * {@link BoundedSharedStore}, which bounds every call by a time budget however the store
 * misbehaves.
 */
public interface SharedStore {

	/**
	 * How often a caller that waits for another process polls a store that cannot
	 * {@link #watch} its keys.
	 */
	Duration POLL_INTERVAL = Duration.ofMillis(25);

	/**
	 * Returns the value stored under a key.
	 * @param key the key, such as {@code access_token}
	 * @return the value, or empty if none is stored or it has expired
	 */
	Optional<StoredValue> get(String key);

	/**
	 * Stores a value under a key, replacing any; the store forgets it at
	 * {@link StoredValue#expiresAt()}.
	 * @param key the key
	 * @param value the value
	 */
	void put(String key, StoredValue value);

	/**
	 * Removes the value under a key only if it still holds a given value
	 * (compare-and-delete), so that a process invalidating an old token never removes the
	 * new one another process just stored.
	 * @param key the key
	 * @param expectedValue the value to remove
	 * @return whether a value was removed
	 */
	boolean remove(String key, String expectedValue);

	/**
	 * Replaces the unexpired value under a key only if it still holds a given value
	 * (compare-and-set), as one atomic step: of two processes that replace the same
	 * value, one succeeds and the other gets {@code false}.
	 * @param key the key
	 * @param expectedValue the value that must be stored for the replacement to happen
	 * @param newValue the value stored instead; the store forgets it at its
	 * {@link StoredValue#expiresAt()}
	 * @return whether the value was replaced
	 */
	boolean replace(String key, String expectedValue, StoredValue newValue);

	/**
	 * Tries to take the lease of a key. At most one holder has an unexpired lease on a
	 * key at any time.
	 * @param key the key
	 * @param ttl how long the lease lasts unless released
	 * @return the lease, or empty if another holder's lease has not expired
	 */
	Optional<Lease> tryAcquireLease(String key, Duration ttl);

	/**
	 * Releases a lease if its owner still holds it (compare-and-delete); does nothing
	 * otherwise.
	 * @param lease the lease
	 */
	void releaseLease(Lease lease);

	/**
	 * Asks the store to tell of every value put under a key by any process that shares
	 * it, such as a refreshed token that another instance stored. The listener is called
	 * on a thread of the store's, must be quick, and may miss a put (while the store is
	 * unreachable, say): it speeds things up, never replaces reading the store. The
	 * default tells nothing.
	 * @param key the key
	 * @param listener given each value put under the key
	 * @return whether the store will tell of puts; {@code false} if it cannot, and then
	 * waiting callers poll it every {@link #POLL_INTERVAL}
	 */
	default boolean watch(String key, Consumer<StoredValue> listener) {
		return false;
	}

}
