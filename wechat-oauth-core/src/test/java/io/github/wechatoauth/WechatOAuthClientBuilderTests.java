package io.github.wechatoauth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the builder refuses, and that its messages say which setting to fix.
 */
class WechatOAuthClientBuilderTests {

	@Test
	void appIdAndAppSecretAreRequired() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WechatOAuthClient.builder().appSecret(WechatStub.APP_SECRET).build())
			.withMessage("appId must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WechatOAuthClient.builder().appId(WechatStub.APP_ID).build())
			.withMessage("appSecret must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WechatOAuthClient.builder().appId(WechatStub.APP_ID).appSecret(" ").build())
			.withMessage("appSecret must not be blank");
	}

	@Test
	void builtClientKnowsItsAppId() {
		WechatOAuthClient client = WechatOAuthClient.builder()
			.appId(WechatStub.APP_ID)
			.appSecret(WechatStub.APP_SECRET)
			.build();

		assertThat(client.getAppId()).isEqualTo(WechatStub.APP_ID);
	}

	@Test
	void baseUrlMustBeAnAbsoluteHttpUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WechatOAuthClient.builder().apiBaseUrl("api.weixin.qq.com"))
			.withMessage("apiBaseUrl must be an absolute http:// or https:// URL without spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().mpBaseUrl(""))
			.withMessage("mpBaseUrl must not be blank");
	}

	@Test
	void baseUrlThatIsNoValidUriIsRefusedAtTheBuilder() {
		// Refused here: later, the URI's own error would quote the query string and the
		// secret in it.
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().apiBaseUrl("http://a|b"))
			.withMessageStartingWith("apiBaseUrl must be a valid URI");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WechatOAuthClient.builder().openBaseUrl("https://open.weixin.qq.com/?x=1"))
			.withMessage("openBaseUrl must be a base URL with a host and without query or fragment");
	}

	@Test
	void timeoutsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().readTimeout(Duration.ZERO))
			.withMessage("readTimeout must be positive, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WechatOAuthClient.builder().connectTimeout(Duration.ofSeconds(-1)))
			.withMessage("connectTimeout must be positive, was PT-1S");
	}

	@Test
	void collaboratorsMustNotBeNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().tokenStore(null))
			.withMessage("tokenStore must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().sharedStore(null))
			.withMessage("sharedStore must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().clock(null))
			.withMessage("clock must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> WechatOAuthClient.builder().restClientBuilder(null))
			.withMessage("restClientBuilder must not be null");
	}

}
