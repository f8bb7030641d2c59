package io.github.wechatoauth.store.jdbc;

import java.util.List;

/**
 * The JDBC store's tables are not in the database, and were not to be created.
 */
public class MissingJdbcStoreTablesException extends IllegalStateException {

	/** Serialization version. */
	private static final long serialVersionUID = 1L;

	/** Names of the missing tables. */
	private final List<String> tables;

	/** Dialect of the database. */
	private final JdbcStoreDialect dialect;

	/**
	 * Creates an exception.
	 * @param tables the names of the missing tables
	 * @param dialect the database's dialect
	 */
	public MissingJdbcStoreTablesException(List<String> tables, JdbcStoreDialect dialect) {
		super("The JDBC store's table" + ((tables.size() == 1) ? " " : "s ") + String.join(" and ", tables)
				+ ((tables.size() == 1) ? " does" : " do") + " not exist");
		this.tables = List.copyOf(tables);
		this.dialect = dialect;
	}

	/**
	 * Returns the names of the missing tables.
	 * @return the names, such as {@code wechat_user_token}
	 */
	public List<String> getTables() {
		return this.tables;
	}

	/**
	 * Returns the dialect of the database, whose schema script creates the tables.
	 * @return the dialect
	 */
	public JdbcStoreDialect getDialect() {
		return this.dialect;
	}

}
