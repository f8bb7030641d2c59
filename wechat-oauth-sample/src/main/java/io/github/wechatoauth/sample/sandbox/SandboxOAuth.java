package io.github.wechatoauth.sample.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.github.wechatoauth.sample.RandomStrings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The sandbox's web authorization and Mini Program login state: authorization codes, user
 * access tokens, refresh tokens and {@code js_code}s, in memory.
 * <ul>
 * <li>A code is single-use (40163 the second time) and lives 5 minutes, 10 for website
 * login (42003 after; 40029 for a code never issued).</li>
 * <li>A user access token lives 7200 s (42001 after). Refreshing a token that has not
 * expired returns the same token with a new expiry, as WeChat does.</li>
 * <li>A refresh token lives 30 days from the user's authorization (42002 after) and is
 * never renewed.</li>
 * <li>A {@code js_code} is any code starting with {@value #JS_CODE_PREFIX} (optionally
 * followed by a user's key and {@code -}, such as {@code sandbox-lilei-1}, to pick that
 * user), or one from {@link #issueJsCode}; each is single-use.</li>
 * </ul>
 */
@Component
@ConditionalOnSandbox
public class SandboxOAuth {

	/**
	 * A {@code js_code} starting with this is accepted once by {@code jscode2session}.
	 */
	public static final String JS_CODE_PREFIX = "sandbox-";

	/** Lifetime of a code from {@code connect/oauth2/authorize}. */
	public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

	/** Lifetime of a code from {@code connect/qrconnect} (website apps). */
	public static final Duration WEBSITE_CODE_LIFETIME = Duration.ofMinutes(10);

	/** Lifetime of a user access token: WeChat's {@code "expires_in": 7200}. */
	public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(2);

	/** Lifetime of a refresh token, counted from the user's authorization. */
	public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

	/** What a token of WeChat's looks like; anything else is answered 40014. */
	static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,512}");

	private final Map<String, Code> codes = new ConcurrentHashMap<>();

	private final Map<String, Code> jsCodes = new ConcurrentHashMap<>();

	private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();

	private final SandboxProperties properties;

	private final SandboxUsers users;

	private final Clock clock;

	/**
	 * Creates the state.
	 * @param properties the sandbox's app
	 * @param users the test users
	 * @param clock the sandbox's clock
	 */
	public SandboxOAuth(SandboxProperties properties, SandboxUsers users, Clock clock) {
		this.properties = properties;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Issues an authorization code, as the consent page does when a user allows.
	 * @param user who authorized
	 * @param scope the scope they authorized, such as {@code snsapi_userinfo}
	 * @param lifetime how long the code may be exchanged
	 * @return the code
	 */
	public String issueCode(SandboxUser user, String scope, Duration lifetime) {
		Instant now = this.clock.instant();
		forgetExpired(now);
		String code = RandomStrings.alphanumeric(32);
		this.codes.put(code, new Code(user, scope, now.plus(lifetime)));
		return code;
	}

	/**
	 * Issues a Mini Program login code, as {@code wx.login()} would.
	 * @param user who logs in
	 * @return the code, single-use, valid 5 minutes
	 */
	public String issueJsCode(SandboxUser user) {
		String code = RandomStrings.alphanumeric(32);
		this.jsCodes.put(code, new Code(user, "", this.clock.instant().plus(CODE_LIFETIME)));
		return code;
	}

	/**
	 * Exchanges a code for a user token ({@code sns/oauth2/access_token}).
	 * @param appid the appid
	 * @param secret the AppSecret
	 * @param code the code
	 * @param grantType must be {@code authorization_code}
	 * @return the token
	 */
	public UserToken exchangeCode(@Nullable String appid, @Nullable String secret, @Nullable String code,
			@Nullable String grantType) {
		checkApp(appid, secret);
		if (!"authorization_code".equals(grantType)) {
			throw WechatError.INVALID_GRANT_TYPE.exception();
		}
		Code issued = redeem(this.codes, code);
		Instant now = this.clock.instant();
		String refreshToken = RandomStrings.urlSafe(86);
		AccessToken accessToken = newAccessToken(issued.user, issued.scope, refreshToken, now);
		this.refreshTokens.put(refreshToken,
				new RefreshToken(issued.user, issued.scope, accessToken.value, now.plus(REFRESH_TOKEN_LIFETIME)));
		return accessToken.toUserToken(now);
	}

	/**
	 * Refreshes a user token ({@code sns/oauth2/refresh_token}). An access token that has
	 * not expired comes back the same, valid 7200 s from now; an expired one is replaced.
	 * @param appid the appid
	 * @param grantType must be {@code refresh_token}
	 * @param refreshToken the refresh token
	 * @return the token
	 */
	public UserToken refresh(@Nullable String appid, @Nullable String grantType, @Nullable String refreshToken) {
		checkAppid(appid);
		if (!"refresh_token".equals(grantType)) {
			throw WechatError.INVALID_GRANT_TYPE.exception();
		}
		RefreshToken grant = (refreshToken != null) ? this.refreshTokens.get(refreshToken) : null;
		if (refreshToken == null || grant == null) {
			throw WechatError.INVALID_REFRESH_TOKEN.exception();
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(grant.expiresAt)) {
			throw WechatError.REFRESH_TOKEN_EXPIRED.exception();
		}
		synchronized (grant) {
			AccessToken current = this.accessTokens.get(grant.accessToken);
			AccessToken renewed;
			if (current != null && now.isBefore(current.expiresAt)) {
				renewed = new AccessToken(current.value, current.user, current.scope, refreshToken,
						now.plus(ACCESS_TOKEN_LIFETIME));
				this.accessTokens.put(renewed.value, renewed);
			}
			else {
				this.accessTokens.remove(grant.accessToken);
				renewed = newAccessToken(grant.user, grant.scope, refreshToken, now);
				grant.accessToken = renewed.value;
			}
			return renewed.toUserToken(now);
		}
	}

	/**
	 * Checks a user access token for an openid ({@code sns/auth}).
	 * @param accessToken the token
	 * @param openid the openid it should belong to
	 */
	public void verify(@Nullable String accessToken, @Nullable String openid) {
		requireToken(accessToken, openid);
	}

	/**
	 * Returns the user a token may read ({@code sns/userinfo}): the token must be valid,
	 * belong to the openid and carry {@code snsapi_userinfo} (or {@code snsapi_login}),
	 * else 48001.
	 * @param accessToken the token
	 * @param openid the openid
	 * @return the user
	 */
	public SandboxUser userInfo(@Nullable String accessToken, @Nullable String openid) {
		AccessToken token = requireToken(accessToken, openid);
		if (!token.scope.equals("snsapi_userinfo") && !token.scope.equals("snsapi_login")) {
			throw WechatError.API_UNAUTHORIZED.exception();
		}
		return token.user;
	}

	/**
	 * Exchanges a Mini Program login code for a session ({@code sns/jscode2session}).
	 * @param appid the appid
	 * @param secret the AppSecret
	 * @param jsCode the code: one from {@link #issueJsCode}, or any code starting with
	 * {@value #JS_CODE_PREFIX}
	 * @param grantType must be {@code authorization_code}
	 * @return the user who logged in
	 */
	public SandboxUser codeToSession(@Nullable String appid, @Nullable String secret, @Nullable String jsCode,
			@Nullable String grantType) {
		checkApp(appid, secret);
		if (!"authorization_code".equals(grantType)) {
			throw WechatError.INVALID_GRANT_TYPE.exception();
		}
		if (jsCode != null && jsCode.startsWith(JS_CODE_PREFIX) && !this.jsCodes.containsKey(jsCode)) {
			String rest = jsCode.substring(JS_CODE_PREFIX.length());
			int dash = rest.indexOf('-');
			SandboxUser user = this.users.byKey((dash > 0) ? rest.substring(0, dash) : rest)
				.orElse(this.users.defaultUser());
			this.jsCodes.putIfAbsent(jsCode, new Code(user, "", this.clock.instant().plus(CODE_LIFETIME)));
		}
		return redeem(this.jsCodes, jsCode).user;
	}

	private Code redeem(Map<String, Code> issued, @Nullable String code) {
		if (code == null || code.isBlank()) {
			throw WechatError.MISSING_CODE.exception();
		}
		Code found = issued.get(code);
		if (found == null) {
			throw WechatError.INVALID_CODE.exception();
		}
		if (!this.clock.instant().isBefore(found.expiresAt)) {
			throw WechatError.CODE_EXPIRED.exception();
		}
		if (!found.used.compareAndSet(false, true)) {
			throw WechatError.CODE_BEEN_USED.exception();
		}
		return found;
	}

	private AccessToken requireToken(@Nullable String accessToken, @Nullable String openid) {
		if (accessToken == null || accessToken.isEmpty()) {
			throw WechatError.ACCESS_TOKEN_MISSING.exception();
		}
		if (!TOKEN_SHAPE.matcher(accessToken).matches()) {
			throw WechatError.INVALID_ACCESS_TOKEN.exception();
		}
		AccessToken token = this.accessTokens.get(accessToken);
		if (token == null) {
			throw WechatError.INVALID_CREDENTIAL.exception();
		}
		if (!this.clock.instant().isBefore(token.expiresAt)) {
			throw WechatError.ACCESS_TOKEN_EXPIRED.exception();
		}
		if (!token.user.openid().equals(openid)) {
			throw WechatError.INVALID_OPENID.exception();
		}
		return token;
	}

	private AccessToken newAccessToken(SandboxUser user, String scope, String refreshToken, Instant now) {
		AccessToken token = new AccessToken(RandomStrings.urlSafe(86), user, scope, refreshToken,
				now.plus(ACCESS_TOKEN_LIFETIME));
		this.accessTokens.put(token.value, token);
		return token;
	}

	private void checkApp(@Nullable String appid, @Nullable String secret) {
		checkAppid(appid);
		if (!this.properties.getSecret().equals(secret)) {
			throw WechatError.INVALID_APPSECRET.exception();
		}
	}

	private void checkAppid(@Nullable String appid) {
		if (!this.properties.getAppid().equals(appid)) {
			throw WechatError.INVALID_APPID.exception();
		}
	}

	/**
	 * Drops what can no longer be used, so that a long-running sample does not grow:
	 * codes a day after expiry (until then a reuse is still told apart), access tokens
	 * once expired and refresh tokens once expired.
	 */
	private void forgetExpired(Instant now) {
		Instant dayAgo = now.minus(Duration.ofDays(1));
		this.codes.values().removeIf((code) -> code.expiresAt.isBefore(dayAgo));
		this.jsCodes.values().removeIf((code) -> code.expiresAt.isBefore(dayAgo));
		this.accessTokens.values().removeIf((token) -> token.expiresAt.isBefore(dayAgo));
		this.refreshTokens.values().removeIf((token) -> token.expiresAt.isBefore(dayAgo));
	}

	/**
	 * What {@code sns/oauth2/access_token} and {@code sns/oauth2/refresh_token} answer.
	 *
	 * @param accessToken the user access token
	 * @param expiresIn its remaining lifetime in seconds
	 * @param refreshToken the refresh token
	 * @param user the user
	 * @param scope the authorized scope
	 */
	public record UserToken(String accessToken, long expiresIn, String refreshToken, SandboxUser user, String scope) {

	}

	private static final class Code {

		final SandboxUser user;

		final String scope;

		final Instant expiresAt;

		final AtomicBoolean used = new AtomicBoolean();

		Code(SandboxUser user, String scope, Instant expiresAt) {
			this.user = user;
			this.scope = scope;
			this.expiresAt = expiresAt;
		}

	}

	private record AccessToken(String value, SandboxUser user, String scope, String refreshToken, Instant expiresAt) {

		UserToken toUserToken(Instant now) {
			return new UserToken(this.value, Duration.between(now, this.expiresAt).toSeconds(), this.refreshToken,
					this.user, this.scope);
		}

	}

	private static final class RefreshToken {

		final SandboxUser user;

		final String scope;

		final Instant expiresAt;

		volatile String accessToken;

		RefreshToken(SandboxUser user, String scope, String accessToken, Instant expiresAt) {
			this.user = user;
			this.scope = scope;
			this.accessToken = accessToken;
			this.expiresAt = expiresAt;
		}

	}

}
