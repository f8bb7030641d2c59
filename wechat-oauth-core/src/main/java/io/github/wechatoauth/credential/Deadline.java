package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A moment judged twice, by the client's {@link Clock} and by {@link System#nanoTime()}:
 * it has passed as soon as either says so. The clock lets a test move time without
 * sleeping; the monotonic time keeps a wall-clock step backwards from stretching a wait.
 */
final class Deadline {

	/** A deadline that has always passed. */
	static final Deadline PASSED = new Deadline(Long.MIN_VALUE, 0);

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
		long nanos = (millis == MAX_MILLIS) ? TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS) : duration.toNanos();
		return new Deadline(clock.millis() + millis, System.nanoTime() + nanos);
	}

	/**
	 * Tells whether the deadline has passed by either measure.
	 * @param clock the client's clock
	 * @return whether it has passed
	 */
	boolean passed(Clock clock) {
		return this.clockMillis == Long.MIN_VALUE || System.nanoTime() - this.nanos >= 0
				|| clock.millis() >= this.clockMillis;
	}

	/**
	 * Returns the time left by the stricter measure.
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
