package io.github.wechatoauth.internal.http;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestValues}: which values a text must not quote, and their masking.
 */
class RequestValuesTests {

	@Test
	void valuesOfTheSecretLengthAreMaskedAndShorterOnesStay() {
		RequestValues values = RequestValues.of(Map.of("code", "12345678", "state", "1234567"), null);

		assertThat(values.mask("code 12345678, state 1234567")).isEqualTo("code ****, state 1234567");
		assertThat(values.quotedIn("code 12345678")).isTrue();
		assertThat(values.quotedIn("state 1234567")).isFalse();
	}

	@Test
	void theUrlEncodedFormIsMaskedToo() {
		RequestValues values = RequestValues.of(Map.of("secret", "a b/c+d=e"), null);

		assertThat(values.mask("sent a%20b%2Fc%2Bd%3De and a b/c+d=e")).isEqualTo("sent **** and ****");
		assertThat(values.quotedIn("sent a%20b%2Fc%2Bd%3De")).isTrue();
	}

	@Test
	void aValueHoldingAnotherIsMaskedWhole() {
		RequestValues values = RequestValues.of(Map.of("refresh_token", "abcdefgh", "code", "abcdefghijkl"), null);

		assertThat(values.mask("invalid abcdefghijkl")).isEqualTo("invalid ****");
	}

	@Test
	void publicParametersStayAndBodiesAreSearchedThroughMapsAndLists() {
		Map<String, Object> body = Map.of("appid", "wx1234567890abcdef", "filter",
				Map.of("tokens", List.of("token-one-123", "token-two-456"), "openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"));
		RequestValues values = RequestValues.of(Map.of("openid", "o6_bmasdasdsad6_2sgVt7hMZOPfL2M"), body);

		assertThat(values.mask("wx1234567890abcdef token-one-123 token-two-456 o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))
			.isEqualTo("wx1234567890abcdef **** **** o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
		assertThat(values.quotedIn("invalid openid o6_bmasdasdsad6_2sgVt7hMZOPfL2M")).isFalse();
	}

	@Test
	void aQueryStringOrNoTextAtAll() {
		RequestValues values = RequestValues.of(Map.of(), "a body of text");

		assertThat(values.quotedIn(null)).isFalse();
		assertThat(values.quotedIn("GET /sns/userinfo?lang=en")).isTrue();
		assertThat(values.quotedIn("nothing sent")).isFalse();
		assertThat(values.quotedIn("read: a body of text")).isTrue();
		assertThat(values.mask("read: a body of text")).isEqualTo("read: ****");
	}

}
