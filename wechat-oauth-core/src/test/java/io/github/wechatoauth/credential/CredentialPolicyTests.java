package io.github.wechatoauth.credential;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The refresh policy's defaults, copies and checks.
 */
class CredentialPolicyTests {

	@Test
	void defaultRefreshesFiveMinutesAheadWaitsFiveSecondsAndLeasesFifteen() {
		assertThat(CredentialPolicy.DEFAULT)
			.isEqualTo(new CredentialPolicy(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(15)));
	}

	@Test
	void withersChangeOneValue() {
		CredentialPolicy policy = CredentialPolicy.DEFAULT.withRefreshMargin(Duration.ZERO)
			.withMaxWait(Duration.ofSeconds(1))
			.withLeaseTtl(Duration.ofSeconds(2));

		assertThat(policy).isEqualTo(new CredentialPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)));
	}

	@Test
	void valuesAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CredentialPolicy.DEFAULT.withRefreshMargin(Duration.ofSeconds(-1)))
			.withMessage("refreshMargin must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialPolicy.DEFAULT.withMaxWait(Duration.ZERO))
			.withMessage("maxWait must be positive, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialPolicy.DEFAULT.withLeaseTtl(Duration.ZERO))
			.withMessage("leaseTtl must be positive, was PT0S");
	}

}
