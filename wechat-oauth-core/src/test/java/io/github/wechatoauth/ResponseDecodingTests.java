package io.github.wechatoauth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserInfo;
import io.github.wechatoauth.oauth.UserToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How WeChat's answers are read whatever they declare: the body is UTF-8 JSON whether it
 * says {@code text/plain}, an invalid charset or nothing; unknown fields are ignored,
 * numbers may come as strings, nicknames keep raw control characters, emoji and Private
 * Use Area characters, and any character may be backslash-escaped; a missing
 * {@code errcode} is success, and a non-zero one with HTTP 200 is a
 * {@link WechatApiException}. Part of the suite run against each Jackson (see
 * {@link JsonBackendTests}).
 */
@Tag(JsonBackendTests.TAG)
class ResponseDecodingTests {

	private static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	private static final String TOKEN_JSON = "{\"access_token\":\"ACCESS_TOKEN_1\",\"expires_in\":7200,"
			+ "\"refresh_token\":\"REFRESH_TOKEN_1\",\"openid\":\"" + OPENID + "\",\"scope\":\"snsapi_userinfo\"}";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final InMemoryTokenStore tokenStore = new InMemoryTokenStore();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).tokenStore(this.tokenStore).build();

	@Test
	void textPlainJsonIsRead() {
		stubToken(answer("text/plain", TOKEN_JSON));

		assertThat(this.client.getAccessToken("CODE").openid()).isEqualTo(OPENID);
	}

	@Test
	void jsonWithInvalidEncodingParameterIsRead() {
		stubToken(answer("application/json; encoding=utf-8", TOKEN_JSON));

		assertThat(this.client.getAccessToken("CODE").openid()).isEqualTo(OPENID);
	}

	@Test
	void jsonWithUnknownCharsetIsReadAsUtf8() {
		stubToken(answer("text/plain; charset=utf8mb4", TOKEN_JSON));

		assertThat(this.client.getAccessToken("CODE").openid()).isEqualTo(OPENID);
	}

	@Test
	void jsonWithoutContentTypeIsRead() {
		stubToken(aResponse().withStatus(200).withBody(TOKEN_JSON.getBytes(StandardCharsets.UTF_8)));

		assertThat(this.client.getAccessToken("CODE").openid()).isEqualTo(OPENID);
	}

	@Test
	void missingErrcodeIsSuccess() {
		stubToken(answer("text/plain", TOKEN_JSON));

		UserToken token = this.client.getAccessToken("CODE");

		assertThat(token.accessToken()).isEqualTo("ACCESS_TOKEN_1");
		assertThat(token.scope()).isEqualTo("snsapi_userinfo");
		assertThat(token.unionid()).isNull();
	}

	@Test
	void errcodeZeroIsSuccess() {
		stubToken(answer("text/plain", TOKEN_JSON.replace("{", "{\"errcode\":0,\"errmsg\":\"ok\",")));

		assertThat(this.client.getAccessToken("CODE").openid()).isEqualTo(OPENID);
	}

	@Test
	void nicknameKeepsRawControlCharacterEmojiAndPrivateUseCharacter() {
		this.tokenStore.saveToken(OPENID, new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", OPENID,
				"snsapi_userinfo", null, Instant.now()));
		String nickname = "Ann\u0014 \uD83D\uDE00\uE13C 微信";
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(answer("text/plain",
				"{\"openid\":\"" + OPENID + "\",\"nickname\":\"" + nickname + "\",\"sex\":0,\"privilege\":[]}")));

		UserInfo user = this.client.getUser(OPENID);

		assertThat(user.nickname()).isEqualTo(nickname);
		assertThat(user.nickname().codePoints()).contains(0x14, 0x1F600, 0xE13C);
	}

	@Test
	void unknownFieldsAreIgnored() {
		stubToken(answer("text/plain", TOKEN_JSON.replace("{",
				"{\"is_snapshotuser\":1,\"new_field\":{\"nested\":[1,\"two\",null]},\"flag\":true,")));

		assertThat(this.client.getAccessToken("CODE").openid()).isEqualTo(OPENID);
	}

	@Test
	void numbersMayComeAsStrings() {
		stubToken(answer("text/plain", TOKEN_JSON.replace("\"expires_in\":7200", "\"expires_in\":\"7200\"")));
		this.tokenStore.saveToken(OPENID, new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", OPENID,
				"snsapi_userinfo", null, Instant.now()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.willReturn(answer("text/plain", "{\"openid\":\"" + OPENID + "\",\"nickname\":\"Ann\",\"sex\":\"2\"}")));

		assertThat(this.client.getAccessToken("CODE").expiresIn()).isEqualTo(7200);
		assertThat(this.client.getUser(OPENID).sex()).isEqualTo(2);
	}

	@Test
	void anyCharacterMayBeBackslashEscaped() {
		this.tokenStore.saveToken(OPENID, new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", OPENID,
				"snsapi_userinfo", null, Instant.now()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(
				answer("text/plain", "{\"openid\":\"" + OPENID + "\",\"nickname\":\"\\'A\\nn\\u5FAE\\q\",\"sex\":0}")));

		assertThat(this.client.getUser(OPENID).nickname()).isEqualTo("'A\nn微q");
	}

	@Test
	void errcodeWithHttp200IsAnApiException() {
		stubToken(answer("text/plain", "{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 6565a1b2-0c0ffee\"}"));

		WechatApiException ex = catchThrowableOfType(WechatApiException.class,
				() -> this.client.getAccessToken("CODE0a1b2c3d4e5f6"));

		assertThat(ex.getErrorCode()).isEqualTo(40029);
		assertThat(ex.getErrorMessage()).isEqualTo("invalid code, rid: 6565a1b2-0c0ffee");
		assertThat(ex.getEndpoint()).isEqualTo("sns/oauth2/access_token");
		assertThat(ex).hasMessageStartingWith("sns/oauth2/access_token failed: errcode 40029 (invalid code");
		assertThat(textOf(ex)).doesNotContain(APP_SECRET).doesNotContain("CODE0a1b2c3d4e5f6");
	}

	@Test
	void errcodeAsTextIsStillAnError() {
		stubToken(answer("text/plain", "{\"errcode\":\"40029\",\"errmsg\":\"invalid code\"}"));

		assertThat(
				catchThrowableOfType(WechatApiException.class, () -> this.client.getAccessToken("CODE")).getErrorCode())
			.isEqualTo(40029);
	}

	private static void stubToken(ResponseDefinitionBuilder answer) {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(answer));
	}

	private static ResponseDefinitionBuilder answer(String contentType, String json) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", contentType)
			.withBody(json.getBytes(StandardCharsets.UTF_8));
	}

}
