package io.github.wechatoauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.credential.AccessTokenSource;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static io.github.wechatoauth.WechatStub.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * WeChat's {@code errmsg} is masked of the values the request carried (the AppSecret,
 * tokens, codes: any value of 8 characters or more, as sent or URL-encoded) before it
 * reaches {@link WechatApiException#getErrorMessage()}, the exception's message and
 * {@code toString()}, and so any log line or error page. Part of the suite run against
 * each Jackson.
 */
@Tag(JsonBackendTests.TAG)
class ErrorMessageMaskingTests {

	private static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemoryTokenStore tokenStore = new InMemoryTokenStore(this.clock);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.tokenStore(this.tokenStore)
		.build();

	@Test
	void anErrmsgEchoingTheSecretOfAJsonBodyIsMasked() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(error(40125, "invalid appsecret " + APP_SECRET + ", hint: [" + APP_SECRET + "]")));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class, this.client::getClientAccessToken);

		assertThat(ex.getErrorCode()).isEqualTo(40125);
		assertThat(ex.getErrorMessage()).isEqualTo("invalid appsecret ****, hint: [****] rid: 6565a1b2-0c0ffee");
		assertThat(textOf(ex)).doesNotContain(APP_SECRET).contains("invalid appsecret ****");
	}

	@Test
	void anErrmsgEchoingTheSecretOfAQueryIsMasked() {
		WechatOAuthClient classic = WechatStub.clientBuilder(wechat)
			.accessTokenSource(AccessTokenSource.CLASSIC)
			.build();
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(error(40001, "invalid credential, secret "
				+ APP_SECRET + " in /cgi-bin/token?grant_type=client_credential&secret=" + APP_SECRET)));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class, classic::getClientAccessToken);

		assertThat(textOf(ex)).doesNotContain(APP_SECRET).contains("invalid credential, secret ****");
		assertThat(ex.getErrorMessage()).doesNotContain(APP_SECRET);
	}

	@Test
	void anErrmsgEchoingACodeIsMasked() {
		String code = "061Ab0Ga1Q7kzL0RxuJa1Pk3Hs2Ab0Gm";
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(error(40163, "code been used, code: " + code)));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class, () -> this.client.getAccessToken(code));

		assertThat(ex.getErrorMessage()).isEqualTo("code been used, code: **** rid: 6565a1b2-0c0ffee");
		assertThat(textOf(ex)).doesNotContain(code).doesNotContain(APP_SECRET);
	}

	@Test
	void anErrmsgEchoingTheUserTokensIsMasked() {
		this.tokenStore.saveToken(OPENID, new UserToken("ACCESS_TOKEN_SECRET_1", 7200, "REFRESH_TOKEN_SECRET_1", OPENID,
				"snsapi_userinfo", null, this.clock.instant()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.willReturn(error(48001, "api unauthorized for ACCESS_TOKEN_SECRET_1")));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class, () -> this.client.getUser(OPENID));

		assertThat(ex.getErrorMessage()).isEqualTo("api unauthorized for **** rid: 6565a1b2-0c0ffee");
		assertThat(textOf(ex)).doesNotContain("ACCESS_TOKEN_SECRET_1");
	}

	@Test
	void anErrmsgEchoingAValueUrlEncodedIsMasked() {
		String refreshToken = "REFRESH/TOKEN+SECRET=";
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/refresh_token"))
			.willReturn(error(40030, "invalid refresh_token REFRESH%2FTOKEN%2BSECRET%3D")));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class,
				() -> this.client.refreshAccessToken(refreshToken));

		assertThat(ex.getErrorMessage()).isEqualTo("invalid refresh_token **** rid: 6565a1b2-0c0ffee");
	}

	@Test
	void identifiersProtocolWordsAndValuesTooShortToBeSecretsAreKept() {
		this.tokenStore.saveToken(OPENID, new UserToken("ACCESS_TOKEN_SECRET_1", 7200, "REFRESH_TOKEN_SECRET_1", OPENID,
				"snsapi_userinfo", null, this.clock.instant()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.willReturn(error(40003, "invalid openid " + OPENID + " for lang zh_CN")));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(error(40013, "invalid appid " + WechatStub.APP_ID + " for grant_type client_credential")));

		WechatApiException user = catchThrowableOfType(WechatApiException.class, () -> this.client.getUser(OPENID));
		WechatApiException token = catchThrowableOfType(WechatApiException.class, this.client::getClientAccessToken);

		assertThat(user.getErrorMessage())
			.isEqualTo("invalid openid " + OPENID + " for lang zh_CN rid: 6565a1b2-0c0ffee");
		assertThat(token.getErrorMessage()).isEqualTo(
				"invalid appid " + WechatStub.APP_ID + " for grant_type client_credential rid: 6565a1b2-0c0ffee");
	}

	@Test
	void aFieldNameEchoingTheSecretIsMasked() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":[1],\"" + APP_SECRET + "\":1}")));

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				this.client::getClientAccessToken);

		assertThat(ex).hasMessageContaining("access_token does not fit").hasMessageContaining("[access_token, ****]");
		assertThat(textOf(ex)).doesNotContain(APP_SECRET);
	}

}
