package io.github.wechatoauth.sample.sandbox;

import java.time.Duration;
import java.util.Map;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatAuthorizationRequiredException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.oauth.Session;
import io.github.wechatoauth.oauth.UserInfo;
import io.github.wechatoauth.oauth.UserToken;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Web authorization and Mini Program login through the real SDK, over HTTP, against the
 * sandbox.
 */
class SandboxOAuthTests extends SandboxTestSupport {

	@Autowired
	SandboxOAuth oauth;

	@Test
	void logsInThroughTheConsentPageAsTheChosenUser() {
		WechatOAuthClient client = client();
		String code = authorize(client, "lilei", Scope.SNSAPI_USERINFO);

		UserToken token = client.getAccessToken(code);
		UserInfo user = client.getUser(token.openid());

		assertThat(token.openid()).isEqualTo(user("lilei").openid());
		assertThat(token.scope()).isEqualTo("snsapi_userinfo");
		assertThat(token.expiresIn()).isEqualTo(7200);
		assertThat(token.unionid()).isEqualTo(user("lilei").unionid());
		assertThat(user.nickname()).isEqualTo("李雷🐼");
		assertThat(user.headImgUrl()).isEqualTo(sandboxUrl() + "/avatar/lilei/132");
		Answer avatar = get(user.headImgUrl());
		assertThat(avatar.status()).isEqualTo(200);
		assertThat(avatar.contentType()).isEqualTo("image/svg+xml");
	}

	@Test
	void logsInOnAWebsiteThroughTheQrConnectPage() {
		WechatOAuthClient client = client();
		Map<String, String> back = consent(client.getAuthorizeUrlForWebsite(callbackUrl(), "web1"), "hanmeimei",
				"allow");

		assertThat(back).containsEntry("state", "web1");
		assertThat(client.getUserByCode(back.get("code")).nickname()).isEqualTo("韩梅梅");
	}

	@Test
	void denyingSendsTheBrowserBackWithTheStateAndNoCode() {
		WechatOAuthClient client = client();

		assertThat(consent(client.getAuthorizeUrl(callbackUrl(), "no1", Scope.SNSAPI_USERINFO), "lilei", "deny"))
			.containsExactly(Map.entry("state", "no1"));
		assertThat(consent(client.getAuthorizeUrlForWebsite(callbackUrl(), "no2"), "lilei", "deny"))
			.containsExactly(Map.entry("state", "no2"));
	}

	@Test
	void silentAuthorizationRedirectsStraightBackForTheDefaultUser() {
		WechatOAuthClient client = client();
		Map<String, String> back = redirectParameters(
				get(client.getAuthorizeUrl(callbackUrl(), "quiet", Scope.SNSAPI_BASE)));

		UserToken token = client.getAccessToken(back.get("code"));

		assertThat(back).containsEntry("state", "quiet");
		assertThat(token.openid()).isEqualTo(user("xiaoming").openid());
		assertThat(token.scope()).isEqualTo("snsapi_base");
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.getUser(token.openid()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(48001));
	}

	@Test
	void refusesACodeUsedTwice() {
		WechatOAuthClient client = client();
		String code = authorize(client, "xiaoming", Scope.SNSAPI_USERINFO);
		client.getAccessToken(code);

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.getAccessToken(code))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40163));
	}

	@Test
	void refusesACodeAfterFiveMinutes() {
		WechatOAuthClient client = client();
		String code = authorize(client, "xiaoming", Scope.SNSAPI_USERINFO);
		this.clock.advance(Duration.ofMinutes(5));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.getAccessToken(code))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(42003));
	}

	@Test
	void refusesACodeItNeverIssued() {
		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> client().getAccessToken("081NotAnIssuedCode0000000000000"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40029));
	}

	@Test
	void refusesAWrongSecretWith40125AndAWrongAppidWith40013() {
		String code = authorize(client(), "xiaoming", Scope.SNSAPI_USERINFO);

		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(
					() -> client(this.properties.getAppid(), "0123456789abcdef0123456789abcdef").getAccessToken(code))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40125));
		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> client("wx0123456789abcdef", this.properties.getSecret()).getAccessToken(code))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40013));
		assertThat(client().getAccessToken(code).openid()).isEqualTo(user("xiaoming").openid());
	}

	@Test
	void refreshesAnExpiredTokenWhenReadingTheUser() {
		WechatOAuthClient client = client();
		UserToken token = client.getAccessToken(authorize(client, "hanmeimei", Scope.SNSAPI_USERINFO));
		long refreshes = this.stats.requests("sns/oauth2/refresh_token");
		this.clock.advance(Duration.ofSeconds(7200));

		assertThat(client.verifyToken(token.openid(), token.accessToken())).isFalse();
		assertThat(client.getUser(token.openid()).nickname()).isEqualTo("韩梅梅");
		assertThat(this.stats.requests("sns/oauth2/refresh_token")).isEqualTo(refreshes + 1);
		assertThat(this.stats.errors("sns/auth", 42001)).isPositive();
	}

	@Test
	void refreshingALiveTokenKeepsItAndExtendsIt() {
		WechatOAuthClient client = client();
		UserToken token = client.getAccessToken(authorize(client, "lilei", Scope.SNSAPI_USERINFO));
		this.clock.advance(Duration.ofHours(1));

		UserToken refreshed = client.refreshAccessToken(token.refreshToken());

		assertThat(refreshed.accessToken()).isEqualTo(token.accessToken());
		assertThat(refreshed.refreshToken()).isEqualTo(token.refreshToken());
		assertThat(refreshed.expiresIn()).isEqualTo(7200);
		this.clock.advance(Duration.ofMinutes(90));
		assertThat(client.verifyToken(token.openid(), token.accessToken())).isTrue();
	}

	@Test
	void asksForAuthorizationAgainOnceTheRefreshTokenIsThirtyDaysOld() {
		WechatOAuthClient client = client();
		UserToken token = client.getAccessToken(authorize(client, "lilei", Scope.SNSAPI_USERINFO));
		this.clock.advance(Duration.ofDays(30));

		assertThatExceptionOfType(WechatAuthorizationRequiredException.class)
			.isThrownBy(() -> client.getUser(token.openid()));
		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> client.refreshAccessToken(token.refreshToken()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(42002));
	}

	@Test
	void verifiesATokenOnlyForItsOwnUser() {
		WechatOAuthClient client = client();
		UserToken token = client.getAccessToken(authorize(client, "lilei", Scope.SNSAPI_USERINFO));

		assertThat(client.verifyToken(token.openid(), token.accessToken())).isTrue();
		assertThat(client.verifyToken(user("xiaoming").openid(), token.accessToken())).isFalse();
		assertThat(client.verifyToken(token.openid(), "UnknownButWellFormedToken0123456789")).isFalse();
		assertThat(this.stats.errors("sns/auth", 40003)).isPositive();
		assertThat(this.stats.errors("sns/auth", 40001)).isPositive();
	}

	@Test
	void exchangesMiniProgramCodesOnce() {
		WechatOAuthClient client = client();

		Session prefixed = client.code2Session(SandboxOAuth.JS_CODE_PREFIX + "lilei-" + System.nanoTime());
		Session minted = client.code2Session(this.oauth.issueJsCode(user("hanmeimei")));
		String plain = SandboxOAuth.JS_CODE_PREFIX + System.nanoTime();

		assertThat(prefixed.openid()).isEqualTo(user("lilei").openid());
		assertThat(prefixed.sessionKey()).hasSize(24);
		assertThat(minted.openid()).isEqualTo(user("hanmeimei").openid());
		assertThat(client.code2Session(plain).openid()).isEqualTo(user("xiaoming").openid());
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.code2Session(plain))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40163));
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.code2Session("not-a-sandbox-code"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40029));
	}

}
