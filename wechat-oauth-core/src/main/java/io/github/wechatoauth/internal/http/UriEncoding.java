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
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder encoded = new StringBuilder(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (isUnreserved(c)) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return encoded.toString();
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
	}

}
