package io.github.wechatoauth.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchema;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database for tests (H2 in memory, or the local PostgreSQL or MariaDB), with the JDBC
 * stores' tables under a table prefix of this run's own, dropped on close.
 */
public final class TestDatabase implements AutoCloseable {

	private static final AtomicInteger H2_DATABASES = new AtomicInteger();

	private final HikariDataSource dataSource;

	private final JdbcStoreDialect dialect;

	private final String tablePrefix;

	private TestDatabase(HikariDataSource dataSource, JdbcStoreDialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.tablePrefix = TestServices.randomName("wt") + "_";
	}

	public static TestDatabase h2() {
		return create(h2DataSource(), JdbcStoreDialect.H2);
	}

	public static TestDatabase postgresql() {
		TestServices.assumeReachable("PostgreSQL", TestServices.POSTGRESQL_PORT);
		return create(postgresqlDataSource(), JdbcStoreDialect.POSTGRESQL);
	}

	public static TestDatabase mariadb() {
		TestServices.assumeReachable("MariaDB", TestServices.MARIADB_PORT);
		return create(mariadbDataSource(), JdbcStoreDialect.MYSQL);
	}

	public static HikariDataSource h2DataSource() {
		return pool("jdbc:h2:mem:wechat" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	public static HikariDataSource postgresqlDataSource() {
		return pool("jdbc:postgresql://" + TestServices.HOST + ":" + TestServices.POSTGRESQL_PORT + "/test", "postgres",
				"");
	}

	public static HikariDataSource mariadbDataSource() {
		return pool("jdbc:mariadb://" + TestServices.HOST + ":" + TestServices.MARIADB_PORT + "/test", "root", "");
	}

	private static HikariDataSource pool(String url, String username, String password) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(8);
		config.setConnectionTimeout(5000);
		return new HikariDataSource(config);
	}

	private static TestDatabase create(HikariDataSource dataSource, JdbcStoreDialect dialect) {
		TestDatabase database = new TestDatabase(dataSource, dialect);
		JdbcStoreSchema.create(dataSource, dialect, database.tablePrefix);
		return database;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcStoreDialect dialect() {
		return this.dialect;
	}

	public String tablePrefix() {
		return this.tablePrefix;
	}

	/**
	 * Counts the rows of a table (without its prefix) where a column holds a value, for
	 * one appid.
	 */
	public long count(String table, String appId, String column, String value) {
		Long count = new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT COUNT(*) FROM " + this.tablePrefix + table + " WHERE appid = ? AND " + column + " = ?",
				Long.class, appId, value);
		return (count != null) ? count : 0;
	}

	@Override
	public void close() {
		try {
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			jdbc.execute("DROP TABLE IF EXISTS " + this.tablePrefix + "user_token");
			jdbc.execute("DROP TABLE IF EXISTS " + this.tablePrefix + "shared");
		}
		finally {
			this.dataSource.close();
		}
	}

}
