package io.github.wechatoauth.store.jdbc;

import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.wechatoauth.WechatTransportException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What the JDBC stores share: table names, their own connections, and turning database
 * failures into {@link WechatTransportException}s.
 */
final class JdbcStoreSupport {

	/** The table prefix when none is given. */
	static final String DEFAULT_TABLE_PREFIX = "wechat_";

	private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_]*");

	/**
	 * A statement that lost a race (a deadlock, or two first inserts of one key on H2) is
	 * tried again this many times in all; each attempt is one atomic statement.
	 */
	private static final int MAX_ATTEMPTS = 3;

	private JdbcStoreSupport() {
	}

	/**
	 * Returns a template whose statements run on their own connection in auto-commit
	 * mode, outside any transaction of the caller: what a store writes (a lease above
	 * all) is shared with other processes, which must see it at once, whatever becomes of
	 * the caller's transaction.
	 */
	static JdbcTemplate template(DataSource dataSource) {
		// Transactions are bound to the DataSource they were opened on; a wrapper is
		// another key, so the template never joins them.
		return new JdbcTemplate(new DelegatingDataSource(dataSource));
	}

	static String table(String tablePrefix, String name) {
		if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
			throw new IllegalArgumentException(
					"tablePrefix must hold letters, digits and underscores only, was '" + tablePrefix + "'");
		}
		return tablePrefix + name;
	}

	static String requireText(String value, String name) {
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	/**
	 * Runs one statement, again if it lost a race, turning a failure into a
	 * {@link WechatTransportException} that names what failed and where.
	 */
	static <T> T call(String action, String table, Supplier<T> statement) {
		for (int attempt = 1;; attempt++) {
			try {
				return statement.get();
			}
			catch (ConcurrencyFailureException | DuplicateKeyException ex) {
				if (attempt >= MAX_ATTEMPTS) {
					throw failure(action, table, ex);
				}
			}
			catch (DataAccessException ex) {
				throw failure(action, table, ex);
			}
		}
	}

	private static WechatTransportException failure(String action, String table, DataAccessException ex) {
		String what = "JDBC store could not " + action + " (table " + table + ")";
		if (ex instanceof DataIntegrityViolationException) {
			// Such messages may quote the row, tokens included: name the SQL state only.
			return new WechatTransportException(
					what + ": the database refused the row (" + ex.getClass().getSimpleName() + sqlState(ex) + ")");
		}
		String hint = (ex instanceof BadSqlGrammarException)
				? ". Do the tables exist? Create them with the schema-<platform>.sql script of "
						+ "io/github/wechatoauth/store/jdbc, or set wechat.store.jdbc.initialize-schema=always"
				: "";
		return new WechatTransportException(what + ": " + ex.getMessage() + hint, ex);
	}

	private static String sqlState(DataAccessException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			return ", SQL state " + sql.getSQLState();
		}
		return "";
	}

}
