package io.github.wechatoauth.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.StreamUtils;

/**
 * The JDBC stores' tables: {@code schema-h2.sql}, {@code schema-postgresql.sql} and
 * {@code schema-mysql.sql} (MySQL and MariaDB) in
 * {@code io/github/wechatoauth/store/jdbc}. The scripts name the tables with the default
 * prefix {@code wechat_}; another prefix replaces it. Each table is created only if it
 * does not exist.
 */
public final class JdbcStoreSchema {

	/**
	 * Where the scripts are, with {@code @@platform@@} standing for
	 * {@link JdbcStoreDialect#getPlatform()}.
	 */
	public static final String SCRIPT_LOCATION = "classpath:io/github/wechatoauth/store/jdbc/schema-@@platform@@.sql";

	private static final Pattern TABLE_NAME = Pattern.compile("\\bwechat_(?=user_token|shared)");

	private JdbcStoreSchema() {
	}

	/**
	 * Creates the tables that do not exist yet.
	 * @param dataSource the database
	 * @param dialect the database's dialect
	 * @param tablePrefix the table prefix: letters, digits and underscores
	 * @throws org.springframework.dao.DataAccessException if a statement fails
	 */
	public static void create(DataSource dataSource, JdbcStoreDialect dialect, String tablePrefix) {
		ByteArrayResource script = new ByteArrayResource(script(dialect, tablePrefix).getBytes(StandardCharsets.UTF_8),
				"wechat-oauth schema-" + dialect.getPlatform() + ".sql with table prefix '" + tablePrefix + "'");
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(script);
		populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
		populator.execute(dataSource);
	}

	/**
	 * Returns the schema script of a dialect, with a table prefix.
	 * @param dialect the database's dialect
	 * @param tablePrefix the table prefix: letters, digits and underscores
	 * @return the script's text
	 */
	public static String script(JdbcStoreDialect dialect, String tablePrefix) {
		JdbcStoreSupport.table(tablePrefix, "");
		String location = SCRIPT_LOCATION.replace("@@platform@@", dialect.getPlatform())
			.substring("classpath:".length());
		String text;
		try {
			text = StreamUtils.copyToString(
					new ClassPathResource(location, JdbcStoreSchema.class.getClassLoader()).getInputStream(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + location, ex);
		}
		return TABLE_NAME.matcher(text).replaceAll(Matcher.quoteReplacement(tablePrefix));
	}

}
