package io.github.wechatoauth.store;

import io.github.wechatoauth.store.jdbc.JdbcCredentialStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fleet tests on {@link JdbcCredentialStore}, against the local MariaDB (the MySQL
 * dialect).
 */
class MariaDbCredentialFleetTests extends JdbcCredentialFleetTests {

	private static TestDatabase database;

	@BeforeAll
	static void createTables() {
		database = TestDatabase.mariadb();
	}

	@AfterAll
	static void dropTables() {
		if (database != null) {
			database.close();
		}
	}

	@Override
	protected TestDatabase database() {
		return database;
	}

}
