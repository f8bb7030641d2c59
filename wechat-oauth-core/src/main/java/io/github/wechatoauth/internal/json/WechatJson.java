package io.github.wechatoauth.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Reads and writes JSON with the Jackson the application has: Jackson 3 when
 * {@code tools.jackson.databind} is present, else Jackson 2. Both are configured alike
 * for WeChat's answers: unknown fields are ignored, numbers may come as strings, strings
 * may hold raw control characters and backslash-escape any character. No failure quotes
 * the JSON it read, which may hold tokens. Internal.
 */
public abstract sealed class WechatJson permits Jackson3Json, Jackson2Json {

	private static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";

	private static final String JACKSON_2 = "com.fasterxml.jackson.databind.json.JsonMapper";

	private static volatile @Nullable WechatJson detected;

	WechatJson() {
	}

	/**
	 * Returns the JSON support of the Jackson on the class path, found once.
	 * @return the JSON support
	 * @throws IllegalStateException if neither Jackson 3 nor Jackson 2 is present
	 */
	public static WechatJson get() {
		WechatJson json = detected;
		if (json == null) {
			json = detect(WechatJson.class.getClassLoader());
			detected = json;
		}
		return json;
	}

	/**
	 * Finds the JSON support of the Jackson a class loader sees, Jackson 3 first.
	 * @param classLoader the class loader
	 * @return the JSON support
	 * @throws IllegalStateException if neither Jackson 3 nor Jackson 2 is present
	 */
	static WechatJson detect(@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(JACKSON_3, classLoader)) {
			return new Jackson3Json();
		}
		if (ClassUtils.isPresent(JACKSON_2, classLoader)) {
			return new Jackson2Json();
		}
		throw new IllegalStateException("wechat-oauth reads WeChat's JSON with the application's Jackson and found "
				+ "none: add tools.jackson.core:jackson-databind (Jackson 3, as Spring Boot 4 has) or "
				+ "com.fasterxml.jackson.core:jackson-databind (Jackson 2, as Spring Boot 3 has)");
	}

	/**
	 * Returns which library this is.
	 * @return {@code Jackson 3} or {@code Jackson 2}
	 */
	public abstract String name();

	/**
	 * Reads a JSON object into maps, lists, strings, numbers ({@code Integer},
	 * {@code Long}, {@code BigInteger}, {@code Double}), booleans and nulls.
	 * @param json the JSON text
	 * @return the object's fields in order, or {@code null} if the text is not a JSON
	 * object
	 */
	public abstract @Nullable Map<String, @Nullable Object> readObject(String json);

	/**
	 * Reads UTF-8 JSON straight into a type, in one pass; for answers known to hold no
	 * {@code errcode}.
	 * @param <T> the type
	 * @param json the JSON, UTF-8
	 * @param type the type
	 * @return the value, or {@code null} if the bytes are not well-formed UTF-8 JSON that
	 * fits the type (read them with {@link #readObject} and {@link #bind} then, which
	 * decode leniently and name what does not fit)
	 */
	public abstract <T> @Nullable T readOrNull(byte[] json, Class<T> type);

	/**
	 * Binds a JSON object read by {@link #readObject} to a type, such as a record with
	 * {@code @JsonProperty} components.
	 * @param <T> the type
	 * @param object the JSON object
	 * @param type the type
	 * @return the bound value
	 * @throws JsonBindingException if the object does not fit the type
	 */
	public abstract <T> T bind(Map<String, @Nullable Object> object, Class<T> type);

	/**
	 * Writes a value as JSON.
	 * @param value the value, such as a map of strings, numbers and booleans
	 * @return the JSON, UTF-8
	 * @throws IllegalArgumentException if the value cannot be written as JSON
	 */
	public abstract byte[] write(Object value);

	/**
	 * Writes a value as JSON text.
	 * @param value the value, such as a map of strings, numbers and booleans
	 * @return the JSON
	 * @throws IllegalArgumentException if the value cannot be written as JSON
	 */
	public String writeString(Object value) {
		return new String(write(value), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return name();
	}

	static IllegalArgumentException notWritable(Object value) {
		// The library's message may quote the value, which may hold a secret.
		return new IllegalArgumentException(value.getClass().getSimpleName() + " cannot be written as JSON");
	}

}
