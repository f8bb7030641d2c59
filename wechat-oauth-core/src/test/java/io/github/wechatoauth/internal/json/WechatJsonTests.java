package io.github.wechatoauth.internal.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link WechatJson} on each Jackson, side by side in one JVM: the same lenient reading,
 * binding failures that name the field and never quote the JSON, and the choice of
 * Jackson by class presence (3 before 2, and a clear failure with neither).
 */
class WechatJsonTests {

	static Stream<WechatJson> jacksons() {
		return Stream.of(new Jackson3Json(), new Jackson2Json());
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void readsAnObjectWithRawControlCharactersAndBackslashEscapes(WechatJson json) {
		Map<String, @Nullable Object> object = json.readObject("{\"nickname\":\"A\u0014n\\'n\\q\",\"sex\":1}");

		assertThat(object).containsEntry("nickname", "A\u0014n'nq").containsEntry("sex", 1);
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void readsNumbersAsTheSmallestTypeThatHoldsThem(WechatJson json) {
		Map<String, @Nullable Object> object = json
			.readObject("{\"int\":2147483647,\"long\":2147483648,\"big\":99999999999999999999,\"real\":1.5}");

		assertThat(object).containsEntry("int", 2147483647)
			.containsEntry("long", 2147483648L)
			.containsEntry("big", new BigInteger("99999999999999999999"))
			.containsEntry("real", 1.5);
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void answersNullForWhatIsNotAJsonObject(WechatJson json) {
		assertThat(json.readObject("")).isNull();
		assertThat(json.readObject("null")).isNull();
		assertThat(json.readObject("[1,2]")).isNull();
		assertThat(json.readObject("\"ACCESS_TOKEN\"")).isNull();
		assertThat(json.readObject("{\"access_token\":")).isNull();
		assertThat(json.readObject("<xml/>")).isNull();
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void bindsIgnoringUnknownFieldsAndReadingNumbersFromStrings(WechatJson json) {
		Map<String, @Nullable Object> object = json
			.readObject("{\"expires_in\":\"7200\",\"scope\":\"snsapi_base\",\"new\":{\"a\":[1]}}");

		assertThat(json.bind(object, Token.class)).isEqualTo(new Token(7200, "snsapi_base", null));
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void bindsANullOrAbsentNumberAsZero(WechatJson json) {
		assertThat(json.bind(json.readObject("{\"expires_in\":null}"), Token.class).expiresIn()).isZero();
		assertThat(json.bind(json.readObject("{}"), Token.class).expiresIn()).isZero();
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void namesTheFieldThatDoesNotFitWithoutQuotingIt(WechatJson json) {
		JsonBindingException tooLarge = catchThrowableOfType(JsonBindingException.class,
				() -> json.bind(json.readObject("{\"expires_in\":99999999999999999999}"), Token.class));
		JsonBindingException notANumber = catchThrowableOfType(JsonBindingException.class,
				() -> json.bind(json.readObject("{\"expires_in\":\"SECRET_VALUE\"}"), Token.class));
		JsonBindingException nested = catchThrowableOfType(JsonBindingException.class,
				() -> json.bind(json.readObject("{\"scenes\":[{\"id\":\"SECRET_VALUE\"}]}"), Token.class));

		assertThat(tooLarge.getField()).isEqualTo("expires_in");
		assertThat(tooLarge).hasMessage("field expires_in does not fit").hasNoCause();
		assertThat(notANumber.getField()).isEqualTo("expires_in");
		assertThat(notANumber.getMessage()).doesNotContain("SECRET_VALUE");
		assertThat(nested.getField()).isEqualTo("scenes[0].id");
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void writesMapsInOrderWithUnescapedChinese(WechatJson json) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credential");
		body.put("force_refresh", false);
		body.put("scene", Map.of("scene_id", 123));
		body.put("name", "微信");

		assertThat(new String(json.write(body), StandardCharsets.UTF_8))
			.isEqualTo("{\"grant_type\":\"client_credential\",\"force_refresh\":false,\"scene\":{\"scene_id\":123},"
					+ "\"name\":\"微信\"}");
		assertThat(json.writeString(List.of(1, "a"))).isEqualTo("[1,\"a\"]");
	}

	@ParameterizedTest
	@MethodSource("jacksons")
	void refusesToWriteWhatIsNotJsonWithoutQuotingIt(WechatJson json) {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> json.write(new Unwritable()))
			.withMessage("Unwritable cannot be written as JSON")
			.withNoCause();
	}

	@Test
	void choosesJackson3WhenBothArePresent() {
		assertThat(WechatJson.detect(getClass().getClassLoader()).name()).isEqualTo("Jackson 3");
		assertThat(WechatJson.get()).hasToString(WechatJson.get().name());
	}

	@Test
	void choosesJackson2WithoutJackson3() {
		assertThat(WechatJson.detect(hiding(getClass().getClassLoader(), "tools.jackson.")).name())
			.isEqualTo("Jackson 2");
	}

	@Test
	void failsNamingBothJacksonsWithNeither() {
		assertThatIllegalStateException().isThrownBy(() -> WechatJson.detect(new ClassLoader(null) {
		}))
			.withMessageContaining("tools.jackson.core:jackson-databind")
			.withMessageContaining("com.fasterxml.jackson.core:jackson-databind");
	}

	private static ClassLoader hiding(ClassLoader parent, String packagePrefix) {
		return new ClassLoader(null) {

			@Override
			protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
				if (name.startsWith(packagePrefix)) {
					throw new ClassNotFoundException(name);
				}
				return parent.loadClass(name);
			}

		};
	}

	record Token(@JsonProperty("expires_in") long expiresIn, @JsonProperty("scope") @Nullable String scope,
			@JsonProperty("scenes") @Nullable List<Scene> scenes) {
	}

	record Scene(@JsonProperty("id") int id) {
	}

	static class Unwritable {

		public String getSecret() {
			throw new IllegalStateException("SECRET_VALUE");
		}

	}

}
