package io.github.wechatoauth.security;

import java.util.Collection;

import io.github.wechatoauth.oauth.Scope;

/**
 * Reads WeChat's scope out of the scopes of a registration, a request or a token.
 */
final class WechatScopes {

	private WechatScopes() {
	}

	/**
	 * Returns the widest WeChat scope among some scopes: {@code snsapi_login}, else
	 * {@code snsapi_userinfo}, else {@code snsapi_base}.
	 * @param scopes the scopes
	 * @param owner what holds them, for the message
	 * @throws IllegalArgumentException if none is a WeChat scope
	 */
	static Scope widest(Collection<String> scopes, String owner) {
		for (Scope scope : new Scope[] { Scope.SNSAPI_LOGIN, Scope.SNSAPI_USERINFO, Scope.SNSAPI_BASE }) {
			if (scopes.contains(scope.value())) {
				return scope;
			}
		}
		throw new IllegalArgumentException(owner + " has the scopes " + scopes
				+ ", but a WeChat registration needs snsapi_base, snsapi_userinfo or snsapi_login");
	}

	/**
	 * Tells whether a token of these scopes reads user info ({@code sns/userinfo}), which
	 * {@code snsapi_base} alone does not.
	 * @param scopes the scopes WeChat granted
	 */
	static boolean readUserInfo(Collection<String> scopes) {
		return scopes.contains(Scope.SNSAPI_USERINFO.value()) || scopes.contains(Scope.SNSAPI_LOGIN.value());
	}

}
