package io.github.wechatoauth.oauth;

import io.github.wechatoauth.WechatOAuthClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The authorization links: WeChat matches them strictly, so these are exact strings.
 */
class AuthorizeUrlTests {

	private final WechatOAuthClient client = WechatOAuthClient.builder().appId("appid").appSecret("secret").build();

	@Test
	void officialAccountLinkHasWechatsParameterOrderAndFragment() {
		assertThat(this.client.getAuthorizeUrl("http://diveintonode.org/", "hehe", Scope.SNSAPI_USERINFO))
			.isEqualTo("https://open.weixin.qq.com/connect/oauth2/authorize?appid=appid"
					+ "&redirect_uri=http%3A%2F%2Fdiveintonode.org%2F&response_type=code&scope=snsapi_userinfo"
					+ "&state=hehe#wechat_redirect");
	}

	@Test
	void silentAuthorizationAsksForSnsapiBase() {
		assertThat(this.client.getAuthorizeUrl("http://diveintonode.org/", "hehe", Scope.SNSAPI_BASE))
			.isEqualTo("https://open.weixin.qq.com/connect/oauth2/authorize?appid=appid"
					+ "&redirect_uri=http%3A%2F%2Fdiveintonode.org%2F&response_type=code&scope=snsapi_base"
					+ "&state=hehe#wechat_redirect");
	}

	@Test
	void websiteLinkIsTheQrConnectPageWithSnsapiLogin() {
		assertThat(this.client.getAuthorizeUrlForWebsite("http://diveintonode.org/", "hehe"))
			.isEqualTo("https://open.weixin.qq.com/connect/qrconnect?appid=appid"
					+ "&redirect_uri=http%3A%2F%2Fdiveintonode.org%2F&response_type=code&scope=snsapi_login"
					+ "&state=hehe#wechat_redirect");
	}

	@Test
	void snsapiLoginScopeGivesTheWebsiteLink() {
		assertThat(this.client.getAuthorizeUrl("http://diveintonode.org/", "hehe", Scope.SNSAPI_LOGIN))
			.isEqualTo(this.client.getAuthorizeUrlForWebsite("http://diveintonode.org/", "hehe"));
	}

	@Test
	void redirectUriIsEncodedAsEncodeUriComponentDoes() {
		String url = this.client.getAuthorizeUrl("https://example.com/回调?a=1&b=(x)!*~'", "s1", Scope.SNSAPI_USERINFO);

		assertThat(url).contains("&redirect_uri=https%3A%2F%2Fexample.com%2F%E5%9B%9E%E8%B0%83%3Fa%3D1%26b%3D(x)!*~'"
				+ "&response_type=code");
	}

	@Test
	void openBaseUrlWithTrailingSlashGivesNoDoubleSlash() {
		WechatOAuthClient proxied = WechatOAuthClient.builder()
			.appId("appid")
			.appSecret("secret")
			.openBaseUrl("http://localhost:8080/wechat-open/")
			.build();

		assertThat(proxied.getAuthorizeUrl("http://diveintonode.org/", "hehe", Scope.SNSAPI_BASE))
			.startsWith("http://localhost:8080/wechat-open/connect/oauth2/authorize?appid=appid&");
	}

	@Test
	void stateOfUpTo128LettersAndDigitsIsAccepted() {
		String state = "aZ09".repeat(32);

		assertThat(this.client.getAuthorizeUrl("http://diveintonode.org/", state, Scope.SNSAPI_BASE))
			.endsWith("&state=" + state + "#wechat_redirect");
	}

	@Test
	void stateWithOtherCharactersIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.getAuthorizeUrl("http://diveintonode.org/", "he-he", Scope.SNSAPI_BASE))
			.withMessage("state must be 1 to 128 characters of a-zA-Z0-9 (WeChat refuses others)");
	}

	@Test
	void stateLongerThan128IsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.getAuthorizeUrlForWebsite("http://diveintonode.org/", "a".repeat(129)))
			.withMessageStartingWith("state must be 1 to 128 characters");
	}

	@Test
	void missingStateIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.getAuthorizeUrl("http://diveintonode.org/", null, Scope.SNSAPI_BASE))
			.withMessage("state must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.getAuthorizeUrl("http://diveintonode.org/", "", Scope.SNSAPI_BASE))
			.withMessageStartingWith("state must be 1 to 128 characters");
	}

	@Test
	void relativeOrBlankRedirectUriIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.getAuthorizeUrl("/callback", "hehe", Scope.SNSAPI_BASE))
			.withMessage("redirectUri must be an absolute http:// or https:// URL without spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.getAuthorizeUrlForWebsite(" ", "hehe"))
			.withMessage("redirectUri must not be blank");
	}

	@Test
	void missingScopeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.getAuthorizeUrl("http://diveintonode.org/", "hehe", null))
			.withMessage("scope must not be null");
	}

}
