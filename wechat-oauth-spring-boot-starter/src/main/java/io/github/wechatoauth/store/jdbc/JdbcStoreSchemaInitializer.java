package io.github.wechatoauth.store.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
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
		List<String> missing = List.of(this.tablePrefix + "user_token", this.tablePrefix + "shared")
			.stream()
			.filter((table) -> !exists(jdbc, table))
			.toList();
		if (!missing.isEmpty()) {
			throw new MissingJdbcStoreTablesException(missing, this.dialect);
		}
	}

	private static boolean exists(JdbcTemplate jdbc, String table) {
		try {
			jdbc.query("SELECT 1 FROM " + table + " WHERE 1 = 0", (rs) -> {
			});
			return true;
		}
		catch (DataAccessException ex) {
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
