package io.github.wechatoauth.internal;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Argument checks: each returns the checked value, and each message names the argument
 * and the rule it broke.
 */
class ArgumentsTests {

	@Test
	void requireTextReturnsTheValueOrNamesTheRule() {
		assertThat(Arguments.requireText(" a ", "code")).isEqualTo(" a ");
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireText(null, "code"))
			.withMessage("code must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireText("\t\n ", "code"))
			.withMessage("code must not be blank");
	}

	@Test
	void requireNonNullReturnsTheValueOrNamesTheArgument() {
		assertThat(Arguments.requireNonNull(42, "sceneId")).isEqualTo(42);
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireNonNull(null, "sceneId"))
			.withMessage("sceneId must not be null");
	}

	@Test
	void requireHttpUrlAcceptsAbsoluteHttpAndHttpsUrls() {
		assertThat(Arguments.requireHttpUrl("http://a", "url")).isEqualTo("http://a");
		assertThat(Arguments.requireHttpUrl("https://example.com/p?q=1#f", "url"))
			.isEqualTo("https://example.com/p?q=1#f");
		assertThat(Arguments.requireHttpUrl("https://example.com/页面\u00a0", "url"))
			.isEqualTo("https://example.com/页面\u00a0");
	}

	@Test
	void requireHttpUrlRefusesOtherSchemesEmptyHostsAndSpaces() {
		for (String url : new String[] { "ftp://example.com", "example.com", "https://", "https://exa mple.com",
				"https://example.com/\n", "https://example.com/\u2003", "http:/", "httpx://example.com" }) {
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> Arguments.requireHttpUrl(url, "redirectUri"))
				.withMessage("redirectUri must be an absolute http:// or https:// URL without spaces");
		}
	}

	@Test
	void requireHttpUrlNamesANullOrBlankUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireHttpUrl(null, "url"))
			.withMessage("url must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireHttpUrl(" ", "url"))
			.withMessage("url must not be blank");
	}

	@Test
	void requireBaseUrlAcceptsAHostWithAnOptionalPath() {
		assertThat(Arguments.requireBaseUrl("http://localhost:8089/wechat/", "apiBaseUrl"))
			.isEqualTo("http://localhost:8089/wechat/");
	}

	@Test
	void requireBaseUrlRefusesInvalidUrisQueriesAndFragments() {
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireBaseUrl("https://a|b", "apiBaseUrl"))
			.withMessageStartingWith("apiBaseUrl must be a valid URI");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Arguments.requireBaseUrl("https://api.weixin.qq.com?x=1", "apiBaseUrl"))
			.withMessage("apiBaseUrl must be a base URL with a host and without query or fragment");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Arguments.requireBaseUrl("https://api.weixin.qq.com#x", "apiBaseUrl"))
			.withMessage("apiBaseUrl must be a base URL with a host and without query or fragment");
	}

	@Test
	void requireMatchNamesTheRule() {
		Pattern digits = Pattern.compile("[0-9]+");

		assertThat(Arguments.requireMatch("123", "n", digits, "digits")).isEqualTo("123");
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireMatch("12a", "n", digits, "digits"))
			.withMessage("n must be digits");
		assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireMatch(null, "n", digits, "digits"))
			.withMessage("n must not be null");
	}

}
