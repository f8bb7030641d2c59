package io.github.wechatoauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

import io.github.wechatoauth.store.StoredValue;
import org.jspecify.annotations.Nullable;

/**
 * A row of a shared table that the PostgreSQL put watch watches, named in a notification
 * as the table's channel and the payload {@code <length of the appid>:<appid><key>}.
 */
record WatchedRow(String table, String appId, String key) {

	/** The payload that a put of the key notifies, so that no value travels in it. */
	static String payload(String appId, String key) {
		return appId.length() + ":" + appId + key;
	}

	/**
	 * Returns the row a notification names, or {@code null} if its payload is not one.
	 */
	static @Nullable WatchedRow parse(String channel, String payload) {
		int colon = payload.indexOf(':');
		try {
			int length = Integer.parseInt(payload.substring(0, Math.max(colon, 0)));
			int start = colon + 1;
			if (colon < 1 || length < 1 || start + length >= payload.length()) {
				return null;
			}
			return new WatchedRow(channel, payload.substring(start, start + length), payload.substring(start + length));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Reads the row's value, {@code null} if it has none, within a statement budget. */
	@Nullable StoredValue read(Connection connection, int timeoutSeconds) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT item_value, stored_at, expires_at FROM "
				+ this.table + " WHERE appid = ? AND item_key = ? AND item_value IS NOT NULL")) {
			statement.setQueryTimeout(timeoutSeconds);
			statement.setString(1, this.appId);
			statement.setString(2, this.key);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				return new StoredValue(Objects.requireNonNull(row.getString(1)), Instant.ofEpochMilli(row.getLong(2)),
						Instant.ofEpochMilli(row.getLong(3)));
			}
		}
	}

}
