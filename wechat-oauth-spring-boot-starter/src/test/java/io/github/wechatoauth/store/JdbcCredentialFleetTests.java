package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.store.jdbc.JdbcCredentialStore;
import io.github.wechatoauth.testsupport.TestDatabase;

/**
 * The fleet tests on {@link JdbcCredentialStore}: four instances, each with its own store
 * object, sharing one table. Each database extends this class.
 */
abstract class JdbcCredentialFleetTests extends CredentialFleetTests {

	/**
	 * Returns the database under test.
	 */
	protected abstract TestDatabase database();

	@Override
	protected CredentialStore createStore(String appId, Clock clock) {
		TestDatabase database = database();
		return new JdbcCredentialStore(database.dataSource(), database.dialect(), database.tablePrefix(), appId, clock);
	}

}
