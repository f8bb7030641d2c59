package io.github.wechatoauth.autoconfigure;

import java.time.Duration;

/**
 * How the app access token and jsapi_ticket are refreshed and waited for. Every instance
 * that shares the store fetches each once per expiry: one refreshes, the others read its
 * result from the store.
 */
public class WechatCredentialProperties {

	/**
	 * How long before expiry the access token and ticket are refreshed, while the current
	 * ones stay in use. Each instance takes off a little jitter (a tenth, at most 30s) so
	 * that a fleet does not refresh in the same second.
	 */
	private Duration refreshMargin = Duration.ofMinutes(5);

	/**
	 * Longest a caller waits for another thread or instance to refresh an expired
	 * credential; then it gets an error that says what it waited for.
	 */
	private Duration maxWait = Duration.ofSeconds(5);

	/**
	 * How long the instance that refreshes a credential holds the store's lease. If it
	 * dies mid-refresh, another instance takes over once the lease lapses. Keep it longer
	 * than a call to WeChat may take (read-timeout).
	 */
	private Duration leaseTtl = Duration.ofSeconds(15);

	public Duration getRefreshMargin() {
		return this.refreshMargin;
	}

	public void setRefreshMargin(Duration refreshMargin) {
		this.refreshMargin = refreshMargin;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public Duration getLeaseTtl() {
		return this.leaseTtl;
	}

	public void setLeaseTtl(Duration leaseTtl) {
		this.leaseTtl = leaseTtl;
	}

}
