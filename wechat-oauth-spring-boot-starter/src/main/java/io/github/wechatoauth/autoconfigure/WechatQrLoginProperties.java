package io.github.wechatoauth.autoconfigure;

import java.time.Duration;

/**
 * Scan-to-log-in properties.
 */
public class WechatQrLoginProperties {

	/**
	 * How long a log-in QR code, and the login id it carries, stay valid: whole seconds,
	 * at most 30 days.
	 */
	private Duration lifetime = Duration.ofMinutes(5);

	public Duration getLifetime() {
		return this.lifetime;
	}

	public void setLifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

}
