package io.github.wechatoauth.credential;

/**
 * Where the app access token comes from.
 */
public enum AccessTokenSource {

	/**
	 * {@code POST cgi-bin/stable_token} in normal mode (the default): WeChat hands every
	 * caller the same token while it is valid, so concurrent fetches never invalidate
	 * each other; 10,000 calls a minute.
	 */
	STABLE,

	/**
	 * {@code GET cgi-bin/token}: each fetch issues a new token and the previous one dies
	 * five minutes later; 2,000 calls a day. Tokens of the two sources are independent.
	 */
	CLASSIC

}
