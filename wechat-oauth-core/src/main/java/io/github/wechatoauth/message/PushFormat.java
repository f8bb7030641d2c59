package io.github.wechatoauth.message;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The data format of a push: XML (every Official Account, and Mini Programs by default)
 * or JSON (a Mini Program whose console sets the data format to JSON). A JSON push is
 * answered {@code success}: Mini Programs take no passive reply.
 */
public enum PushFormat {

	/** {@code <xml>...</xml>}. */
	XML,

	/** A JSON object with the same field names. */
	JSON;

	/**
	 * Tells the format of a push from its {@code Content-Type} and, when that names
	 * neither XML nor JSON, from its first character that is not white space: a brace is
	 * JSON, anything else XML.
	 * @param contentType the request's {@code Content-Type}, or {@code null}
	 * @param body the request body
	 * @return the format
	 */
	public static PushFormat of(@Nullable String contentType, byte[] body) {
		if (contentType != null) {
			String type = contentType.toLowerCase(Locale.ROOT);
			if (type.contains("json")) {
				return JSON;
			}
			if (type.contains("xml")) {
				return XML;
			}
		}
		for (byte b : body) {
			// A UTF-8 byte order mark (EF BB BF) and white space come before the content.
			if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == (byte) 0xEF || b == (byte) 0xBB
					|| b == (byte) 0xBF) {
				continue;
			}
			return (b == '{') ? JSON : XML;
		}
		return XML;
	}

}
