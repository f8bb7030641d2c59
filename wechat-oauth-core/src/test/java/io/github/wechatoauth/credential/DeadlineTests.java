package io.github.wechatoauth.credential;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Deadline}: judged by the client's clock to the millisecond, with the monotonic
 * backstop bounding a wait when the clock steps back.
 */
class DeadlineTests {

	private final MutableClock clock = MutableClock.startingAt2026();

	@Test
	void passesWhenTheClockReachesItsInstantExactly() {
		Deadline deadline = Deadline.after(this.clock, Duration.ofSeconds(10));
		assertThat(deadline.passed(this.clock)).isFalse();
		assertThat(deadline.remainingNanos(this.clock)).isEqualTo(Duration.ofSeconds(10).toNanos());

		this.clock.advance(Duration.ofSeconds(10).minusMillis(1));
		assertThat(deadline.passed(this.clock)).isFalse();
		assertThat(deadline.remainingNanos(this.clock)).isEqualTo(Duration.ofMillis(1).toNanos());

		this.clock.advance(Duration.ofMillis(1));
		assertThat(deadline.passed(this.clock)).isTrue();
		assertThat(deadline.remainingNanos(this.clock)).isZero();

		this.clock.advance(Duration.ofHours(1));
		assertThat(deadline.passed(this.clock)).isTrue();
		assertThat(deadline.remainingNanos(this.clock)).isZero();
	}

	@Test
	void aZeroDurationHasPassedAtOnceByTheClock() {
		Deadline deadline = Deadline.after(this.clock, Duration.ZERO);
		assertThat(deadline.passed(this.clock)).isTrue();
		assertThat(deadline.remainingNanos(this.clock)).isZero();
	}

	@Test
	void passedHasAlwaysPassed() {
		this.clock.advance(Duration.ofDays(-365L * 1000));
		assertThat(Deadline.PASSED.passed(this.clock)).isTrue();
		assertThat(Deadline.PASSED.remainingNanos(this.clock)).isZero();
	}

	@Test
	void aClockSteppingBackWaitsNoLongerThanTheBackstop() {
		Deadline deadline = Deadline.after(this.clock, Duration.ofSeconds(10));
		this.clock.advance(Duration.ofDays(-1));

		assertThat(deadline.passed(this.clock)).isFalse();
		// By the clock a day and 10 s are left; the backstop allows twice 10 s and a
		// second.
		assertThat(deadline.remainingNanos(this.clock)).isGreaterThan(Duration.ofSeconds(10).toNanos())
			.isLessThanOrEqualTo(Duration.ofSeconds(21).toNanos());
	}

	@Test
	void aDurationOfCenturiesIsCutAndItsBackstopIsNotDoubled() {
		Duration centuries = ChronoUnit.CENTURIES.getDuration().multipliedBy(3);
		Duration cut = Duration.ofDays(365L * 100);
		Deadline deadline = Deadline.after(this.clock, centuries);
		assertThat(deadline.remainingNanos(this.clock)).isGreaterThan(cut.minusDays(1).toNanos())
			.isLessThanOrEqualTo(cut.toNanos());

		this.clock.advance(Duration.ofDays(-365L * 50));
		// By the clock 150 years are left: the backstop, at 100 years, is nearer.
		assertThat(deadline.passed(this.clock)).isFalse();
		assertThat(deadline.remainingNanos(this.clock)).isGreaterThan(cut.minusDays(1).toNanos())
			.isLessThanOrEqualTo(cut.toNanos());

		this.clock.advance(Duration.ofDays(365L * 150));
		assertThat(deadline.passed(this.clock)).isTrue();
	}

}
