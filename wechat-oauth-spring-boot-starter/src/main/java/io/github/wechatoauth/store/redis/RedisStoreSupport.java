package io.github.wechatoauth.store.redis;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.json.WechatJson;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * What the Redis stores share: key checks, the flat JSON their values are written in
 * (strings and epoch milliseconds, mapped by hand so that no JSON library's date handling
 * is involved; written and read with the application's Jackson, as the client reads
 * WeChat's answers), and turning Redis failures into {@link WechatTransportException}s.
 */
final class RedisStoreSupport {

	/** The key prefix when none is given. */
	static final String DEFAULT_KEY_PREFIX = "wechat";

	private RedisStoreSupport() {
	}

	static String keyBase(String keyPrefix, String appId) {
		requireKeyPart(keyPrefix, "keyPrefix");
		requireKeyPart(appId, "appId");
		return keyPrefix + ":" + appId + ":";
	}

	static String requireKeyPart(String value, String name) {
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	/**
	 * Runs one Redis operation, turning a failure into a {@link WechatTransportException}
	 * that names what failed and on which key.
	 */
	static <T> @Nullable T call(String action, String key, Supplier<@Nullable T> operation) {
		try {
			return operation.get();
		}
		catch (DataAccessException ex) {
			throw new WechatTransportException(
					"Redis store could not " + action + " (key " + key + "): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the time to live of a value that expires at an instant, by a clock.
	 * @return the time to live, or {@code null} if the value has already expired
	 */
	static @Nullable Duration timeToLive(Instant now, Instant expiresAt) {
		Duration ttl = Duration.between(now, expiresAt);
		if (ttl.isNegative() || ttl.isZero()) {
			return null;
		}
		// Redis counts whole milliseconds; never round a live value down to "no expiry".
		return (ttl.toMillis() == 0) ? Duration.ofMillis(1) : ttl;
	}

	/**
	 * Writes a flat JSON object.
	 * @param fields field names to values: strings, longs or {@code null}
	 */
	static String writeJson(Map<String, @Nullable Object> fields) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		fields.forEach(
				(name, value) -> json.put(name, (value == null || value instanceof Long) ? value : value.toString()));
		return WechatJson.get().writeString(json);
	}

	/**
	 * Reads a flat JSON object; a failure never quotes the stored text, which holds
	 * tokens.
	 * @return field names to values as text ({@code null} for JSON null)
	 * @throws IOException if the text is not a flat JSON object of strings, whole numbers
	 * and nulls
	 */
	static Map<String, @Nullable String> readJson(String text) throws IOException {
		Map<String, ?> json = WechatJson.get().readObject(text);
		if (json == null) {
			throw new IOException("not a JSON object");
		}
		Map<String, @Nullable String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, ?> field : json.entrySet()) {
			Object value = field.getValue();
			if (value != null && !(value instanceof String || value instanceof Integer || value instanceof Long
					|| value instanceof BigInteger)) {
				throw new IOException("unexpected " + value.getClass().getSimpleName() + " in field " + field.getKey());
			}
			fields.put(field.getKey(), (value != null) ? value.toString() : null);
		}
		return fields;
	}

	static String requireField(Map<String, @Nullable String> fields, String name) throws IOException {
		String value = fields.get(name);
		if (value == null) {
			throw new IOException("field " + name + " is missing");
		}
		return value;
	}

	static long requireLong(Map<String, @Nullable String> fields, String name) throws IOException {
		try {
			return Long.parseLong(requireField(fields, name));
		}
		catch (NumberFormatException ex) {
			throw new IOException("field " + name + " is not a whole number", ex);
		}
	}

}
