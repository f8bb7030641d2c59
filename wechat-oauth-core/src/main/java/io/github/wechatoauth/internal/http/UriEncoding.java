package io.github.wechatoauth.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding with JavaScript's {@code encodeURIComponent} semantics, which WeChat's
 * pages expect: everything but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} is encoded as UTF-8
 * bytes.
 */
public final class UriEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UriEncoding() {
	}

	/**
	 * Encodes a value for use as one query parameter value or path segment.
	 * @param value the raw value
	 * @return the encoded value
	 */
	public static String encodeUriComponent(String value) {
		return append(new StringBuilder(value.length() + 16), value).toString();
	}

	/**
	 * Appends a value encoded for use as one query parameter value or path segment.
	 * @param encoded where the encoded value goes
	 * @param value the raw value
	 * @return {@code encoded}
	 */
	static StringBuilder append(StringBuilder encoded, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				// The rest as UTF-8 bytes: what came before was ASCII, so no surrogate
				// pair is split here.
				for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
					appendByte(encoded, b & 0xFF);
				}
				return encoded;
			}
			appendByte(encoded, c);
		}
		return encoded;
	}

	private static void appendByte(StringBuilder encoded, int c) {
		if (isUnreserved(c)) {
			encoded.append((char) c);
		}
		else {
			encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
		}
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
	}

}
