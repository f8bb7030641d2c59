package io.github.wechatoauth.store;

import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet tests on {@link JdbcSharedStore}, against the local PostgreSQL.
 */
class PostgreSqlCredentialFleetTests extends JdbcCredentialFleetTests {

	@RegisterExtension
	static final ServiceExtension<TestDatabase> database = ServiceExtension.of(TestDatabase::postgresql);

	@Override
	protected TestDatabase database() {
		return database.get();
	}

}
