package io.github.wechatoauth.credential;

import java.time.Duration;

/**
 * How app-wide credentials are refreshed and waited for.
 *
 * @param refreshMargin how long before expiry a credential is refreshed; each process
 * subtracts a little random jitter (up to a tenth, at most 30 s) so that a fleet does not
 * refresh in the same second. WeChat's {@code stable_token} hands out a new token only in
 * the last 5 minutes of the old one, so the default is 5 minutes.
 * @param maxWait the longest a caller waits for another thread or process to finish a
 * refresh, then it gets a {@link io.github.wechatoauth.WechatTransportException} that
 * says what it waited for; measured by the client's {@link java.time.Clock} and by the
 * monotonic time, whichever runs out first
 * @param leaseTtl how long a refreshing process holds the store's lease unless it
 * releases it; a process that dies mid-refresh blocks the others at most this long
 */
public record CredentialPolicy(Duration refreshMargin, Duration maxWait, Duration leaseTtl) {

	/** Refresh 5 minutes ahead, wait at most 5 s, hold the lease at most 15 s. */
	public static final CredentialPolicy DEFAULT = new CredentialPolicy(Duration.ofMinutes(5), Duration.ofSeconds(5),
			Duration.ofSeconds(15));

	/**
	 * Checks the values.
	 * @param refreshMargin zero or positive
	 * @param maxWait positive
	 * @param leaseTtl positive
	 */
	public CredentialPolicy {
		if (refreshMargin.isNegative()) {
			throw new IllegalArgumentException("refreshMargin must not be negative, was " + refreshMargin);
		}
		if (maxWait.isNegative() || maxWait.isZero()) {
			throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
		}
		if (leaseTtl.isNegative() || leaseTtl.isZero()) {
			throw new IllegalArgumentException("leaseTtl must be positive, was " + leaseTtl);
		}
	}

	/**
	 * Returns a copy with another refresh margin.
	 * @param refreshMargin the margin
	 * @return the copy
	 */
	public CredentialPolicy withRefreshMargin(Duration refreshMargin) {
		return new CredentialPolicy(refreshMargin, this.maxWait, this.leaseTtl);
	}

	/**
	 * Returns a copy with another maximum wait.
	 * @param maxWait the maximum wait
	 * @return the copy
	 */
	public CredentialPolicy withMaxWait(Duration maxWait) {
		return new CredentialPolicy(this.refreshMargin, maxWait, this.leaseTtl);
	}

	/**
	 * Returns a copy with another lease lifetime.
	 * @param leaseTtl the lease lifetime
	 * @return the copy
	 */
	public CredentialPolicy withLeaseTtl(Duration leaseTtl) {
		return new CredentialPolicy(this.refreshMargin, this.maxWait, leaseTtl);
	}

}
