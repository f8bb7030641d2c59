package io.github.wechatoauth.store;

import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared store contract on {@link JdbcSharedStore}, against H2 in memory.
 */
class H2SharedStoreContractTests extends JdbcSharedStoreContractTests {

	@RegisterExtension
	static final ServiceExtension<TestDatabase> database = ServiceExtension.of(TestDatabase::h2);

	@Override
	protected TestDatabase database() {
		return database.get();
	}

}
