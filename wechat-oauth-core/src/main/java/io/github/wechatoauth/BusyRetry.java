package io.github.wechatoauth;

import java.time.Duration;

/**
 * How often a call answered {@code errcode -1} ("system busy") is retried, and how long
 * to wait before the first retry; each further wait doubles. It covers every call except
 * those that spend a single-use code, which are sent once whatever WeChat answers: the
 * code exchanges {@code sns/oauth2/access_token} (of the Official Account and of the
 * website application) and {@code sns/jscode2session}, and the calls made through
 * {@code client.api().singleUse()}. A busy WeChat may have spent the code already, so a
 * retry could only earn 40163 ("code been used").
 *
 * @param maxRetries retries after the first attempt, 0 to 5
 * @param initialBackoff wait before the first retry, zero or positive
 */
public record BusyRetry(int maxRetries, Duration initialBackoff) {

	/** Two retries, after 200 ms and 400 ms. */
	public static final BusyRetry DEFAULT = new BusyRetry(2, Duration.ofMillis(200));

	/** No retry. */
	public static final BusyRetry NONE = new BusyRetry(0, Duration.ZERO);

	/**
	 * Checks the values.
	 * @param maxRetries retries after the first attempt, 0 to 5
	 * @param initialBackoff wait before the first retry, zero or positive
	 */
	public BusyRetry {
		if (maxRetries < 0 || maxRetries > 5) {
			throw new IllegalArgumentException("maxRetries must be between 0 and 5, was " + maxRetries);
		}
		if (initialBackoff.isNegative()) {
			throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
		}
	}

	/**
	 * Returns the wait before a retry.
	 * @param retry the retry's number, starting at 1
	 * @return the initial backoff doubled {@code retry - 1} times
	 */
	public Duration backoff(int retry) {
		return this.initialBackoff.multipliedBy(1L << (retry - 1));
	}

}
