package io.github.wechatoauth;

import java.time.Instant;

import io.github.wechatoauth.credential.ClientAccessToken;
import io.github.wechatoauth.credential.JsApiTicket;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.oauth.Session;
import io.github.wechatoauth.oauth.UserToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code toString()} of every value that holds a secret masks it and keeps the rest,
 * so that logging a value never logs a token.
 */
class SecretMaskingTests {

	private static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void userTokenMasksBothTokens() {
		UserToken token = new UserToken("ACCESS_TOKEN_SECRET", 7200, "REFRESH_TOKEN_SECRET", "oOpenid", "snsapi_base",
				"oUnionid", CREATED_AT);

		assertThat(token.toString()).doesNotContain("ACCESS_TOKEN_SECRET", "REFRESH_TOKEN_SECRET")
			.contains("accessToken=****", "refreshToken=****", "openid=oOpenid", "scope=snsapi_base",
					"unionid=oUnionid", "2026-01-01T00:00:00Z");
	}

	@Test
	void sessionMasksTheSessionKey() {
		Session session = new Session("oOpenid", "SESSION_KEY_SECRET==", "oUnionid");

		assertThat(session.toString()).doesNotContain("SESSION_KEY_SECRET")
			.contains("sessionKey=****", "openid=oOpenid", "unionid=oUnionid");
	}

	@Test
	void clientAccessTokenMasksTheToken() {
		ClientAccessToken token = new ClientAccessToken("APP_TOKEN_SECRET", 7200, CREATED_AT);

		assertThat(token.toString()).doesNotContain("APP_TOKEN_SECRET")
			.contains("accessToken=****", "expiresIn=7200", "2026-01-01T00:00:00Z");
	}

	@Test
	void jsApiTicketMasksTheTicket() {
		JsApiTicket ticket = new JsApiTicket("TICKET_SECRET", 7200, CREATED_AT);

		assertThat(ticket.toString()).doesNotContain("TICKET_SECRET").contains("ticket=****", "expiresIn=7200");
	}

	@Test
	void storedCredentialMasksTheValue() {
		StoredValue credential = new StoredValue("STORED_SECRET", CREATED_AT, CREATED_AT.plusSeconds(7200));

		assertThat(credential.toString()).doesNotContain("STORED_SECRET")
			.contains("value=****", "storedAt=2026-01-01T00:00:00Z", "expiresAt=2026-01-01T02:00:00Z");
	}

}
