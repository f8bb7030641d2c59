package io.github.wechatoauth.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code cgi-bin/token}, {@code cgi-bin/stable_token} and
 * {@code cgi-bin/ticket/getticket}, as sent: the token endpoints name the value
 * {@code access_token}, the ticket endpoint {@code ticket}.
 */
record AccessTokenResponse(@JsonProperty("access_token") @Nullable String accessToken,
		@JsonProperty("ticket") @Nullable String ticket, @JsonProperty("expires_in") long expiresIn) {

}
