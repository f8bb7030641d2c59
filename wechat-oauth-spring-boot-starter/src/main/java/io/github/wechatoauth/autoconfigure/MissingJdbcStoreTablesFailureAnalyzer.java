package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.store.jdbc.JdbcStoreSchema;
import io.github.wechatoauth.store.jdbc.MissingJdbcStoreTablesException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up stopped because the JDBC store's tables are missing in a server
 * database, where {@code wechat.store.jdbc.initialize-schema=embedded} does not create
 * them.
 */
class MissingJdbcStoreTablesFailureAnalyzer extends AbstractFailureAnalyzer<MissingJdbcStoreTablesException> {

	static final String PROPERTY = "wechat.store.jdbc.initialize-schema";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingJdbcStoreTablesException cause) {
		String script = JdbcStoreSchema.SCRIPT_LOCATION.replace("@@platform@@", cause.getDialect().getPlatform());
		return new FailureAnalysis(
				cause.getMessage() + ", and " + PROPERTY + " is embedded, which creates tables only in an "
						+ "embedded database.",
				"Set " + PROPERTY + " to always to create the tables at start-up, or create them yourself (by hand "
						+ "or with a migration tool) from " + script + ".",
				cause);
	}

}
