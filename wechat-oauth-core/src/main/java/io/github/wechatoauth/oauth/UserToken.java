package io.github.wechatoauth.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A user's OAuth token, as {@code sns/oauth2/access_token} and
 * {@code sns/oauth2/refresh_token} return it. The access token lives {@code expiresIn}
 * seconds (7200); the refresh token 30 days from the user's authorization.
 *
 * @param accessToken the user access token (secret)
 * @param expiresIn the access token's lifetime in seconds
 * @param refreshToken the refresh token (secret)
 * @param openid the user's openid for this app
 * @param scope the authorized scopes, comma-separated
 * @param unionid the user's unionid, when the app is bound to an Open Platform account
 * @param createdAt when the token was received
 * @param snapshotUser whether WeChat answered {@code "is_snapshotuser": 1}: the page was
 * opened from a Moments snapshot, and the openid and unionid are virtual: never merge
 * this user into a real account
 */
public record UserToken(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
		@JsonProperty("refresh_token") String refreshToken, @JsonProperty("openid") String openid,
		@JsonProperty("scope") String scope, @JsonProperty("unionid") @Nullable String unionid,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("is_snapshotuser") boolean snapshotUser) {

	/**
	 * Creates the token of a real user (not a snapshot user).
	 * @param accessToken the user access token
	 * @param expiresIn the access token's lifetime in seconds
	 * @param refreshToken the refresh token
	 * @param openid the user's openid
	 * @param scope the authorized scopes, comma-separated
	 * @param unionid the user's unionid, or {@code null}
	 * @param createdAt when the token was received
	 */
	public UserToken(String accessToken, long expiresIn, String refreshToken, String openid, String scope,
			@Nullable String unionid, Instant createdAt) {
		this(accessToken, expiresIn, refreshToken, openid, scope, unionid, createdAt, false);
	}

	/**
	 * How long a refresh token lives: stores keep a token at least this long after
	 * {@link #createdAt()}.
	 */
	public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

	/**
	 * Returns when the access token expires.
	 * @return {@code createdAt + expiresIn}
	 */
	public Instant expiresAt() {
		return this.createdAt.plusSeconds(this.expiresIn);
	}

	/**
	 * Tells whether the access token has expired.
	 * @param now the current instant
	 * @return whether {@code now} is at or after {@link #expiresAt()}
	 */
	public boolean isExpired(Instant now) {
		return !now.isBefore(expiresAt());
	}

	/**
	 * Tells whether the user authorized a scope.
	 * @param scope the scope
	 * @return whether {@link #scope()} lists it
	 */
	public boolean hasScope(Scope scope) {
		return Arrays.stream(this.scope.split(",")).map(String::trim).anyMatch(scope.value()::equals);
	}

	@Override
	public String toString() {
		return "UserToken[accessToken=****, expiresIn=" + this.expiresIn + ", refreshToken=****, openid=" + this.openid
				+ ", scope=" + this.scope + ", unionid=" + this.unionid + ", createdAt=" + this.createdAt
				+ ", snapshotUser=" + this.snapshotUser + "]";
	}

}
