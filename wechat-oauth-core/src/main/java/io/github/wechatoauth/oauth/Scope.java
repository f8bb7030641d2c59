package io.github.wechatoauth.oauth;

/**
 * The scope a user is asked to authorize.
 */
public enum Scope {

	/** Silent authorization: only the openid, no consent page. */
	SNSAPI_BASE("snsapi_base"),

	/** A consent page; the token can then read the user's nickname and avatar. */
	SNSAPI_USERINFO("snsapi_userinfo"),

	/**
	 * Website QR-code login through an Open Platform website application
	 * ({@code connect/qrconnect}).
	 */
	SNSAPI_LOGIN("snsapi_login");

	private final String value;

	Scope(String value) {
		this.value = value;
	}

	/**
	 * Returns the scope as WeChat spells it.
	 * @return the wire value, such as {@code snsapi_userinfo}
	 */
	public String value() {
		return this.value;
	}

}
