package io.github.wechatoauth.oauth;

import java.util.Optional;

/**
 * Keeps users' OAuth tokens, keyed by openid, for one app (appid). Implementations are
 * thread-safe, may be shared by many processes, and keep a token at least until its
 * refresh token expires ({@link UserToken#createdAt()} plus
 * {@link UserToken#REFRESH_TOKEN_LIFETIME}), after which they may forget it.
 * <p>
 * The in-memory {@link InMemoryTokenStore} is the default; the Spring Boot starter adds
 * Redis and JDBC stores. Declare a bean of this type to use your own.
 */
public interface TokenStore {

	/**
	 * Returns the token saved for a user.
	 * @param openid the user's openid
	 * @return the token, or empty if none is stored (or it outlived its refresh token)
	 */
	Optional<UserToken> getToken(String openid);

	/**
	 * Saves a user's token, replacing any saved before.
	 * @param openid the user's openid
	 * @param token the token
	 */
	void saveToken(String openid, UserToken token);

	/**
	 * Forgets a user's token; does nothing if none is stored.
	 * @param openid the user's openid
	 */
	void removeToken(String openid);

}
