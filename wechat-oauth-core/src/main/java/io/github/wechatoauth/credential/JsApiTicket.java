package io.github.wechatoauth.credential;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The app's {@code jsapi_ticket}, which signs JS-SDK configurations.
 *
 * @param ticket the ticket (secret)
 * @param expiresIn its lifetime in seconds, counted from {@code createdAt}
 * @param createdAt when it was fetched from WeChat
 */
public record JsApiTicket(@JsonProperty("ticket") String ticket, @JsonProperty("expires_in") long expiresIn,
		@JsonProperty("created_at") Instant createdAt) {

	/**
	 * Returns when the ticket expires.
	 * @return {@code createdAt + expiresIn}
	 */
	public Instant expiresAt() {
		return this.createdAt.plusSeconds(this.expiresIn);
	}

	@Override
	public String toString() {
		return "JsApiTicket[ticket=****, expiresIn=" + this.expiresIn + ", createdAt=" + this.createdAt + "]";
	}

}
