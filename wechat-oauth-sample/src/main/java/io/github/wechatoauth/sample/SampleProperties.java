package io.github.wechatoauth.sample;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample's pages ({@code sample.*}).
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Address the browser reaches this app at, scheme and host (and port) without a path,
	 * such as https://www.example.com: the redirect_uri sent to WeChat and the URL the
	 * JS-SDK signs start with it, never with the request's Host header.
	 */
	private URI baseUrl = URI.create("http://localhost:8080");

	private final Follow follow = new Follow();

	public URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(URI baseUrl) {
		String scheme = (baseUrl.getScheme() != null) ? baseUrl.getScheme().toLowerCase(Locale.ROOT) : "";
		String path = (baseUrl.getRawPath() != null) ? baseUrl.getRawPath() : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null
				|| !(path.isEmpty() || path.equals("/")) || baseUrl.getRawQuery() != null
				|| baseUrl.getRawFragment() != null) {
			throw new IllegalArgumentException("sample.base-url must be an http or https address without a path, "
					+ "query or fragment, such as https://www.example.com, but was '" + baseUrl + "'");
		}
		this.baseUrl = URI.create(scheme + "://" + baseUrl.getRawAuthority());
	}

	public Follow getFollow() {
		return this.follow;
	}

	/**
	 * Limits on the "Follow to log in" QR codes, each of which costs a
	 * {@code qrcode/create} call from the account's daily quota.
	 */
	public static class Follow {

		/**
		 * Most new QR codes one browser session may have within session-window; a page
		 * reloaded while its code is still valid shows the same code and costs none.
		 */
		private int maxCodesPerSession = 5;

		/**
		 * Window over which max-codes-per-session is counted.
		 */
		private Duration sessionWindow = Duration.ofMinutes(10);

		/**
		 * Most new QR codes the whole app makes in a minute, whatever the sessions: a
		 * client that sends no cookie gets a new session every time.
		 */
		private int maxCodesPerMinute = 30;

		public int getMaxCodesPerSession() {
			return this.maxCodesPerSession;
		}

		public void setMaxCodesPerSession(int maxCodesPerSession) {
			this.maxCodesPerSession = requirePositive(maxCodesPerSession, "sample.follow.max-codes-per-session");
		}

		public Duration getSessionWindow() {
			return this.sessionWindow;
		}

		public void setSessionWindow(Duration sessionWindow) {
			if (sessionWindow.isNegative() || sessionWindow.isZero()) {
				throw new IllegalArgumentException(
						"sample.follow.session-window must be positive, but was " + sessionWindow);
			}
			this.sessionWindow = sessionWindow;
		}

		public int getMaxCodesPerMinute() {
			return this.maxCodesPerMinute;
		}

		public void setMaxCodesPerMinute(int maxCodesPerMinute) {
			this.maxCodesPerMinute = requirePositive(maxCodesPerMinute, "sample.follow.max-codes-per-minute");
		}

		private static int requirePositive(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
			}
			return value;
		}

	}

}
