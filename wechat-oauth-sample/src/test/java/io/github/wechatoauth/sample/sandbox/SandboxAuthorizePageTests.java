package io.github.wechatoauth.sample.sandbox;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization pages as a browser sees them, the checks WeChat makes on their links,
 * the wiring of the {@code wechat.*} properties to the sandbox, and the counts at
 * {@code /sandbox/stats}.
 */
class SandboxAuthorizePageTests extends SandboxTestSupport {

	@Autowired
	Environment environment;

	@Test
	void showsAnAccessibleConsentPageWithTheTestUsers() {
		String html = get(
				client().getAuthorizeUrl(callbackUrl(), "abc", io.github.wechatoauth.oauth.Scope.SNSAPI_USERINFO))
			.text();

		assertThat(html).contains("<html lang=\"zh-CN\">", "<title>微信授权 · WeChat sandbox</title>", "<legend>", "王小明",
				"李雷🐼", "韩梅梅", "value=\"allow\"", "value=\"deny\"", "<link rel=\"icon\" href=\"data:,\">");
		assertThat(html).doesNotContain("<script");
		assertThat(html.split("<label class=\"user\">", -1)).hasSize(4);
	}

	@Test
	void titlesTheWebsitePageAsALogin() {
		String html = get(client().getAuthorizeUrlForWebsite(callbackUrl(), "abc")).text();

		assertThat(html).contains("<title>微信登录 · WeChat sandbox</title>", "action=\"/sandbox/connect/qrconnect\"");
	}

	@ParameterizedTest(name = "{0}?{1} -> {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					connect/oauth2/authorize | redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_userinfo&state=a | 10012
					connect/oauth2/authorize | appid=wx0123456789abcdef&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_userinfo&state=a | 40013
					connect/oauth2/authorize | appid=APPID&scope=snsapi_userinfo&state=a | 10011
					connect/oauth2/authorize | appid=APPID&redirect_uri=http%3A%2F%2Fexample.com%2Fcb&scope=snsapi_userinfo&state=a | 10003
					connect/oauth2/authorize | appid=APPID&redirect_uri=javascript%3Aalert(1)&scope=snsapi_userinfo&state=a | 10003
					connect/oauth2/authorize | appid=APPID&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=&state=a | 10010
					connect/oauth2/authorize | appid=APPID&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_login&state=a | 10005
					connect/oauth2/authorize | appid=APPID&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_userinfo | 10013
					connect/oauth2/authorize | appid=APPID&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_base&state= | 10013
					connect/qrconnect | appid=APPID&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_userinfo&state=a | 10005
					connect/qrconnect | appid=APPID&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=snsapi_login | 10013
					""")
	void refusesABadLinkWithWechatsCode(String page, String query, int code) {
		Answer answer = get(sandboxUrl() + "/" + page + "?" + query.replace("APPID", this.properties.getAppid())
				+ "&response_type=code#wechat_redirect");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).contains("<strong>" + code + "</strong>").doesNotContain("<form");
		assertThat(this.stats.errors(page, code)).isPositive();
	}

	@Test
	void pointsTheWechatPropertiesAtItself() {
		assertThat(this.environment.getProperty("sample.sandbox.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("wechat.appid")).isEqualTo(this.properties.getAppid())
			.isEqualTo(SandboxProperties.DEFAULT_APPID)
			.matches("wx[0-9a-f]{16}");
		assertThat(this.environment.getProperty("wechat.secret")).isEqualTo(this.properties.getSecret());
		assertThat(this.environment.getProperty("wechat.api-base-url")).matches("http://localhost:\\d+/sandbox")
			.isEqualTo(this.properties.getBaseUrl())
			.isEqualTo(this.environment.getProperty("wechat.open-base-url"))
			.isEqualTo(this.environment.getProperty("wechat.mp-base-url"));
	}

	@Test
	void countsWhatItServed() throws IOException {
		long before = this.stats.requests("sns/oauth2/access_token");
		get(sandboxUrl() + "/sns/oauth2/access_token?appid=x&secret=y&code=z&grant_type=authorization_code");

		Answer stats = get(sandboxUrl() + "/stats");

		assertThat(stats.contentType()).isEqualTo("application/json");
		assertThat(stats.json().path("requests").path("sns/oauth2/access_token").asLong()).isEqualTo(before + 1);
		assertThat(stats.json().path("errors").path("sns/oauth2/access_token").path("40013").asLong()).isPositive();
	}

}
