package io.github.wechatoauth.store.redis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.wechatoauth.WechatTransportException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * What the Redis stores share: key checks, the flat JSON their values are written in
 * (strings and epoch milliseconds, mapped by hand so that no JSON library's date handling
 * is involved), and turning Redis failures into {@link WechatTransportException}s.
 */
final class RedisStoreSupport {

	/** The key prefix when none is given. */
	static final String DEFAULT_KEY_PREFIX = "wechat";

	/** Parse errors never quote the stored text, which holds tokens. */
	private static final JsonFactory JSON = JsonFactory.builder()
		.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
		.build();

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
		StringWriter out = new StringWriter();
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			for (Map.Entry<String, @Nullable Object> field : fields.entrySet()) {
				Object value = field.getValue();
				if (value == null) {
					json.writeNullField(field.getKey());
				}
				else if (value instanceof Long number) {
					json.writeNumberField(field.getKey(), number);
				}
				else {
					json.writeStringField(field.getKey(), value.toString());
				}
			}
			json.writeEndObject();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * Reads a flat JSON object.
	 * @return field names to values as text ({@code null} for JSON null)
	 * @throws IOException if the text is not a flat JSON object of strings, numbers and
	 * nulls
	 */
	static Map<String, @Nullable String> readJson(String text) throws IOException {
		Map<String, @Nullable String> fields = new LinkedHashMap<>();
		try (JsonParser json = JSON.createParser(text)) {
			if (json.nextToken() != JsonToken.START_OBJECT) {
				throw new IOException("not a JSON object");
			}
			JsonToken token = json.nextToken();
			while (token == JsonToken.FIELD_NAME) {
				String name = json.currentName();
				JsonToken value = json.nextToken();
				if (value == JsonToken.VALUE_NULL) {
					fields.put(name, null);
				}
				else if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
					fields.put(name, json.getText());
				}
				else {
					throw new IOException("unexpected " + value + " in field " + name);
				}
				token = json.nextToken();
			}
			if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
				throw new IOException("not a flat JSON object");
			}
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
