package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.credential.AccessTokenSource;

/**
 * App access token properties.
 */
public class WechatAccessTokenProperties {

	/**
	 * Where the app access token comes from: "stable" (cgi-bin/stable_token, every caller
	 * gets the same token while it is valid) or "classic" (cgi-bin/token, each fetch
	 * replaces the previous token).
	 */
	private AccessTokenSource source = AccessTokenSource.STABLE;

	public AccessTokenSource getSource() {
		return this.source;
	}

	public void setSource(AccessTokenSource source) {
		this.source = source;
	}

}
