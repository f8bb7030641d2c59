package io.github.wechatoauth.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * The fleet tests on {@link JdbcSharedStore}: four instances, each with its own store
 * object, sharing one table. Each database extends this class.
 */
abstract class JdbcCredentialFleetTests extends CredentialFleetTests {

	/**
	 * Returns the database under test.
	 */
	protected abstract TestDatabase database();

	private final List<JdbcSharedStore> stores = new ArrayList<>();

	@Override
	protected SharedStore createStore(String appId, Clock clock) {
		TestDatabase database = database();
		JdbcSharedStore store = new JdbcSharedStore(database.dataSource(), database.dialect(), database.tablePrefix(),
				appId, clock);
		this.stores.add(store);
		return store;
	}

	@AfterEach
	void closeStores() {
		// Their put watch, on PostgreSQL, gives its connection back to the pool.
		this.stores.forEach(JdbcSharedStore::close);
	}

}
