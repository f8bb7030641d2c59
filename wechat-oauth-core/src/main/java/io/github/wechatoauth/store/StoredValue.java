package io.github.wechatoauth.store;

import java.time.Instant;

/**
 * A value kept in a {@link SharedStore}: an access token, a ticket, or any other
 * short-lived app-wide value.
 *
 * @param value the value (secret)
 * @param storedAt when it was obtained
 * @param expiresAt when it stops being valid; stores forget it then
 */
public record StoredValue(String value, Instant storedAt, Instant expiresAt) {

	/**
	 * Checks the values.
	 * @param value the value, not blank
	 * @param storedAt when it was obtained
	 * @param expiresAt when it stops being valid, not before {@code storedAt}
	 */
	public StoredValue {
		if (value.isBlank()) {
			throw new IllegalArgumentException("value must not be blank");
		}
		if (expiresAt.isBefore(storedAt)) {
			throw new IllegalArgumentException("expiresAt must not be before storedAt");
		}
	}

	@Override
	public String toString() {
		return "StoredValue[value=****, storedAt=" + this.storedAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
