package io.github.wechatoauth.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move, so that nothing sleeps. The one test clock of every module
 * (the starter and the sample get it from core's test jar).
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	/**
	 * Starts at the current time, to the millisecond (the precision stores keep).
	 */
	public MutableClock() {
		this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Starts at the given instant.
	 * @param start the first instant the clock tells
	 */
	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	/**
	 * Returns a clock starting at 2026-01-01T00:00:00Z, for tests that want fixed
	 * instants.
	 * @return the clock
	 */
	public static MutableClock startingAt2026() {
		return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * Moves the clock forward (or back, with a negative duration).
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/**
	 * Sets the clock to an instant.
	 * @param instant the instant the clock tells from now on
	 */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (ZoneOffset.UTC.equals(zone.normalized())) {
			return this;
		}
		throw new UnsupportedOperationException("a MutableClock stays in UTC, was asked for " + zone);
	}

}
