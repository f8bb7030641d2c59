package io.github.wechatoauth.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks arguments at the door, with a message that names the argument and the rule it
 * broke. Internal.
 */
public final class Arguments {

	private Arguments() {
	}

	/**
	 * Requires a value with at least one non-whitespace character.
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws IllegalArgumentException if the value is null or blank
	 */
	public static String requireText(@Nullable String value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	/**
	 * Requires a non-null value.
	 * @param <T> the value's type
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws IllegalArgumentException if the value is null
	 */
	public static <T> T requireNonNull(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		return value;
	}

	/**
	 * Requires an absolute {@code http} or {@code https} URL.
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws IllegalArgumentException if the value is not such a URL
	 */
	public static String requireHttpUrl(@Nullable String value, String name) {
		String url = requireNonNull(value, name);
		// One pass over the text, as each JS-SDK signature checks its URL: a URL with a
		// scheme and no whitespace cannot be blank, so the blank check is for the
		// message.
		int schemeLength = httpSchemeLength(url);
		if (schemeLength == 0 || url.length() == schemeLength || hasWhitespace(url)) {
			requireText(url, name);
			throw new IllegalArgumentException(name + " must be an absolute http:// or https:// URL without spaces");
		}
		return url;
	}

	/**
	 * Requires the base URL of a service: an absolute {@code http} or {@code https} URI
	 * with a host and neither a query nor a fragment, to which endpoint paths are
	 * appended.
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws IllegalArgumentException if the value is not such a URL
	 */
	public static String requireBaseUrl(@Nullable String value, String name) {
		String url = requireHttpUrl(value, name);
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(name + " must be a valid URI: " + ex.getReason());
		}
		if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(name + " must be a base URL with a host and without query or fragment");
		}
		return url;
	}

	/**
	 * Requires a value that matches a pattern.
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @param pattern the pattern the whole value must match
	 * @param rule the rule in words, for the message
	 * @return the value
	 * @throws IllegalArgumentException if the value does not match
	 */
	public static String requireMatch(@Nullable String value, String name, Pattern pattern, String rule) {
		String text = requireNonNull(value, name);
		if (!pattern.matcher(text).matches()) {
			throw new IllegalArgumentException(name + " must be " + rule);
		}
		return text;
	}

	/**
	 * Returns the length of the text's {@code http://} or {@code https://} prefix, zero
	 * without one.
	 */
	private static int httpSchemeLength(String text) {
		if (!text.startsWith("http")) {
			return 0;
		}
		int colon = (text.length() > 4 && text.charAt(4) == 's') ? 5 : 4;
		return text.startsWith("://", colon) ? colon + 3 : 0;
	}

	private static boolean hasWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// Printable ASCII is never whitespace: only the rest asks Character.
			if ((c <= ' ' || c >= 0x7f) && Character.isWhitespace(c)) {
				return true;
			}
		}
		return false;
	}

}
