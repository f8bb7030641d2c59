package io.github.wechatoauth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The retry policy for {@code errcode -1}: bounded, with doubling backoff.
 */
class BusyRetryTests {

	@Test
	void backoffDoublesFromTheInitialWait() {
		BusyRetry retry = new BusyRetry(3, Duration.ofMillis(200));

		assertThat(retry.backoff(1)).isEqualTo(Duration.ofMillis(200));
		assertThat(retry.backoff(2)).isEqualTo(Duration.ofMillis(400));
		assertThat(retry.backoff(3)).isEqualTo(Duration.ofMillis(800));
	}

	@Test
	void defaultRetriesTwiceAfter200And400Milliseconds() {
		assertThat(BusyRetry.DEFAULT.maxRetries()).isEqualTo(2);
		assertThat(BusyRetry.DEFAULT.backoff(2)).isEqualTo(Duration.ofMillis(400));
		assertThat(BusyRetry.NONE.maxRetries()).isZero();
	}

	@Test
	void retriesAreBoundedAndWaitsNotNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusyRetry(6, Duration.ZERO))
			.withMessage("maxRetries must be between 0 and 5, was 6");
		assertThatIllegalArgumentException().isThrownBy(() -> new BusyRetry(-1, Duration.ZERO))
			.withMessage("maxRetries must be between 0 and 5, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> new BusyRetry(1, Duration.ofMillis(-1)))
			.withMessage("initialBackoff must not be negative, was PT-0.001S");
	}

}
