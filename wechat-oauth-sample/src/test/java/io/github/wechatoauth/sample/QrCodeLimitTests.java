package io.github.wechatoauth.sample;

import java.time.Duration;
import java.util.stream.IntStream;

import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many "Follow to log in" QR codes may be made, per session and for the whole app;
 * time is a clock the tests move.
 */
class QrCodeLimitTests {

	private final MutableClock clock = MutableClock.startingAt2026();

	private final SampleProperties.Follow limits = new SampleProperties.Follow();

	private final QrCodeLimit limit = new QrCodeLimit(this.limits, this.clock);

	@Test
	void allowsASessionItsCodesPerWindowAndThenRefusesUntilTheWindowMoves() {
		MockHttpSession session = new MockHttpSession();

		assertThat(made(session, 100)).isEqualTo(5);

		this.clock.advance(Duration.ofMinutes(9));
		assertThat(made(session, 100)).as("within the window").isZero();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(made(session, 100)).as("the first five have left the window").isEqualTo(5);
	}

	@Test
	void boundsTheWholeAppPerMinuteWhateverTheSessions() {
		// 200 requests without a cookie: a new session each
		long made = IntStream.range(0, 200).filter((i) -> this.limit.tryAcquire(new MockHttpSession())).count();

		assertThat(made).isEqualTo(30);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.limit.tryAcquire(new MockHttpSession())).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.limit.tryAcquire(new MockHttpSession())).isTrue();
	}

	@Test
	void aRefusedRequestCostsNothing() {
		this.limits.setMaxCodesPerSession(1);
		MockHttpSession session = new MockHttpSession();
		assertThat(made(session, 50)).isEqualTo(1);

		assertThat(made(new MockHttpSession(), 1)).as("the app-wide count saw one code only").isEqualTo(1);
	}

	@Test
	void limitsAreCheckedWhenSet() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> this.limits.setMaxCodesPerMinute(0))
			.withMessage("sample.follow.max-codes-per-minute must be at least 1, but was 0");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> this.limits.setSessionWindow(Duration.ZERO))
			.withMessage("sample.follow.session-window must be positive, but was PT0S");
	}

	private int made(MockHttpSession session, int requests) {
		return (int) IntStream.range(0, requests).filter((i) -> this.limit.tryAcquire(session)).count();
	}

}
