package io.github.wechatoauth.sample.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.github.wechatoauth.sample.RandomStrings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The sandbox's app-wide credentials: access tokens from {@code cgi-bin/token} and
 * {@code cgi-bin/stable_token} (kept apart, as WeChat keeps them), and tickets from
 * {@code cgi-bin/ticket/getticket}.
 * <ul>
 * <li>{@code cgi-bin/token} issues a new token on every call; the previous one stays
 * valid 5 more minutes, then answers 40001.</li>
 * <li>{@code stable_token} in normal mode returns the same token while it has more than 5
 * minutes left, with the seconds it has left; in its last 5 minutes a new one is issued
 * and both are valid until their own expiry. {@code force_refresh} issues a new one and
 * invalidates the previous at once, at most 20 times a UTC day (45009 after).</li>
 * <li>A ticket of each type is handed out the same way as the stable token in normal
 * mode.</li>
 * </ul>
 * Calls are few, so one lock guards everything.
 */
@Component
@ConditionalOnSandbox
public class SandboxCredentials {

	/**
	 * Lifetime of an access token and of a ticket: WeChat's {@code "expires_in": 7200}.
	 */
	public static final Duration LIFETIME = Duration.ofHours(2);

	/** How long before expiry a stable token or a ticket is replaced. */
	public static final Duration ROTATION_WINDOW = Duration.ofMinutes(5);

	/** How long a {@code cgi-bin/token} token outlives its replacement. */
	public static final Duration OVERLAP = Duration.ofMinutes(5);

	/** Forced {@code stable_token} refreshes allowed a day. */
	public static final int FORCE_REFRESH_DAILY_LIMIT = 20;

	private final Map<String, Token> tokens = new HashMap<>();

	private final Map<String, Token> tickets = new HashMap<>();

	private final SandboxProperties properties;

	private final Clock clock;

	private @Nullable Token latestClassic;

	private @Nullable Token latestStable;

	private LocalDate forceRefreshDay = LocalDate.MIN;

	private int forceRefreshes;

	/**
	 * Creates the state.
	 * @param properties the sandbox's app
	 * @param clock the sandbox's clock
	 */
	public SandboxCredentials(SandboxProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Issues an access token ({@code cgi-bin/token}).
	 * @param grantType must be {@code client_credential}
	 * @param appid the appid
	 * @param secret the AppSecret; a wrong one is answered 40001, as documented for this
	 * endpoint
	 * @return the token and its lifetime
	 */
	public synchronized Issued token(@Nullable String grantType, @Nullable String appid, @Nullable String secret) {
		checkGrantType(grantType);
		checkAppid(appid);
		if (!this.properties.getSecret().equals(secret)) {
			throw WechatError.INVALID_CREDENTIAL_SECRET.exception();
		}
		Instant now = this.clock.instant();
		forgetExpired(now);
		Token previous = this.latestClassic;
		if (previous != null) {
			previous.revokeAt(now.plus(OVERLAP));
		}
		Token token = issue(now);
		this.latestClassic = token;
		return token.issued(now);
	}

	/**
	 * Issues or returns the stable access token ({@code cgi-bin/stable_token}).
	 * @param grantType must be {@code client_credential}
	 * @param appid the appid
	 * @param secret the AppSecret; a wrong one is answered 40125
	 * @param forceRefresh whether to replace the current token at once
	 * @return the token and the seconds it has left
	 */
	public synchronized Issued stableToken(@Nullable String grantType, @Nullable String appid, @Nullable String secret,
			boolean forceRefresh) {
		checkGrantType(grantType);
		checkAppid(appid);
		if (!this.properties.getSecret().equals(secret)) {
			throw WechatError.INVALID_APPSECRET.exception();
		}
		Instant now = this.clock.instant();
		Token current = this.latestStable;
		if (forceRefresh) {
			countForcedRefresh(now);
			if (current != null) {
				current.revokeAt(now);
			}
		}
		else if (current != null && now.isBefore(current.expiresAt.minus(ROTATION_WINDOW)) && current.isUsable(now)) {
			return current.issued(now);
		}
		forgetExpired(now);
		Token token = issue(now);
		this.latestStable = token;
		return token.issued(now);
	}

	/**
	 * Returns the ticket of a type ({@code cgi-bin/ticket/getticket}), replaced in the
	 * last 5 minutes of its life.
	 * @param accessToken an access token from either token endpoint
	 * @param type {@code jsapi} or {@code wx_card}
	 * @return the ticket and the seconds it has left
	 */
	public synchronized Issued ticket(@Nullable String accessToken, @Nullable String type) {
		requireAccessToken(accessToken);
		if (!"jsapi".equals(type) && !"wx_card".equals(type)) {
			throw WechatError.INVALID_ARGS.exception();
		}
		Instant now = this.clock.instant();
		Token current = this.tickets.get(type);
		if (current == null || !now.isBefore(current.expiresAt.minus(ROTATION_WINDOW))) {
			current = new Token(RandomStrings.urlSafe(86), now.plus(LIFETIME));
			this.tickets.put(type, current);
		}
		return current.issued(now);
	}

	/**
	 * Checks an access token given to a {@code cgi-bin} endpoint: 41001 if missing, 40014
	 * if malformed, 40001 if unknown or replaced, 42001 if expired.
	 * @param accessToken the token
	 */
	public synchronized void requireAccessToken(@Nullable String accessToken) {
		if (accessToken == null || accessToken.isEmpty()) {
			throw WechatError.ACCESS_TOKEN_MISSING.exception();
		}
		if (!SandboxOAuth.TOKEN_SHAPE.matcher(accessToken).matches()) {
			throw WechatError.INVALID_ACCESS_TOKEN.exception();
		}
		Token token = this.tokens.get(accessToken);
		Instant now = this.clock.instant();
		if (token == null || (token.revokedAt != null && !now.isBefore(token.revokedAt))) {
			throw WechatError.INVALID_CREDENTIAL.exception();
		}
		if (!now.isBefore(token.expiresAt)) {
			throw WechatError.ACCESS_TOKEN_EXPIRED.exception();
		}
	}

	private void countForcedRefresh(Instant now) {
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		if (!today.equals(this.forceRefreshDay)) {
			this.forceRefreshDay = today;
			this.forceRefreshes = 0;
		}
		if (this.forceRefreshes >= FORCE_REFRESH_DAILY_LIMIT) {
			throw WechatError.DAILY_QUOTA.exception();
		}
		this.forceRefreshes++;
	}

	private Token issue(Instant now) {
		Token token = new Token(RandomStrings.urlSafe(136), now.plus(LIFETIME));
		this.tokens.put(token.value, token);
		return token;
	}

	private void checkGrantType(@Nullable String grantType) {
		if (!"client_credential".equals(grantType)) {
			throw WechatError.INVALID_GRANT_TYPE.exception();
		}
	}

	private void checkAppid(@Nullable String appid) {
		if (!this.properties.getAppid().equals(appid)) {
			throw WechatError.INVALID_APPID.exception();
		}
	}

	/** Drops tokens a day past expiry; until then they still answer 42001. */
	private void forgetExpired(Instant now) {
		Instant dayAgo = now.minus(Duration.ofDays(1));
		this.tokens.values().removeIf((token) -> token.expiresAt.isBefore(dayAgo));
	}

	/**
	 * A token or ticket as an endpoint hands it out.
	 *
	 * @param value the token or ticket
	 * @param expiresIn the seconds it has left
	 */
	public record Issued(String value, long expiresIn) {

	}

	private static final class Token {

		final String value;

		final Instant expiresAt;

		@Nullable Instant revokedAt;

		Token(String value, Instant expiresAt) {
			this.value = value;
			this.expiresAt = expiresAt;
		}

		void revokeAt(Instant when) {
			Instant revokedAt = this.revokedAt;
			if (revokedAt == null || when.isBefore(revokedAt)) {
				this.revokedAt = when;
			}
		}

		boolean isUsable(Instant now) {
			Instant revokedAt = this.revokedAt;
			return now.isBefore(this.expiresAt) && (revokedAt == null || now.isBefore(revokedAt));
		}

		Issued issued(Instant now) {
			return new Issued(this.value, Duration.between(now, this.expiresAt).toSeconds());
		}

	}

}
