package io.github.wechatoauth.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

import jakarta.servlet.http.HttpSession;

/**
 * How many "Follow to log in" QR codes may be made: at most {@code max-codes-per-session}
 * per session within its window, and at most {@code max-codes-per-minute} for the whole
 * app, since a client that keeps no cookie has a new session on every request. Each code
 * is a {@code qrcode/create} call against the account's daily quota (100,000).
 */
final class QrCodeLimit {

	private static final String SESSION_ATTRIBUTE = QrCodeLimit.class.getName() + ".madeAt";

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final SampleProperties.Follow limits;

	private final Clock clock;

	private Instant minuteStart = Instant.MIN;

	private int madeThisMinute;

	QrCodeLimit(SampleProperties.Follow limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Counts one more code for the session if both limits allow it.
	 * @param session the browser's session
	 * @return whether the code may be made
	 */
	boolean tryAcquire(HttpSession session) {
		Instant now = this.clock.instant();
		ArrayDeque<Instant> madeAt = madeAt(session);
		synchronized (this) {
			while (!madeAt.isEmpty() && !madeAt.peekFirst().isAfter(now.minus(this.limits.getSessionWindow()))) {
				madeAt.pollFirst();
			}
			if (madeAt.size() >= this.limits.getMaxCodesPerSession()) {
				return false;
			}
			if (!now.isBefore(this.minuteStart.plus(MINUTE))) {
				this.minuteStart = now;
				this.madeThisMinute = 0;
			}
			if (this.madeThisMinute >= this.limits.getMaxCodesPerMinute()) {
				return false;
			}
			this.madeThisMinute++;
			madeAt.addLast(now);
		}
		// Set again, so that a session kept elsewhere than in memory stores the change.
		session.setAttribute(SESSION_ATTRIBUTE, madeAt);
		return true;
	}

	@SuppressWarnings("unchecked")
	private static ArrayDeque<Instant> madeAt(HttpSession session) {
		return (session.getAttribute(SESSION_ATTRIBUTE) instanceof ArrayDeque<?> found) ? (ArrayDeque<Instant>) found
				: new ArrayDeque<>();
	}

}
