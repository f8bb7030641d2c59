package io.github.wechatoauth.oauth;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Mini Program login session, as {@code sns/jscode2session} returns it.
 *
 * @param openid the user's openid for the Mini Program
 * @param sessionKey the session key that decrypts the user's data (secret: never send it
 * to the client)
 * @param unionid the user's unionid, when the Mini Program is bound to an Open Platform
 * account
 */
public record Session(@JsonProperty("openid") String openid, @JsonProperty("session_key") String sessionKey,
		@JsonProperty("unionid") @Nullable String unionid) {

	/**
	 * Normalizes fields WeChat left out to empty text.
	 * @param openid the user's openid
	 * @param sessionKey the session key
	 * @param unionid the unionid, or {@code null}
	 */
	public Session {
		openid = Objects.requireNonNullElse(openid, "");
		sessionKey = Objects.requireNonNullElse(sessionKey, "");
	}

	@Override
	public String toString() {
		return "Session[openid=" + this.openid + ", sessionKey=****, unionid=" + this.unionid + "]";
	}

}
