package io.github.wechatoauth.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatAuthorizationRequiredException;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.AnswerChecks;
import io.github.wechatoauth.internal.http.WechatHttp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The server side of web authorization: exchanges a code for a user token, refreshes and
 * checks tokens, and reads user info with the token kept in the {@link TokenStore}. Use
 * it through {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class UserAuthorization {

	private static final Log logger = LogFactory.getLog(UserAuthorization.class);

	/**
	 * A stored token this close to expiry is refreshed before use, so that it cannot
	 * expire in flight.
	 */
	static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

	/** Errors that mean the access token (not the user's grant) is no longer good. */
	private static final Set<Integer> INVALID_ACCESS_TOKEN = Set.of(40001, 40014, 42001);

	/**
	 * Errors that mean the refresh token is expired or revoked: the user must authorize
	 * again.
	 */
	private static final Set<Integer> INVALID_REFRESH_TOKEN = Set.of(40030, 42002);

	/** Errors of {@code sns/auth} that mean "not valid" rather than "could not check". */
	private static final Set<Integer> INVALID_FOR_AUTH_CHECK = Set.of(40001, 40003, 40014, 42001);

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final String appId;

	private final String appSecret;

	private final TokenStore tokenStore;

	private final Clock clock;

	/**
	 * Creates the service of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's appid, AppSecret, HTTP layer, API base URL and clock
	 * @param tokenStore where user tokens are kept
	 */
	public UserAuthorization(ClientContext context, TokenStore tokenStore) {
		this.http = context.http();
		this.apiBaseUrl = context.apiBaseUrl();
		this.appId = context.appId();
		this.appSecret = context.appSecret();
		this.tokenStore = tokenStore;
		this.clock = context.clock();
	}

	/**
	 * Exchanges an authorization code for a user token and saves it under its openid.
	 * @param code the {@code code} WeChat appended to the redirect URI; single-use, valid
	 * 5 minutes
	 * @return the token
	 */
	public UserToken getAccessToken(String code) {
		Arguments.requireText(code, "code");
		Map<String, String> query = new LinkedHashMap<>();
		query.put("appid", this.appId);
		query.put("secret", this.appSecret);
		query.put("code", code);
		query.put("grant_type", "authorization_code");
		String endpoint = "sns/oauth2/access_token";
		UserToken token = this.http.call(this.apiBaseUrl, endpoint, query, null, OAuthTokenResponse.class, false)
			.toUserToken(endpoint, this.clock.instant());
		this.tokenStore.saveToken(token.openid(), token);
		return token;
	}

	/**
	 * Refreshes a user token and saves the result under its openid.
	 * @param refreshToken the refresh token
	 * @return the refreshed token
	 */
	public UserToken refreshAccessToken(String refreshToken) {
		Arguments.requireText(refreshToken, "refreshToken");
		UserToken token = fetchRefreshed(refreshToken);
		this.tokenStore.saveToken(token.openid(), token);
		return token;
	}

	/**
	 * Asks WeChat whether an access token is valid for a user ({@code sns/auth}).
	 * @param openid the user's openid
	 * @param accessToken the user access token
	 * @return whether WeChat accepts the token for this openid
	 */
	public boolean verifyToken(String openid, String accessToken) {
		Arguments.requireText(openid, "openid");
		Arguments.requireText(accessToken, "accessToken");
		Map<String, String> query = new LinkedHashMap<>();
		query.put("access_token", accessToken);
		query.put("openid", openid);
		try {
			this.http.get(this.apiBaseUrl, "sns/auth", query, Map.class);
			return true;
		}
		catch (WechatApiException ex) {
			if (INVALID_FOR_AUTH_CHECK.contains(ex.getErrorCode())) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Reads a user's info with the token stored for them, refreshing it first when it has
	 * expired (or when WeChat rejects it) and saving the refreshed token.
	 * @param openid the user's openid
	 * @param lang the language of place names
	 * @return the user's info
	 * @throws WechatAuthorizationRequiredException if no token is stored for the user or
	 * its refresh token is no longer good
	 */
	public UserInfo getUser(String openid, Lang lang) {
		Arguments.requireText(openid, "openid");
		Arguments.requireNonNull(lang, "lang");
		UserToken token = this.tokenStore.getToken(openid)
			.orElseThrow(() -> new WechatAuthorizationRequiredException(openid, "no token is stored for this user"));
		if (token.isExpired(this.clock.instant().plus(EXPIRY_MARGIN))) {
			token = refreshStored(token);
		}
		try {
			return fetchUser(token, lang);
		}
		catch (WechatApiException ex) {
			if (!INVALID_ACCESS_TOKEN.contains(ex.getErrorCode())) {
				throw ex;
			}
			logger.debug("sns/userinfo rejected the stored token of " + openid + " (errcode " + ex.getErrorCode()
					+ "); refreshing it once");
			return fetchUser(refreshStored(token), lang);
		}
	}

	/**
	 * Exchanges a code for a token (saving it) and reads the user's info with it.
	 * @param code the authorization code
	 * @param lang the language of place names
	 * @return the user's info
	 * @throws WechatAuthorizationRequiredException if the user authorized
	 * {@code snsapi_base} only, which does not allow reading user info
	 */
	public UserInfo getUserByCode(String code, Lang lang) {
		Arguments.requireNonNull(lang, "lang");
		UserToken token = getAccessToken(code);
		if (token.hasScope(Scope.SNSAPI_BASE) && !token.hasScope(Scope.SNSAPI_USERINFO)
				&& !token.hasScope(Scope.SNSAPI_LOGIN)) {
			throw new WechatAuthorizationRequiredException(token.openid(),
					"the user authorized snsapi_base only; reading user info needs snsapi_userinfo");
		}
		return fetchUser(token, lang);
	}

	/**
	 * Reads a user's info with a user access token the caller holds, as it is: nothing is
	 * read from or saved in the {@link TokenStore}, and a rejected token is not
	 * refreshed.
	 * @param openid the user's openid
	 * @param accessToken the user access token, from a {@code snsapi_userinfo}
	 * authorization
	 * @param lang the language of place names
	 * @return the user's info
	 */
	public UserInfo getUser(String openid, String accessToken, Lang lang) {
		Arguments.requireText(openid, "openid");
		Arguments.requireText(accessToken, "accessToken");
		Arguments.requireNonNull(lang, "lang");
		return fetchUser(openid, accessToken, lang);
	}

	private UserInfo fetchUser(UserToken token, Lang lang) {
		return fetchUser(token.openid(), token.accessToken(), lang);
	}

	private UserInfo fetchUser(String openid, String accessToken, Lang lang) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("access_token", accessToken);
		query.put("openid", openid);
		query.put("lang", lang.value());
		String endpoint = "sns/userinfo";
		UserInfo user = this.http.get(this.apiBaseUrl, endpoint, query, UserInfo.class);
		AnswerChecks.requireRange(endpoint, "sex", user.sex(), 0, 2);
		return user;
	}

	private UserToken refreshStored(UserToken stored) {
		UserToken refreshed;
		try {
			refreshed = fetchRefreshed(stored.refreshToken());
		}
		catch (WechatApiException ex) {
			if (INVALID_REFRESH_TOKEN.contains(ex.getErrorCode())) {
				this.tokenStore.removeToken(stored.openid());
				throw new WechatAuthorizationRequiredException(stored.openid(),
						"the refresh token is expired or revoked (errcode " + ex.getErrorCode() + ")");
			}
			throw ex;
		}
		if (refreshed.unionid() == null && stored.unionid() != null) {
			refreshed = new UserToken(refreshed.accessToken(), refreshed.expiresIn(), refreshed.refreshToken(),
					refreshed.openid(), refreshed.scope(), stored.unionid(), refreshed.createdAt());
		}
		this.tokenStore.saveToken(refreshed.openid(), refreshed);
		return refreshed;
	}

	private UserToken fetchRefreshed(String refreshToken) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("appid", this.appId);
		query.put("grant_type", "refresh_token");
		query.put("refresh_token", refreshToken);
		String endpoint = "sns/oauth2/refresh_token";
		Instant now = this.clock.instant();
		return this.http.get(this.apiBaseUrl, endpoint, query, OAuthTokenResponse.class).toUserToken(endpoint, now);
	}

}
