package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A moment judged by the client's {@link Clock}, with {@link System#nanoTime()} as a
 * backstop: it has passed when the clock says so, or when twice its length and a second
 * more have passed on the monotonic time. The clock lets a test move time without
 * sleeping (and the backstop's slack keeps a test's frozen clock from racing a busy
 * machine's real time); the backstop keeps a wall-clock step backwards from stretching a
 * wait without bound.
 */
final class Deadline {

	/** A deadline that has always passed. */
	static final Deadline PASSED = new Deadline(Long.MIN_VALUE, 0);

	/** Added to twice a duration for the monotonic backstop. */
	private static final long BACKSTOP_SLACK_MILLIS = 1000;

	/** Longer durations are cut to this, so that no sum overflows. */
	private static final long MAX_MILLIS = TimeUnit.DAYS.toMillis(365L * 100);

	private final long clockMillis;

	private final long nanos;

	private Deadline(long clockMillis, long nanos) {
		this.clockMillis = clockMillis;
		this.nanos = nanos;
	}

	/**
	 * Returns the deadline a duration from now.
	 * @param clock the client's clock
	 * @param duration how long from now, not negative
	 * @return the deadline
	 */
	static Deadline after(Clock clock, Duration duration) {
		long millis = Math.min(duration.toMillis(), MAX_MILLIS);
		long backstopMillis = (millis == MAX_MILLIS) ? MAX_MILLIS : 2 * millis + BACKSTOP_SLACK_MILLIS;
		return new Deadline(clock.millis() + millis, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backstopMillis));
	}

	/**
	 * Tells whether the deadline has passed, by the clock or by the backstop.
	 * @param clock the client's clock
	 * @return whether it has passed
	 */
	boolean passed(Clock clock) {
		return this.clockMillis == Long.MIN_VALUE || System.nanoTime() - this.nanos >= 0
				|| clock.millis() >= this.clockMillis;
	}

	/**
	 * Returns the time left by the stricter measure: the clock's, unless the backstop is
	 * nearer.
	 * @param clock the client's clock
	 * @return the nanoseconds left, zero once passed
	 */
	long remainingNanos(Clock clock) {
		if (this.clockMillis == Long.MIN_VALUE) {
			return 0;
		}
		long byClock = TimeUnit.MILLISECONDS.toNanos(Math.max(0, this.clockMillis - clock.millis()));
		return Math.max(0, Math.min(this.nanos - System.nanoTime(), byClock));
	}

}
