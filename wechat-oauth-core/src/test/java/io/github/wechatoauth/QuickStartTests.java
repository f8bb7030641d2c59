package io.github.wechatoauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.oauth.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's plain-Java quick start, kept here verbatim between the {@code quick-start}
 * markers so that it compiles and works: the test runs it against WireMock, giving it a
 * {@code WechatOAuthClient.builder()} whose WeChat hosts point at the stub (the only
 * difference from production).
 */
class QuickStartTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	@Test
	void quickStartSignsAUserIn() {
		wechat.stubFor(get(urlEqualTo("/sns/oauth2/access_token?appid=wx1234567890abcdef&secret=" + APP_SECRET
				+ "&code=061Xyz0w3aBcDe1Fg2H3000Ijk4Xyz0Q&grant_type=authorization_code"))
			.willReturn(json("""
					{"access_token":"ACCESS_TOKEN","expires_in":7200,"refresh_token":"REFRESH_TOKEN",
					"openid":"oLVPpjqs9BhvzwPj5A-vTYAX3GLc","scope":"snsapi_userinfo"}
					""")));
		wechat.stubFor(get(
				urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN&openid=oLVPpjqs9BhvzwPj5A-vTYAX3GLc&lang=zh_CN"))
			.willReturn(json("{\"openid\":\"oLVPpjqs9BhvzwPj5A-vTYAX3GLc\",\"nickname\":\"Band\"}")));
		WechatSignIn signIn = new WechatSignIn(WechatStub.aimAt(WechatOAuthClient.builder(), wechat), APP_SECRET);

		String link = signIn.signInLink("x7Q2pL9s");
		String welcome = signIn.onCallback("061Xyz0w3aBcDe1Fg2H3000Ijk4Xyz0Q");

		assertThat(link).isEqualTo(wechat.baseUrl() + "/connect/oauth2/authorize?appid=wx1234567890abcdef"
				+ "&redirect_uri=https%3A%2F%2Fexample.com%2Fwechat%2Fcallback&response_type=code"
				+ "&scope=snsapi_userinfo&state=x7Q2pL9s#wechat_redirect");
		assertThat(welcome).isEqualTo("Welcome, Band");
		wechat.verify(1, getRequestedFor(
				urlEqualTo("/sns/userinfo?access_token=ACCESS_TOKEN&openid=oLVPpjqs9BhvzwPj5A-vTYAX3GLc&lang=zh_CN")));
	}

	@Test
	void readmeQuotesThisQuickStartVerbatim() throws IOException {
		String source = Files.readString(Path.of("src/test/java/io/github/wechatoauth/QuickStartTests.java"));
		String block = source.substring(source.lastIndexOf("// quick-start:begin") + "// quick-start:begin\n".length(),
				source.lastIndexOf("\t// quick-start:end"));
		StringBuilder expected = new StringBuilder();
		block.lines()
			.forEach((line) -> expected.append(line.replaceFirst("^\t", "").replace("\t", "    ")).append('\n'));
		assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n" + expected + "```");
	}

	// quick-start:begin
	/** Signs WeChat users in to your site. Create one at start-up and share it. */
	static class WechatSignIn {

		private final WechatOAuthClient client;

		WechatSignIn(WechatOAuthClient.Builder builder, String appSecret) {
			// builder: WechatOAuthClient.builder(); appSecret: from your configuration,
			// never from source code. The client is thread-safe: one per app, shared.
			this.client = builder.appId("wx1234567890abcdef").appSecret(appSecret).build();
		}

		/** Step 1: the link that sends the user's browser to WeChat's consent page. */
		String signInLink(String state) {
			// state: random letters and digits that you also keep in the user's session
			return this.client.getAuthorizeUrl("https://example.com/wechat/callback", state, Scope.SNSAPI_USERINFO);
		}

		/** Step 2: WeChat sends the browser back with ?code=...&state=... */
		String onCallback(String code) {
			// Check first that state is the one you kept, then use the code.
			UserInfo user = this.client.getUserByCode(code);
			return "Welcome, " + user.nickname();
		}

	}
	// quick-start:end

}
