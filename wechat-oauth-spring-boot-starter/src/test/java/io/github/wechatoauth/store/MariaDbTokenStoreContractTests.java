package io.github.wechatoauth.store;

import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token store contract on {@link JdbcTokenStore}, against the local MariaDB (the
 * MySQL dialect).
 */
class MariaDbTokenStoreContractTests extends JdbcTokenStoreContractTests {

	@RegisterExtension
	static final ServiceExtension<TestDatabase> database = ServiceExtension.of(TestDatabase::mariadb);

	@Override
	protected TestDatabase database() {
		return database.get();
	}

}
