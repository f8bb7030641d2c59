package io.github.wechatoauth.internal.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/** {@link WechatJson} on Jackson 2 ({@code com.fasterxml.jackson}). */
final class Jackson2Json extends WechatJson {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
				DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@Override
	public String name() {
		return "Jackson 2";
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable Map<String, @Nullable Object> readObject(String json) {
		try {
			return this.mapper.readValue(json, Map.class);
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	@Override
	public <T> @Nullable T readOrNull(byte[] json, Class<T> type) {
		try {
			return this.mapper.readValue(json, type);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public <T> T bind(Map<String, @Nullable Object> object, Class<T> type) {
		try {
			return this.mapper.convertValue(object, type);
		}
		catch (RuntimeException ex) {
			throw JsonBindingException.of(ex, Jackson2Json::pathOf);
		}
	}

	@Override
	public byte[] write(Object value) {
		try {
			return this.mapper.writeValueAsBytes(value);
		}
		catch (JsonProcessingException ex) {
			throw notWritable(value);
		}
	}

	/**
	 * The field names and indexes of a failure's path, outermost first; empty if none.
	 */
	private static List<String> pathOf(Throwable failure) {
		List<String> names = new ArrayList<>();
		if (failure instanceof JsonMappingException jackson) {
			for (JsonMappingException.Reference reference : jackson.getPath()) {
				String name = reference.getFieldName();
				names.add((name != null) ? name : "[" + reference.getIndex() + "]");
			}
		}
		return names;
	}

}
