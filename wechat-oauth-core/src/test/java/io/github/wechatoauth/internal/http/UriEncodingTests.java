package io.github.wechatoauth.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Percent-encoding with JavaScript's {@code encodeURIComponent} semantics.
 */
class UriEncodingTests {

	@Test
	void unreservedCharactersStayAsTheyAre() {
		assertThat(UriEncoding.encodeUriComponent("AZaz09-_.!~*'()")).isEqualTo("AZaz09-_.!~*'()");
	}

	@Test
	void reservedCharactersAreEncodedInUppercaseHex() {
		assertThat(UriEncoding.encodeUriComponent(":/?#[]@$&+,;= %\"<>"))
			.isEqualTo("%3A%2F%3F%23%5B%5D%40%24%26%2B%2C%3B%3D%20%25%22%3C%3E");
	}

	@Test
	void nonAsciiIsEncodedAsUtf8Bytes() {
		assertThat(UriEncoding.encodeUriComponent("微信")).isEqualTo("%E5%BE%AE%E4%BF%A1");
		assertThat(UriEncoding.encodeUriComponent("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
	}

	@Test
	void theFirstCharacterPastAsciiIsEncodedAsUtf8Bytes() {
		assertThat(UriEncoding.encodeUriComponent("\u007F\u0080")).isEqualTo("%7F%C2%80");
	}

	@Test
	void emptyStaysEmpty() {
		assertThat(UriEncoding.encodeUriComponent("")).isEmpty();
	}

}
