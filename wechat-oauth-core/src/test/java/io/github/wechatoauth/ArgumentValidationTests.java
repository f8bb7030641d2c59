package io.github.wechatoauth;

import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.oauth.Lang;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Null and blank arguments fail with an {@link IllegalArgumentException} that names the
 * argument, before any request reaches WeChat.
 */
class ArgumentValidationTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@AfterEach
	void noRequestReachedWechat() {
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidCalls")
	void invalidArgumentFailsBeforeAnyRequest(String call, Consumer<WechatOAuthClient> invocation, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> invocation.accept(this.client)).withMessage(message);
	}

	static Stream<Arguments> invalidCalls() {
		return Stream.of(call("getAccessToken(null)", (c) -> c.getAccessToken(null), "code must not be null"),
				call("getAccessToken(blank)", (c) -> c.getAccessToken(" \t"), "code must not be blank"),
				call("refreshAccessToken(empty)", (c) -> c.refreshAccessToken(""), "refreshToken must not be blank"),
				call("verifyToken(null openid)", (c) -> c.verifyToken(null, "t"), "openid must not be null"),
				call("verifyToken(blank token)", (c) -> c.verifyToken("o", " "), "accessToken must not be blank"),
				call("getUser(null)", (c) -> c.getUser(null), "openid must not be null"),
				call("getUser(blank, lang)", (c) -> c.getUser(" ", Lang.EN), "openid must not be blank"),
				call("getUser(openid, null)", (c) -> c.getUser("o", null), "lang must not be null"),
				call("getUserByCode(blank)", (c) -> c.getUserByCode(""), "code must not be blank"),
				call("code2Session(null)", (c) -> c.code2Session(null), "jsCode must not be null"),
				call("code2Session(blank)", (c) -> c.code2Session("  "), "jsCode must not be blank"),
				call("jsSdkSign(null)", (c) -> c.jsSdkSign(null), "url must not be null"),
				call("jsSdkSign(relative)", (c) -> c.jsSdkSign("index.html"),
						"url must be an absolute http:// or https:// URL without spaces"),
				call("createQrCode(null)", (c) -> c.createQrCode(null), "request must not be null"),
				call("getQrCodeLink(null request)", (c) -> c.getQrCodeLink((QrCodeRequest) null),
						"request must not be null"),
				call("getQrCodeLink(blank ticket)", (c) -> c.getQrCodeLink(" "), "ticket must not be blank"),
				call("getQrCodeImage(null)", (c) -> c.getQrCodeImage(null), "ticket must not be null"),
				call("getUser(openid, blank token, lang)", (c) -> c.getUser("o", "", Lang.EN),
						"accessToken must not be blank"),
				call("getUser(openid, token, null)", (c) -> c.getUser("o", "t", null), "lang must not be null"),
				call("getUserByCode(code, null)", (c) -> c.getUserByCode("c", null), "lang must not be null"),
				call("getAuthorizeUrl(null redirect)", (c) -> c.getAuthorizeUrl(null, "s", Scope.SNSAPI_BASE),
						"redirectUri must not be null"));
	}

	private static Arguments call(String name, Consumer<WechatOAuthClient> invocation, String message) {
		return Arguments.of(name, invocation, message);
	}

}
