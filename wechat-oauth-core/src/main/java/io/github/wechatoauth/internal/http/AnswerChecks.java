package io.github.wechatoauth.internal.http;

import io.github.wechatoauth.WechatTransportException;

/**
 * Range checks for the numbers in WeChat's answers (lifetimes, times, ids, counts), so
 * that a hostile or broken answer such as {@code "expires_in": 9223372036854775807} is a
 * {@link WechatTransportException} naming the field, never an overflow later on.
 * Internal.
 */
public final class AnswerChecks {

	/**
	 * The longest lifetime WeChat gives anything, in seconds: 30 days (a temporary QR
	 * code, a refresh token).
	 */
	public static final long MAX_LIFETIME_SECONDS = 30L * 24 * 60 * 60;

	private AnswerChecks() {
	}

	/**
	 * Requires a number of an answer to be within a range.
	 * @param endpoint the endpoint that answered, such as {@code cgi-bin/token}
	 * @param field the field, such as {@code expires_in}
	 * @param value the number
	 * @param min the smallest valid value
	 * @param max the largest valid value
	 * @return the number
	 * @throws WechatTransportException if the number is out of range
	 */
	public static long requireRange(String endpoint, String field, long value, long min, long max) {
		if (value < min || value > max) {
			throw new WechatTransportException(
					endpoint + " answered " + field + " " + value + ", out of its range " + min + " to " + max);
		}
		return value;
	}

	/**
	 * Requires a lifetime of an answer, such as {@code expires_in}, to be 1 second to
	 * {@link #MAX_LIFETIME_SECONDS}.
	 * @param endpoint the endpoint that answered
	 * @param field the field
	 * @param seconds the lifetime in seconds
	 * @return the lifetime
	 * @throws WechatTransportException if the lifetime is out of range
	 */
	public static long requireLifetime(String endpoint, String field, long seconds) {
		return requireRange(endpoint, field, seconds, 1, MAX_LIFETIME_SECONDS);
	}

}
