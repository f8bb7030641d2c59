package io.github.wechatoauth.credential;

import java.time.Instant;

/**
 * A value kept in a {@link CredentialStore}: an access token, a ticket, or any
 * short-lived app-wide value.
 *
 * @param value the value (secret)
 * @param fetchedAt when it was obtained
 * @param expiresAt when it stops being valid; stores forget it then
 */
public record StoredCredential(String value, Instant fetchedAt, Instant expiresAt) {

	/**
	 * Checks the values.
	 * @param value the value, not blank
	 * @param fetchedAt when it was obtained
	 * @param expiresAt when it stops being valid, not before {@code fetchedAt}
	 */
	public StoredCredential {
		if (value.isBlank()) {
			throw new IllegalArgumentException("value must not be blank");
		}
		if (expiresAt.isBefore(fetchedAt)) {
			throw new IllegalArgumentException("expiresAt must not be before fetchedAt");
		}
	}

	@Override
	public String toString() {
		return "StoredCredential[value=****, fetchedAt=" + this.fetchedAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
