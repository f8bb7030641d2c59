package io.github.wechatoauth.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wechatoauth.internal.json.WechatJson;
import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Mini Program's JSON pushes into the same fields as {@link MessageXml}: a
 * top-level member gives a field with its text (a number as written, a boolean as
 * {@code true} or {@code false}, {@code null} nothing), a nested member is named by its
 * path ({@code ScanCodeInfo.ScanType}) and an array's elements like repeated elements
 * ({@code item}, {@code item[1]}, ...). The size is checked before anything is parsed and
 * no failure quotes the body.
 */
final class MessageJson {

	private static final int MAX_DEPTH = 16;

	private final int maxBodySize;

	MessageJson(int maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	Map<String, String> parse(byte[] body) {
		return parse(MessageXml.decode(body, this.maxBodySize));
	}

	Map<String, String> parse(String json) {
		MessageXml.checkSize(json.length(), this.maxBodySize);
		String document = json.startsWith("\uFEFF") ? json.substring(1) : json;
		Map<String, @Nullable Object> object = WechatJson.get().readObject(document);
		if (object == null) {
			throw new WechatMessageException(Reason.MALFORMED, "the body is not a JSON object");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		flatten("", object, fields, 1);
		return Collections.unmodifiableMap(fields);
	}

	private static void flatten(String path, Map<?, ?> object, Map<String, String> fields, int depth) {
		for (Map.Entry<?, ?> member : object.entrySet()) {
			String name = String.valueOf(member.getKey());
			add(path.isEmpty() ? name : path + "." + name, member.getValue(), fields, depth);
		}
	}

	private static void add(String path, @Nullable Object value, Map<String, String> fields, int depth) {
		if (depth > MAX_DEPTH) {
			throw new WechatMessageException(Reason.MALFORMED, "the body nests values too deeply");
		}
		if (value instanceof Map<?, ?> object) {
			flatten(path, object, fields, depth + 1);
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				add((i == 0) ? path : path + "[" + i + "]", list.get(i), fields, depth + 1);
			}
		}
		else if (value != null) {
			fields.putIfAbsent(path, value.toString());
		}
	}

}
