package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.testsupport.TestDatabase;

/**
 * The fleet tests on {@link JdbcSharedStore}: four instances, each with its own store
 * object, sharing one table. Each database extends this class.
 */
abstract class JdbcCredentialFleetTests extends CredentialFleetTests {

	/**
	 * Returns the database under test.
	 */
	protected abstract TestDatabase database();

	@Override
	protected SharedStore createStore(String appId, Clock clock) {
		TestDatabase database = database();
		return new JdbcSharedStore(database.dataSource(), database.dialect(), database.tablePrefix(), appId, clock);
	}

}
