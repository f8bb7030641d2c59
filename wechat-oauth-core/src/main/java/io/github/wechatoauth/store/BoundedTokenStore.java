package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link TokenStore} whose every call ends within a time budget, as
 * {@link BoundedSharedStore} does for the shared store: so that {@code getUser()} fails
 * within its budget when the store of user tokens is down, instead of waiting for the
 * store client's own timeout.
 */
public final class BoundedTokenStore implements TokenStore {

	/** The name this store is given in log lines and to a {@link StoreListener}. */
	public static final String NAME = "token store";

	private static final Log logger = LogFactory.getLog(BoundedTokenStore.class);

	private final TokenStore delegate;

	private final StoreCircuit circuit;

	private BoundedTokenStore(TokenStore delegate, Duration timeout, Clock clock, StoreListener listener) {
		this.delegate = delegate;
		this.circuit = new StoreCircuit(NAME, delegate, timeout, clock, listener, logger,
				"calls that need a user's stored token fail at once");
	}

	/**
	 * Returns a store whose calls end within a budget: the store itself if it is bounded
	 * already or in memory, else a {@link BoundedTokenStore} around it.
	 * @param store the store
	 * @param timeout the budget of one call, positive
	 * @param clock the clock that spaces the probes of a store taken as down
	 * @param listener hears when the store goes down and comes back
	 * @return the bounded store
	 */
	public static TokenStore of(TokenStore store, Duration timeout, Clock clock, StoreListener listener) {
		if (store instanceof BoundedTokenStore || store instanceof InMemoryTokenStore) {
			return store;
		}
		return new BoundedTokenStore(store, timeout, clock, listener);
	}

	/**
	 * Tells whether the store is taken as up: no call failed since the last success.
	 * @return whether it is up
	 */
	public boolean isAvailable() {
		return this.circuit.isAvailable();
	}

	@Override
	public Optional<UserToken> getToken(String openid) {
		return this.circuit.call("read a user token", () -> this.delegate.getToken(openid));
	}

	@Override
	public void saveToken(String openid, UserToken token) {
		this.circuit.call("save a user token", () -> {
			this.delegate.saveToken(openid, token);
			return Boolean.TRUE;
		});
	}

	@Override
	public void removeToken(String openid) {
		this.circuit.call("remove a user token", () -> {
			this.delegate.removeToken(openid);
			return Boolean.TRUE;
		});
	}

	@Override
	public String toString() {
		return "BoundedTokenStore[" + this.delegate + ", timeout=" + this.circuit.timeout() + "]";
	}

}
