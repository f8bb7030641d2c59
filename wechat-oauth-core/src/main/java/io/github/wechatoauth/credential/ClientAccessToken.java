package io.github.wechatoauth.credential;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The app's global access token ({@code cgi-bin/stable_token} or {@code cgi-bin/token}),
 * which authenticates calls such as {@code ticket/getticket} and {@code qrcode/create}.
 *
 * @param accessToken the token (secret)
 * @param expiresIn its lifetime in seconds, counted from {@code createdAt}
 * @param createdAt when it was fetched from WeChat
 */
public record ClientAccessToken(@JsonProperty("access_token") String accessToken,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("created_at") Instant createdAt) {

	/**
	 * Returns when the token expires.
	 * @return {@code createdAt + expiresIn}
	 */
	public Instant expiresAt() {
		return this.createdAt.plusSeconds(this.expiresIn);
	}

	@Override
	public String toString() {
		return "ClientAccessToken[accessToken=****, expiresIn=" + this.expiresIn + ", createdAt=" + this.createdAt
				+ "]";
	}

}
