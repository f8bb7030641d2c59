package io.github.wechatoauth.store;

import io.github.wechatoauth.store.jdbc.JdbcCredentialStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The credential store contract on {@link JdbcCredentialStore}, against the local MariaDB
 * (the MySQL dialect).
 */
class MariaDbCredentialStoreContractTests extends JdbcCredentialStoreContractTests {

	@RegisterExtension
	static final ServiceExtension<TestDatabase> database = ServiceExtension.of(TestDatabase::mariadb);

	@Override
	protected TestDatabase database() {
		return database.get();
	}

}
