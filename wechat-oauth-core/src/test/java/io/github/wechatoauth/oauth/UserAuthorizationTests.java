package io.github.wechatoauth.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatAuthorizationRequiredException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
 * Web authorization against a stubbed WeChat: the exact requests of
 * {@code sns/oauth2/access_token}, {@code refresh_token}, {@code sns/auth} and
 * {@code sns/userinfo}, what is kept in the {@link TokenStore}, and when a stored token
 * is refreshed or given up.
 */
class UserAuthorizationTests {

	private static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	private static final String TOKEN_URL = "/sns/oauth2/access_token?appid=" + APP_ID + "&secret=" + APP_SECRET
			+ "&code=CODE123&grant_type=authorization_code";

	private static final String REFRESH_URL = "/sns/oauth2/refresh_token?appid=" + APP_ID
			+ "&grant_type=refresh_token&refresh_token=REFRESH_TOKEN_1";

	private static final String TOKEN_ANSWER = """
			{"access_token":"ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"REFRESH_TOKEN_1",
			"openid":"%s","scope":"snsapi_userinfo","unionid":"o6_bmasdasdsad6_2sgVt7hMZOPfL"}
			""".formatted(OPENID);

	private static final String REFRESHED_ANSWER = """
			{"access_token":"ACCESS_TOKEN_2","expires_in":7200,"refresh_token":"REFRESH_TOKEN_2",
			"openid":"%s","scope":"snsapi_userinfo"}
			""".formatted(OPENID);

	private static final String USER_ANSWER = """
			{"openid":"%s","nickname":"Band","sex":1,"province":"广东","city":"广州","country":"中国",
			"headimgurl":"https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/0",
			"privilege":["PRIVILEGE1","PRIVILEGE2"],"unionid":"o6_bmasdasdsad6_2sgVt7hMZOPfL"}
			"""
		.formatted(OPENID);

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemoryTokenStore tokenStore = new InMemoryTokenStore(this.clock);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.tokenStore(this.tokenStore)
		.build();

	@Test
	void getAccessTokenExchangesTheCodeAndSavesTheToken() {
		wechat.stubFor(get(urlEqualTo(TOKEN_URL)).willReturn(json(TOKEN_ANSWER)));

		UserToken token = this.client.getAccessToken("CODE123");

		assertThat(token).isEqualTo(new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", OPENID, "snsapi_userinfo",
				"o6_bmasdasdsad6_2sgVt7hMZOPfL", this.clock.instant()));
		assertThat(token.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(7200));
		assertThat(this.tokenStore.getToken(OPENID)).contains(token);
		wechat.verify(1, getRequestedFor(urlEqualTo(TOKEN_URL)));
	}

	@Test
	void getAccessTokenMarksASnapshotUserAndKeepsTheMark() {
		wechat.stubFor(get(urlEqualTo(TOKEN_URL)).willReturn(json("""
				{"access_token":"ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"REFRESH_TOKEN_1",
				"openid":"%s","scope":"snsapi_base","is_snapshotuser":1}
				""".formatted(OPENID))));

		UserToken token = this.client.getAccessToken("CODE123");

		assertThat(token.snapshotUser()).isTrue();
		assertThat(this.tokenStore.getToken(OPENID).orElseThrow().snapshotUser()).isTrue();
	}

	@Test
	void tokenWithoutSnapshotFieldIsARealUser() {
		wechat.stubFor(get(urlEqualTo(TOKEN_URL)).willReturn(json(TOKEN_ANSWER)));

		assertThat(this.client.getAccessToken("CODE123").snapshotUser()).isFalse();
	}

	@Test
	void getAccessTokenWithAUsedCodeSurfacesWechatsError() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(error(40163, "code been used")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> this.client.getAccessToken("CODE123"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(40163);
				assertThat(ex.getErrorMessage()).startsWith("code been used");
				assertThat(ex.getEndpoint()).isEqualTo("sns/oauth2/access_token");
			});
		assertThat(this.tokenStore.getToken(OPENID)).isEmpty();
	}

	@Test
	void refreshAccessTokenSendsTheRefreshTokenAndSavesTheResult() {
		wechat.stubFor(get(urlEqualTo(REFRESH_URL)).willReturn(json(REFRESHED_ANSWER)));

		UserToken token = this.client.refreshAccessToken("REFRESH_TOKEN_1");

		assertThat(token.accessToken()).isEqualTo("ACCESS_TOKEN_2");
		assertThat(token.refreshToken()).isEqualTo("REFRESH_TOKEN_2");
		assertThat(token.createdAt()).isEqualTo(this.clock.instant());
		assertThat(this.tokenStore.getToken(OPENID)).contains(token);
		wechat.verify(1, getRequestedFor(urlEqualTo(REFRESH_URL)));
	}

	@Test
	void verifyTokenIsTrueWhenWechatAnswersErrcodeZero() {
		wechat.stubFor(get(urlEqualTo("/sns/auth?access_token=ACCESS_TOKEN_1&openid=" + OPENID))
			.willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\"}")));

		assertThat(this.client.verifyToken(OPENID, "ACCESS_TOKEN_1")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 40001, 40003, 40014, 42001 })
	void verifyTokenIsFalseWhenWechatRejectsTheTokenOrOpenid(int errcode) {
		wechat.stubFor(get(urlPathEqualTo("/sns/auth")).willReturn(error(errcode, "invalid")));

		assertThat(this.client.verifyToken(OPENID, "ACCESS_TOKEN_1")).isFalse();
	}

	@Test
	void verifyTokenSurfacesErrorsThatSayNothingAboutTheToken() {
		wechat.stubFor(get(urlPathEqualTo("/sns/auth")).willReturn(error(45009, "reach max api daily quota limit")));

		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> this.client.verifyToken(OPENID, "ACCESS_TOKEN_1"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(45009));
	}

	@Test
	void getUserReadsTheUserWithTheStoredTokenInSimplifiedChineseByDefault() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		wechat.stubFor(get(urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN_1&openid=" + OPENID + "&lang=zh_CN"))
			.willReturn(json(USER_ANSWER)));

		UserInfo user = this.client.getUser(OPENID);

		assertThat(user).isEqualTo(new UserInfo(OPENID, "Band", 1, "广东", "广州", "中国",
				"https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/0",
				List.of("PRIVILEGE1", "PRIVILEGE2"), "o6_bmasdasdsad6_2sgVt7hMZOPfL"));
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void getUserAsksForTheGivenLanguage() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		wechat.stubFor(get(urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN_1&openid=" + OPENID + "&lang=en"))
			.willReturn(json(USER_ANSWER)));

		assertThat(this.client.getUser(OPENID, Lang.EN).nickname()).isEqualTo("Band");
	}

	@Test
	void defaultLanguageComesFromTheBuilder() {
		WechatOAuthClient english = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.tokenStore(this.tokenStore)
			.defaultLang(Lang.ZH_TW)
			.build();
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		wechat.stubFor(get(urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN_1&openid=" + OPENID + "&lang=zh_TW"))
			.willReturn(json(USER_ANSWER)));

		assertThat(english.getUser(OPENID).openid()).isEqualTo(OPENID);
	}

	@Test
	void userInfoWithMissingFieldsHasEmptyTextAndNoPrivileges() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(json("{\"openid\":\"" + OPENID + "\"}")));

		assertThat(this.client.getUser(OPENID)).isEqualTo(new UserInfo(OPENID, "", 0, "", "", "", "", List.of(), null));
	}

	@Test
	void refreshesExpiredTokenBeforeFetchingUserInfo() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		this.clock.advance(Duration.ofSeconds(7200));
		wechat.stubFor(get(urlEqualTo(REFRESH_URL)).willReturn(json(REFRESHED_ANSWER)));
		wechat.stubFor(get(urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN_2&openid=" + OPENID + "&lang=zh_CN"))
			.willReturn(json(USER_ANSWER)));

		UserInfo user = this.client.getUser(OPENID);

		assertThat(user.nickname()).isEqualTo("Band");
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
			.containsExactly(REFRESH_URL, "/sns/userinfo?access_token=ACCESS_TOKEN_2&openid=" + OPENID + "&lang=zh_CN");
		UserToken saved = this.tokenStore.getToken(OPENID).orElseThrow();
		assertThat(saved.accessToken()).isEqualTo("ACCESS_TOKEN_2");
		assertThat(saved.refreshToken()).isEqualTo("REFRESH_TOKEN_2");
		assertThat(saved.createdAt()).isEqualTo(this.clock.instant());
		assertThat(saved.unionid()).as("the unionid the refresh answer left out").isEqualTo("STORED_UNIONID");
	}

	@Test
	void refreshesTokenThatExpiresWithinAMinuteBeforeUse() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		this.clock.advance(Duration.ofSeconds(7200 - 30));
		wechat.stubFor(get(urlEqualTo(REFRESH_URL)).willReturn(json(REFRESHED_ANSWER)));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(json(USER_ANSWER)));

		this.client.getUser(OPENID);

		wechat.verify(1, getRequestedFor(urlEqualTo(REFRESH_URL)));
	}

	@Test
	void usesStoredTokenWithoutRefreshWhileItIsValid() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		this.clock.advance(Duration.ofSeconds(7200 - 61));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(json(USER_ANSWER)));

		this.client.getUser(OPENID);

		wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/oauth2/refresh_token")));
	}

	@Test
	void getUserWithoutStoredTokenRequiresAuthorizationWithoutAnyRequest() {
		assertThatExceptionOfType(WechatAuthorizationRequiredException.class)
			.isThrownBy(() -> this.client.getUser(OPENID))
			.satisfies((ex) -> assertThat(ex.getOpenid()).isEqualTo(OPENID));
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 42002, 40030 })
	void expiredOrRevokedRefreshTokenRemovesTheTokenAndRequiresAuthorization(int errcode) {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		this.clock.advance(Duration.ofHours(3));
		wechat.stubFor(get(urlEqualTo(REFRESH_URL)).willReturn(error(errcode, "refresh_token expired")));

		assertThatExceptionOfType(WechatAuthorizationRequiredException.class)
			.isThrownBy(() -> this.client.getUser(OPENID))
			.satisfies((ex) -> assertThat(ex.getOpenid()).isEqualTo(OPENID));
		assertThat(this.tokenStore.getToken(OPENID)).isEmpty();
		wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/userinfo")));
	}

	@Test
	void otherRefreshFailuresKeepTheStoredToken() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		this.clock.advance(Duration.ofHours(3));
		wechat.stubFor(get(urlEqualTo(REFRESH_URL)).willReturn(error(45009, "reach max api daily quota limit")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> this.client.getUser(OPENID))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(45009));
		assertThat(this.tokenStore.getToken(OPENID)).isPresent();
	}

	@Test
	void tokenRejectedByUserInfoIsRefreshedAndTheCallMadeOnceMore() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("access_token", equalTo("ACCESS_TOKEN_1"))
			.willReturn(error(40001, "invalid credential, access_token is invalid or not latest")));
		wechat.stubFor(get(urlEqualTo(REFRESH_URL)).willReturn(json(REFRESHED_ANSWER)));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("access_token", equalTo("ACCESS_TOKEN_2"))
			.willReturn(json(USER_ANSWER)));

		assertThat(this.client.getUser(OPENID).nickname()).isEqualTo("Band");
		wechat.verify(2, getRequestedFor(urlPathEqualTo("/sns/userinfo")));
		assertThat(this.tokenStore.getToken(OPENID).orElseThrow().accessToken()).isEqualTo("ACCESS_TOKEN_2");
	}

	@Test
	void scopeErrorOfUserInfoSurfacesWithoutRefresh() {
		this.tokenStore.saveToken(OPENID, storedToken(this.clock.instant()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(error(48001, "api unauthorized")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> this.client.getUser(OPENID))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(48001));
		wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/oauth2/refresh_token")));
	}

	@Test
	void getUserByCodeExchangesTheCodeThenReadsTheUser() {
		wechat.stubFor(get(urlEqualTo(TOKEN_URL)).willReturn(json(TOKEN_ANSWER)));
		wechat.stubFor(get(urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN_1&openid=" + OPENID + "&lang=zh_CN"))
			.willReturn(json(USER_ANSWER)));

		UserInfo user = this.client.getUserByCode("CODE123");

		assertThat(user.openid()).isEqualTo(OPENID);
		assertThat(user.nickname()).isEqualTo("Band");
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
			.containsExactly(TOKEN_URL, "/sns/userinfo?access_token=ACCESS_TOKEN_1&openid=" + OPENID + "&lang=zh_CN");
		assertThat(this.tokenStore.getToken(OPENID)).isPresent();
	}

	@Test
	void getUserByCodeAsksForTheGivenLanguage() {
		wechat.stubFor(get(urlEqualTo(TOKEN_URL)).willReturn(json(TOKEN_ANSWER)));
		wechat.stubFor(get(urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN_1&openid=" + OPENID + "&lang=en"))
			.willReturn(json(USER_ANSWER)));

		assertThat(this.client.getUserByCode("CODE123", Lang.EN).nickname()).isEqualTo("Band");
	}

	@Test
	void getUserWithACallersTokenUsesItAsItIsAndLeavesTheStoreAlone() {
		String url = "/sns/userinfo?access_token=CALLERS_TOKEN_1&openid=" + OPENID + "&lang=zh_TW";
		wechat.stubFor(get(urlEqualTo(url)).willReturn(json(USER_ANSWER)));

		UserInfo user = this.client.getUser(OPENID, "CALLERS_TOKEN_1", Lang.ZH_TW);

		assertThat(user.openid()).isEqualTo(OPENID);
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl).containsExactly(url);
		assertThat(this.tokenStore.getToken(OPENID)).isEmpty();
	}

	@Test
	void getUserWithACallersRejectedTokenSurfacesTheErrorWithoutRefresh() {
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(error(42001, "access_token expired")));

		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> this.client.getUser(OPENID, "CALLERS_TOKEN_1", Lang.EN))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(42001))
			.withMessageNotContaining("CALLERS_TOKEN_1");
		wechat.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void getUserByCodeOfASilentAuthorizationRequiresTheUserinfoScope() {
		wechat.stubFor(
				get(urlEqualTo(TOKEN_URL)).willReturn(json(TOKEN_ANSWER.replace("snsapi_userinfo", "snsapi_base"))));

		assertThatExceptionOfType(WechatAuthorizationRequiredException.class)
			.isThrownBy(() -> this.client.getUserByCode("CODE123"))
			.withMessageContaining("snsapi_userinfo");
		wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/userinfo")));
		assertThat(this.tokenStore.getToken(OPENID)).as("the openid is still worth keeping").isPresent();
	}

	@Test
	void tokenAnswerWithoutOpenidIsATransportFailure() {
		wechat.stubFor(get(urlEqualTo(TOKEN_URL))
			.willReturn(json("{\"access_token\":\"ACCESS_TOKEN_1\",\"expires_in\":7200}")));

		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> this.client.getAccessToken("CODE123"))
			.withMessage("sns/oauth2/access_token answered without access_token, refresh_token or openid");
	}

	private static UserToken storedToken(Instant createdAt) {
		return new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", OPENID, "snsapi_userinfo", "STORED_UNIONID",
				createdAt);
	}

}
