package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The token store contract on {@link JdbcTokenStore}, and what only a table needs: the
 * shipped schema script migrates a table of an earlier version. Each database extends
 * this class.
 */
abstract class JdbcTokenStoreContractTests extends TokenStoreContractTests {

	/**
	 * Returns the database under test.
	 */
	protected abstract TestDatabase database();

	@Override
	protected TokenStore createStore(String appId, Clock clock) {
		TestDatabase database = database();
		return new JdbcTokenStore(database.dataSource(), database.dialect(), database.tablePrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String openid) {
		return database().count("user_token", appId, "openid", openid);
	}

	@Test
	void schemaScriptMigratesATableOfAnEarlierVersion() {
		EarlierSchema.assertSchemaScriptMigratesTheUserTokenTable(database());
	}

}
