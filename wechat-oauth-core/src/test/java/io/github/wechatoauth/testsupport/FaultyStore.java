package io.github.wechatoauth.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;

/**
 * A store in front of a working one that a test can switch to hang (as a paused server:
 * each call blocks until the store is healed, or a minute) or to fail (as a server that
 * refuses connections), counting the calls that reach it. For core's unit tests of the
 * bounds; the starter's fault tests pause real servers.
 */
public final class FaultyStore implements SharedStore, TokenStore {

	private final SharedStore shared;

	private final TokenStore tokens;

	private volatile Mode mode = Mode.WORKING;

	private volatile CountDownLatch healed = new CountDownLatch(0);

	private final AtomicInteger calls = new AtomicInteger();

	public FaultyStore(SharedStore shared, TokenStore tokens) {
		this.shared = shared;
		this.tokens = tokens;
	}

	/** Every call from now on blocks until {@link #heal()}. */
	public void hang() {
		this.healed = new CountDownLatch(1);
		this.mode = Mode.HANGING;
	}

	/** Every call from now on fails at once. */
	public void fail() {
		this.mode = Mode.FAILING;
	}

	/** Calls work again, and hanging ones go on. */
	public void heal() {
		this.mode = Mode.WORKING;
		this.healed.countDown();
	}

	/** Returns the calls that reached the store. */
	public int calls() {
		return this.calls.get();
	}

	private <T> T call(Supplier<T> call) {
		this.calls.incrementAndGet();
		Mode current = this.mode;
		if (current == Mode.FAILING) {
			throw new WechatTransportException("Test store could not connect: Connection refused");
		}
		if (current == Mode.HANGING) {
			try {
				if (!this.healed.await(1, TimeUnit.MINUTES)) {
					throw new WechatTransportException("Test store timed out after a minute");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new WechatTransportException("Test store call interrupted", ex);
			}
		}
		return call.get();
	}

	@Override
	public Optional<StoredValue> get(String key) {
		return call(() -> this.shared.get(key));
	}

	@Override
	public void put(String key, StoredValue value) {
		call(() -> {
			this.shared.put(key, value);
			return null;
		});
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		return call(() -> this.shared.remove(key, expectedValue));
	}

	@Override
	public boolean replace(String key, String expectedValue, StoredValue newValue) {
		return call(() -> this.shared.replace(key, expectedValue, newValue));
	}

	@Override
	public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
		return call(() -> this.shared.tryAcquireLease(key, ttl));
	}

	@Override
	public void releaseLease(Lease lease) {
		call(() -> {
			this.shared.releaseLease(lease);
			return null;
		});
	}

	@Override
	public Optional<UserToken> getToken(String openid) {
		return call(() -> this.tokens.getToken(openid));
	}

	@Override
	public void saveToken(String openid, UserToken token) {
		call(() -> {
			this.tokens.saveToken(openid, token);
			return null;
		});
	}

	@Override
	public void removeToken(String openid) {
		call(() -> {
			this.tokens.removeToken(openid);
			return null;
		});
	}

	private enum Mode {

		WORKING, HANGING, FAILING

	}

}
