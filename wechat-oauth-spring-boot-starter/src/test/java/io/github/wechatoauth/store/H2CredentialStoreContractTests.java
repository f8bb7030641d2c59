package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.store.jdbc.JdbcCredentialStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The credential store contract on {@link JdbcCredentialStore}, against H2 in memory.
 */
class H2CredentialStoreContractTests extends CredentialStoreContractTests {

	private static TestDatabase database;

	@BeforeAll
	static void createTables() {
		database = TestDatabase.h2();
	}

	@AfterAll
	static void dropTables() {
		if (database != null) {
			database.close();
		}
	}

	@Override
	protected CredentialStore createStore(String appId, Clock clock) {
		return new JdbcCredentialStore(database.dataSource(), database.dialect(), database.tablePrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String key) {
		return database.count("credential", appId, "kind", key);
	}

}
