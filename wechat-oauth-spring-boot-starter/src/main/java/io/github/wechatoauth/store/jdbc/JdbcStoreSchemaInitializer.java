package io.github.wechatoauth.store.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes sure the JDBC store's tables are there at start-up, before the stores are used:
 * creates those that are missing ({@link Action#CREATE}), or stops start-up with a
 * {@link MissingJdbcStoreTablesException} that names them ({@link Action#CHECK}).
 */
public final class JdbcStoreSchemaInitializer implements InitializingBean {

	private final DataSource dataSource;

	private final JdbcStoreDialect dialect;

	private final String tablePrefix;

	private final Action action;

	/**
	 * Creates the initializer.
	 * @param dataSource the database
	 * @param dialect the database's dialect
	 * @param tablePrefix the table prefix: letters, digits and underscores
	 * @param action what to do at start-up
	 */
	public JdbcStoreSchemaInitializer(DataSource dataSource, JdbcStoreDialect dialect, String tablePrefix,
			Action action) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.tablePrefix = tablePrefix;
		this.action = action;
	}

	/**
	 * Returns what the initializer does at start-up.
	 * @return the action
	 */
	public Action getAction() {
		return this.action;
	}

	@Override
	public void afterPropertiesSet() {
		switch (this.action) {
			case CREATE -> JdbcStoreSchema.create(this.dataSource, this.dialect, this.tablePrefix);
			case CHECK -> check();
			case NONE -> {
			}
		}
	}

	private void check() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		List<String> tables = List.of(this.tablePrefix + "user_token", this.tablePrefix + "shared");
		List<String> missing = jdbc.execute((Connection connection) -> missing(connection, tables));
		if (missing != null && !missing.isEmpty()) {
			throw new MissingJdbcStoreTablesException(missing, this.dialect);
		}
	}

	/**
	 * Looks the tables up in the database's metadata rather than querying them: a failing
	 * query would make some drivers (MariaDB's) log a warning.
	 */
	private static List<String> missing(Connection connection, List<String> tables) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		List<String> missing = new ArrayList<>();
		for (String table : tables) {
			if (!exists(connection, metaData, table)) {
				missing.add(table);
			}
		}
		return missing;
	}

	private static boolean exists(Connection connection, DatabaseMetaData metaData, String table) throws SQLException {
		// Unquoted names are stored in the database's case: upper in H2, lower in
		// PostgreSQL, as written in MariaDB.
		String stored = metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
				: metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
		String escape = metaData.getSearchStringEscape();
		String pattern = (escape != null) ? stored.replace("_", escape + "_") : stored;
		try (ResultSet rs = metaData.getTables(connection.getCatalog(), connection.getSchema(), pattern, null)) {
			while (rs.next()) {
				if (stored.equals(rs.getString("TABLE_NAME"))) {
					return true;
				}
			}
			return false;
		}
	}

	/**
	 * What the initializer does at start-up.
	 */
	public enum Action {

		/** Creates the tables that do not exist yet. */
		CREATE,

		/** Stops start-up if a table does not exist. */
		CHECK,

		/** Nothing: the tables are the application's business. */
		NONE

	}

}
