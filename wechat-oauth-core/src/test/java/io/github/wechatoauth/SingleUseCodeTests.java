package io.github.wechatoauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Calls that spend a single-use code are sent once, even when WeChat answers
 * {@code errcode -1} ("system busy"): a busy WeChat may have spent the code already, so a
 * retry could only earn 40163 ("code been used"). The other calls keep the busy retry
 * (see {@code AccessTokenRetryTests}).
 */
class SingleUseCodeTests {

	private static final String CODE = "061Ab0Ga1Q7kzL0RxuJa1Pk3Hs2Ab0Gm";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@Test
	void aBusyAnswerToTheOAuthCodeExchangeIsNotRetried() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(error(-1, "system error")));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class, () -> this.client.getAccessToken(CODE));

		assertThat(ex.getErrorCode()).isEqualTo(-1);
		wechat.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
	}

	@Test
	void aBusyAnswerToTheMiniProgramCodeExchangeIsNotRetried() {
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).willReturn(error(-1, "system error")));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class, () -> this.client.code2Session(CODE));

		assertThat(ex.getErrorCode()).isEqualTo(-1);
		wechat.verify(1, getRequestedFor(urlPathEqualTo("/sns/jscode2session")));
	}

}
