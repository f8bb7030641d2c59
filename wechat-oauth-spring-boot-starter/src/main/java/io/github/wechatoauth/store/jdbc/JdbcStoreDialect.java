package io.github.wechatoauth.store.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.wechatoauth.WechatTransportException;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The databases the JDBC stores speak to, each with its one-statement upsert and its
 * schema script {@code schema-<platform>.sql}.
 */
public enum JdbcStoreDialect {

	/** H2, with {@code MERGE INTO ... KEY}. */
	H2("h2"),

	/** PostgreSQL, with {@code INSERT ... ON CONFLICT}. */
	POSTGRESQL("postgresql"),

	/** MySQL and MariaDB, with {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
	MYSQL("mysql");

	private final String platform;

	JdbcStoreDialect(String platform) {
		this.platform = platform;
	}

	/**
	 * Returns the platform name of this dialect's schema script, as in
	 * {@code schema-<platform>.sql}.
	 * @return {@code h2}, {@code postgresql} or {@code mysql}
	 */
	public String getPlatform() {
		return this.platform;
	}

	/**
	 * Tells which dialect a database speaks, from its JDBC metadata.
	 * @param dataSource the database
	 * @return the dialect
	 * @throws IllegalStateException if the database is none of H2, PostgreSQL, MySQL and
	 * MariaDB
	 * @throws WechatTransportException if the database cannot be reached
	 */
	public static JdbcStoreDialect of(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new WechatTransportException(
					"JDBC store could not read the database's metadata to choose its dialect: " + ex.getMessage(), ex);
		}
		return forProductName(product);
	}

	/**
	 * Tells which dialect a database speaks, from its product name.
	 * @param productName the name, as {@link DatabaseMetaData#getDatabaseProductName()}
	 * gives it
	 * @return the dialect
	 * @throws IllegalStateException if the database is none of H2, PostgreSQL, MySQL and
	 * MariaDB
	 */
	public static JdbcStoreDialect forProductName(String productName) {
		String name = productName.toLowerCase(Locale.ROOT);
		if (name.contains("h2")) {
			return H2;
		}
		if (name.contains("postgresql")) {
			return POSTGRESQL;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		throw new IllegalStateException(
				"The JDBC stores support H2, PostgreSQL, MySQL and MariaDB, not " + productName);
	}

	/**
	 * Tells whether a database's metadata describes an embedded database: H2, HSQLDB or
	 * Derby running inside this process rather than as a server.
	 * @param metaData the metadata
	 * @return whether the database is embedded
	 * @throws SQLException if the metadata cannot be read
	 */
	public static boolean isEmbedded(DatabaseMetaData metaData) throws SQLException {
		String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
		String url = String.valueOf(metaData.getURL()).toLowerCase(Locale.ROOT);
		if (product.contains("h2")) {
			return !(url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:"));
		}
		if (product.contains("hsql")) {
			return !(url.startsWith("jdbc:hsqldb:hsql:") || url.startsWith("jdbc:hsqldb:hsqls:")
					|| url.startsWith("jdbc:hsqldb:http:") || url.startsWith("jdbc:hsqldb:https:"));
		}
		return product.contains("derby") && !url.startsWith("jdbc:derby://");
	}

	/**
	 * Returns one statement that inserts a row or, when a row with the same key exists,
	 * updates its other columns; atomic under concurrent writers. Parameters: the key
	 * columns, then the value columns, in order.
	 */
	String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
		String columns = String.join(", ", keyColumns) + ", " + String.join(", ", valueColumns);
		String parameters = String.join(", ", Collections.nCopies(keyColumns.size() + valueColumns.size(), "?"));
		return switch (this) {
			case H2 -> "MERGE INTO " + table + " (" + columns + ") KEY (" + String.join(", ", keyColumns) + ") VALUES ("
					+ parameters + ")";
			case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters + ") ON CONFLICT ("
					+ String.join(", ", keyColumns) + ") DO UPDATE SET "
					+ valueColumns.stream().map((c) -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
			case MYSQL -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters
					+ ") ON DUPLICATE KEY UPDATE "
					+ valueColumns.stream().map((c) -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
		};
	}

	/**
	 * Returns one statement that takes the lease of a row, inserting the row if there is
	 * none, unless an unexpired lease is held: unexpired by the store clock's now, passed
	 * as a parameter. Arguments: {@link #acquireLeaseArguments}.
	 */
	String acquireLease(String table) {
		return switch (this) {
			case H2 -> "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(128)), "
					+ "CAST(? AS VARCHAR(64)), CAST(? AS BIGINT))) s (appid, item_key, lease_owner, lease_until) "
					+ "ON t.appid = s.appid AND t.item_key = s.item_key "
					+ "WHEN MATCHED AND (t.lease_until IS NULL OR t.lease_until <= CAST(? AS BIGINT)) THEN "
					+ "UPDATE SET lease_owner = s.lease_owner, lease_until = s.lease_until "
					+ "WHEN NOT MATCHED THEN INSERT (appid, item_key, lease_owner, lease_until) "
					+ "VALUES (s.appid, s.item_key, s.lease_owner, s.lease_until)";
			case POSTGRESQL -> "INSERT INTO " + table + " AS t (appid, item_key, lease_owner, lease_until) "
					+ "VALUES (?, ?, ?, ?) ON CONFLICT (appid, item_key) DO UPDATE "
					+ "SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until "
					+ "WHERE t.lease_until IS NULL OR t.lease_until <= ?";
			// Assignments run left to right: lease_until is still the old one when the
			// owner is decided, and when it is itself replaced.
			case MYSQL -> "INSERT INTO " + table + " (appid, item_key, lease_owner, lease_until) VALUES (?, ?, ?, ?) "
					+ "ON DUPLICATE KEY UPDATE "
					+ "lease_owner = IF(lease_until IS NULL OR lease_until <= ?, VALUES(lease_owner), lease_owner), "
					+ "lease_until = IF(lease_until IS NULL OR lease_until <= ?, VALUES(lease_until), lease_until)";
		};
	}

	/**
	 * Returns the arguments of {@link #acquireLease}.
	 */
	Object[] acquireLeaseArguments(String appId, String key, String owner, long leaseUntil, long now) {
		if (this == MYSQL) {
			return new Object[] { appId, key, owner, leaseUntil, now, now };
		}
		return new Object[] { appId, key, owner, leaseUntil, now };
	}

	/**
	 * Returns one statement that deletes at most {@code limit} rows of an appid whose
	 * value and lease have both expired (or are absent) by the store clock's now. Rows
	 * are re-checked as they are deleted, so a lease taken meanwhile survives. Arguments:
	 * {@link #purgeExpiredArguments}.
	 */
	String purgeExpired(String table, int limit) {
		String expired = "(expires_at IS NULL OR expires_at <= ?) AND (lease_until IS NULL OR lease_until <= ?)";
		return switch (this) {
			case H2 ->
				"DELETE FROM " + table + " WHERE appid = ? AND " + expired + " FETCH FIRST " + limit + " ROWS ONLY";
			case POSTGRESQL -> "DELETE FROM " + table + " WHERE (appid, item_key) IN (SELECT appid, item_key FROM "
					+ table + " WHERE appid = ? AND " + expired + " LIMIT " + limit + ") AND " + expired;
			case MYSQL -> "DELETE FROM " + table + " WHERE appid = ? AND " + expired + " LIMIT " + limit;
		};
	}

	/**
	 * Returns the arguments of {@link #purgeExpired}.
	 */
	Object[] purgeExpiredArguments(String appId, long now) {
		if (this == POSTGRESQL) {
			return new Object[] { appId, now, now, now, now };
		}
		return new Object[] { appId, now, now };
	}

	/**
	 * Whether the update count of {@link #acquireLease} tells if the lease was taken. On
	 * MySQL and MariaDB it does not (drivers report rows found, not rows changed), so the
	 * owner is read back.
	 */
	boolean updateCountTellsLeaseTaken() {
		return this != MYSQL;
	}

}
