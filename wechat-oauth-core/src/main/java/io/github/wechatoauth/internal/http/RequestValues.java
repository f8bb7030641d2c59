package io.github.wechatoauth.internal.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The values one request carried that are long enough to be a secret, a token or a code
 * (the AppSecret, access and refresh tokens, authorization codes), as sent and
 * URL-encoded, so that nothing read back, from a failure or from WeChat's {@code errmsg},
 * quotes one of them. The values of {@link #PUBLIC_PARAMETERS} are no secrets and stay.
 */
final class RequestValues {

	/** Secrets, tokens and codes are longer; values shorter than this are not. */
	static final int MIN_SECRET_LENGTH = 8;

	static final String MASK = "****";

	/**
	 * Parameters whose values are identifiers or protocol words, never secrets: an
	 * {@code errmsg} such as {@code invalid openid o6_bm...} keeps them.
	 */
	static final Set<String> PUBLIC_PARAMETERS = Set.of("appid", "openid", "grant_type", "lang", "type");

	/** Longest first, so that a value holding another is masked whole. */
	private static final Comparator<String> LONGEST_FIRST = Comparator.comparingInt(String::length)
		.reversed()
		.thenComparing(Comparator.naturalOrder());

	private final Map<String, String> query;

	private final @Nullable Object body;

	/**
	 * The values, longest first; found when first needed, as only a failure needs them (a
	 * request and what it reads back stay on one thread).
	 */
	private @Nullable List<String> values;

	private RequestValues(Map<String, String> query, @Nullable Object body) {
		this.query = query;
		this.body = body;
	}

	/**
	 * The values of a request.
	 * @param query the query parameters, not encoded
	 * @param body the body, or {@code null}: the strings of a map (also nested) and of a
	 * list are taken
	 */
	static RequestValues of(Map<String, String> query, @Nullable Object body) {
		return new RequestValues(query, body);
	}

	private List<String> values() {
		List<String> values = this.values;
		if (values == null) {
			List<String> collected = new ArrayList<>();
			collect(this.query, collected);
			collect(this.body, collected);
			Set<String> sorted = new TreeSet<>(LONGEST_FIRST);
			for (String value : collected) {
				if (value.length() >= MIN_SECRET_LENGTH) {
					sorted.add(value);
					sorted.add(UriEncoding.encodeUriComponent(value));
				}
			}
			values = List.copyOf(sorted);
			this.values = values;
		}
		return values;
	}

	/**
	 * Whether a text quotes a value, as sent or URL-encoded, or a query string.
	 * @param text the text, such as an exception's message
	 * @return whether it must not be shown
	 */
	boolean quotedIn(@Nullable String text) {
		if (text == null) {
			return false;
		}
		if (text.contains("?")) {
			return true;
		}
		for (String value : values()) {
			if (text.contains(value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Masks every value a text quotes, as sent or URL-encoded, with {@value #MASK}.
	 * @param text the text, such as WeChat's {@code errmsg}
	 * @return the text without the values
	 */
	String mask(String text) {
		String masked = text;
		for (String value : values()) {
			masked = masked.replace(value, MASK);
		}
		return masked;
	}

	private static void collect(@Nullable Object body, List<String> values) {
		if (body instanceof String text) {
			values.add(text);
		}
		else if (body instanceof Map<?, ?> map) {
			map.forEach((name, value) -> {
				if (!PUBLIC_PARAMETERS.contains(name)) {
					collect(value, values);
				}
			});
		}
		else if (body instanceof Collection<?> collection) {
			collection.forEach((value) -> collect(value, values));
		}
	}

}
