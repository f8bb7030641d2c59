package io.github.wechatoauth;

/**
 * No usable token is stored for a user: none was ever saved, or its refresh token expired
 * or was revoked. Send the user through authorization again
 * ({@link WechatOAuthClient#getAuthorizeUrl}).
 */
public class WechatAuthorizationRequiredException extends WechatException {

	/** Serialization version. */
	private static final long serialVersionUID = 1L;

	/** Openid of the user who must authorize again. */
	private final String openid;

	/**
	 * Creates an exception for a user who must authorize again.
	 * @param openid the user's openid
	 * @param reason why the stored token cannot be used
	 */
	public WechatAuthorizationRequiredException(String openid, String reason) {
		super("User " + openid + " must authorize again: " + reason);
		this.openid = openid;
	}

	/**
	 * Returns the openid of the user who must authorize again.
	 * @return the openid
	 */
	public String getOpenid() {
		return this.openid;
	}

}
