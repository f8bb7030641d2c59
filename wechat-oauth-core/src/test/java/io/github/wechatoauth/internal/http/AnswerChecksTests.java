package io.github.wechatoauth.internal.http;

import io.github.wechatoauth.WechatTransportException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The range checks of numbers WeChat answers: a number in range is handed back as it
 * came, one out of range is refused, naming the endpoint, the field and the range.
 */
class AnswerChecksTests {

	@Test
	void aNumberInRangeIsHandedBack() {
		assertThat(AnswerChecks.requireRange("sns/userinfo", "sex", 2, 0, 2)).isEqualTo(2);
		assertThat(AnswerChecks.requireLifetime("cgi-bin/token", "expires_in", 7200)).isEqualTo(7200);
		assertThat(AnswerChecks.requireLifetime("cgi-bin/token", "expires_in", AnswerChecks.MAX_LIFETIME_SECONDS))
			.isEqualTo(AnswerChecks.MAX_LIFETIME_SECONDS);
	}

	@Test
	void aNumberOutOfRangeIsRefused() {
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> AnswerChecks.requireLifetime("cgi-bin/token", "expires_in", 0))
			.withMessage("cgi-bin/token answered expires_in 0, out of its range 1 to 2592000");
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> AnswerChecks.requireRange("sns/userinfo", "sex", 3, 0, 2))
			.withMessage("sns/userinfo answered sex 3, out of its range 0 to 2");
	}

}
