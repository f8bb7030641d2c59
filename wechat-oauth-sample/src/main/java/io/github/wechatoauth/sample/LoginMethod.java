package io.github.wechatoauth.sample;

import java.util.Locale;

/**
 * How a user logged in to the sample.
 */
public enum LoginMethod {

	/** WeChat's consent page, {@code snsapi_userinfo}: the openid and the user's info. */
	WECHAT("Log in with WeChat", "snsapi_userinfo"),

	/** Silent authorization, {@code snsapi_base}: the openid only. */
	SILENT("Silent log-in", "snsapi_base"),

	/** Website QR login of an Open Platform website application, {@code snsapi_login}. */
	WEBSITE("Log in on PC by scanning", "snsapi_login"),

	/** Scan-to-log-in: a parametric QR code scanned in WeChat, pushed as an event. */
	FOLLOW("Follow to log in", "QR code scene");

	private final String title;

	private final String how;

	LoginMethod(String title, String how) {
		this.title = title;
		this.how = how;
	}

	/**
	 * Returns the English name of this way of logging in.
	 * @return the title
	 */
	public String getTitle() {
		return this.title;
	}

	/**
	 * Returns the key of the name the pages give it in their language
	 * ({@code messages.properties}).
	 * @return the message key, such as {@code method.wechat}
	 */
	public String getMessageKey() {
		return "method." + name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns what WeChat calls it: the scope, or the QR scene.
	 * @return the WeChat term
	 */
	public String getHow() {
		return this.how;
	}

}
