package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link SharedStore} whose every call ends within a time budget, however the store
 * behind it misbehaves (a paused server, a dead network, a full connection pool): the
 * call runs on a small pool of this store's own threads while the caller waits at most
 * the budget, then gets a {@link io.github.wechatoauth.WechatTransportException}. After a
 * failure the store is taken as down: later calls fail at once, without touching it,
 * except one probe every few seconds, whose success brings it back. One WARN says when
 * the store goes down and one INFO when it is back; a {@link StoreListener} hears both.
 * <p>
 * The client wraps every store it is given in one (except the in-memory store, which
 * never waits), so that a user's own {@link SharedStore} is bounded too. Store calls
 * therefore run on other threads than the caller's: a store must not depend on the
 * caller's thread (its transaction, say).
 */
public final class BoundedSharedStore implements SharedStore {

	/** The name this store is given in log lines and to a {@link StoreListener}. */
	public static final String NAME = "shared store";

	/** The budget of one store call unless another is given: one second. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(BoundedSharedStore.class);

	private final SharedStore delegate;

	private final StoreCircuit circuit;

	private BoundedSharedStore(SharedStore delegate, Duration timeout, Clock clock, StoreListener listener) {
		this.delegate = delegate;
		this.circuit = new StoreCircuit(NAME, delegate, timeout, clock, listener, logger,
				"each instance fetches the app credentials from WeChat and keeps them in its memory; "
						+ "QR log-in and other calls that need the store fail at once");
	}

	/**
	 * Returns a store whose calls end within a budget: the store itself if it is bounded
	 * already or in memory, else a {@link BoundedSharedStore} around it.
	 * @param store the store
	 * @param timeout the budget of one call, positive
	 * @param clock the clock that spaces the probes of a store taken as down
	 * @param listener hears when the store goes down and comes back
	 * @return the bounded store
	 */
	public static SharedStore of(SharedStore store, Duration timeout, Clock clock, StoreListener listener) {
		if (store instanceof BoundedSharedStore || store instanceof InMemorySharedStore) {
			return store;
		}
		return new BoundedSharedStore(store, timeout, clock, listener);
	}

	/**
	 * Tells whether the store is taken as up: no call failed since the last success.
	 * @return whether it is up
	 */
	public boolean isAvailable() {
		return this.circuit.isAvailable();
	}

	@Override
	public Optional<StoredValue> get(String key) {
		return this.circuit.call("read " + key, () -> this.delegate.get(key));
	}

	@Override
	public void put(String key, StoredValue value) {
		this.circuit.call("store " + key, () -> {
			this.delegate.put(key, value);
			return Boolean.TRUE;
		});
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		return this.circuit.call("remove " + key, () -> this.delegate.remove(key, expectedValue));
	}

	@Override
	public boolean replace(String key, String expectedValue, StoredValue newValue) {
		return this.circuit.call("replace " + key, () -> this.delegate.replace(key, expectedValue, newValue));
	}

	@Override
	public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
		return this.circuit.call("take the lease of " + key, () -> this.delegate.tryAcquireLease(key, ttl));
	}

	@Override
	public void releaseLease(Lease lease) {
		this.circuit.call("release the lease of " + lease.key(), () -> {
			this.delegate.releaseLease(lease);
			return Boolean.TRUE;
		});
	}

	/**
	 * Passes the listener to the store behind; a failure to do so is logged, not thrown,
	 * since watching only speeds things up.
	 */
	@Override
	public boolean watch(String key, Consumer<StoredValue> listener) {
		try {
			return this.delegate.watch(key, listener);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not watch " + key + "; waiting callers poll the store instead", ex);
			return false;
		}
	}

	@Override
	public String toString() {
		return "BoundedSharedStore[" + this.delegate + ", timeout=" + this.circuit.timeout() + "]";
	}

}
