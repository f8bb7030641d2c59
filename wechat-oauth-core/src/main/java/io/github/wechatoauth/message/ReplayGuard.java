package io.github.wechatoauth.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Refuses a signed nonce used again with another body. Each accepted push marks its
 * timestamp and nonce, and the digest of its body, in the shared store for twice the
 * timestamp window, so that every instance sharing the store sees them. The same request
 * again (such as WeChat's retry, if it keeps the nonce) passes, and the endpoint's
 * de-duplication answers it; another body under a used nonce is refused with
 * {@link Reason#REPLAYED}. A store that fails or does not answer within its budget lets
 * the push through: one WARN when that starts, one INFO when the store answers again.
 */
final class ReplayGuard {

	private static final Log logger = LogFactory.getLog(ReplayGuard.class);

	private static final String KEY_PREFIX = "nonce:";

	/** Longer nonces are hashed, to fit every store's key column. */
	private static final int MAX_NONCE_LENGTH = 48;

	private final SharedStore store;

	private final Duration ttl;

	private final AtomicBoolean failing = new AtomicBoolean();

	ReplayGuard(SharedStore store, Duration timestampWindow) {
		this.store = store;
		this.ttl = timestampWindow.multipliedBy(2);
	}

	/**
	 * Marks a signed request, or refuses it as a replay.
	 * @param timestamp the signed timestamp, already checked to be within the window
	 * @param nonce the signed nonce
	 * @param body the request body
	 * @throws WechatMessageException with {@link Reason#REPLAYED} if the nonce came
	 * before with another body
	 */
	void check(String timestamp, String nonce, byte[] body) {
		String key = KEY_PREFIX + timestamp.strip() + ":"
				+ ((nonce.length() <= MAX_NONCE_LENGTH) ? nonce : sha256(nonce.getBytes(StandardCharsets.UTF_8)));
		try {
			Optional<Lease> thisBody = this.store.tryAcquireLease(key + ":" + sha256(body).substring(0, 32), this.ttl);
			if (thisBody.isPresent() && this.store.tryAcquireLease(key, this.ttl).isEmpty()) {
				// Freed, so that this body replayed again is still refused.
				this.store.releaseLease(thisBody.get());
				recovered();
				throw new WechatMessageException(Reason.REPLAYED,
						"the nonce was used within the timestamp window with another body");
			}
			recovered();
		}
		catch (WechatMessageException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (this.failing.compareAndSet(false, true)) {
				logger.warn("Could not check pushes' nonces for replays (" + ex.getMessage()
						+ "); pushes are accepted without that check until the store answers again");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Could not check a push's nonce for a replay: " + ex.getMessage());
			}
		}
	}

	private void recovered() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Pushes' nonces are checked for replays again");
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
