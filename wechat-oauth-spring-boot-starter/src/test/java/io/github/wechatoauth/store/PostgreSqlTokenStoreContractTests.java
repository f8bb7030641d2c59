package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The token store contract on {@link JdbcTokenStore}, against the local PostgreSQL.
 */
class PostgreSqlTokenStoreContractTests extends TokenStoreContractTests {

	private static TestDatabase database;

	@BeforeAll
	static void createTables() {
		database = TestDatabase.postgresql();
	}

	@AfterAll
	static void dropTables() {
		if (database != null) {
			database.close();
		}
	}

	@Override
	protected TokenStore createStore(String appId, Clock clock) {
		return new JdbcTokenStore(database.dataSource(), database.dialect(), database.tablePrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String openid) {
		return database.count("user_token", appId, "openid", openid);
	}

}
