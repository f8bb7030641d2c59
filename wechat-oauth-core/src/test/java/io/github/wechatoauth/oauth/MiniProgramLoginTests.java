package io.github.wechatoauth.oauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_ID;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mini Program login ({@code sns/jscode2session}) against a stubbed WeChat.
 */
class MiniProgramLoginTests {

	private static final String SESSION_URL = "/sns/jscode2session?appid=" + APP_ID + "&secret=" + APP_SECRET
			+ "&js_code=0a3Xb9000Jq4YQ1Xk7300Ab1K83Xb90t&grant_type=authorization_code";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@Test
	void code2SessionSendsTheCodeAndReadsTheSession() {
		wechat.stubFor(get(urlEqualTo(SESSION_URL)).willReturn(json("""
				{"openid":"oMini123","session_key":"tiihtNczf5v6AKRyjwEUhQ==","unionid":"oUnion456"}
				""")));

		Session session = this.client.code2Session("0a3Xb9000Jq4YQ1Xk7300Ab1K83Xb90t");

		assertThat(session).isEqualTo(new Session("oMini123", "tiihtNczf5v6AKRyjwEUhQ==", "oUnion456"));
		wechat.verify(1, getRequestedFor(urlEqualTo(SESSION_URL)));
	}

	@Test
	void sessionWithoutUnionidHasNullUnionid() {
		wechat.stubFor(get(urlEqualTo(SESSION_URL))
			.willReturn(json("{\"openid\":\"oMini123\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}")));

		assertThat(this.client.code2Session("0a3Xb9000Jq4YQ1Xk7300Ab1K83Xb90t").unionid()).isNull();
	}

	@Test
	void invalidCodeSurfacesWechatsError() {
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).willReturn(error(40029, "invalid code")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> this.client.code2Session("bad"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(40029);
				assertThat(ex.getEndpoint()).isEqualTo("sns/jscode2session");
			});
	}

	@Test
	void sessionWithoutSessionKeyIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).willReturn(json("{\"openid\":\"oMini123\"}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> this.client.code2Session("c"))
			.withMessage("sns/jscode2session answered without openid or session_key");
	}

}
