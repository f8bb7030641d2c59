package io.github.wechatoauth.store;

import java.time.Clock;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token store contract on {@link JdbcTokenStore}, against H2 in memory.
 */
class H2TokenStoreContractTests extends TokenStoreContractTests {

	@RegisterExtension
	static final ServiceExtension<TestDatabase> database = ServiceExtension.of(TestDatabase::h2);

	@Override
	protected TokenStore createStore(String appId, Clock clock) {
		return new JdbcTokenStore(database.get().dataSource(), database.get().dialect(), database.get().tablePrefix(),
				appId, clock);
	}

	@Override
	protected long countEntries(String appId, String openid) {
		return database.get().count("user_token", appId, "openid", openid);
	}

	@Test
	void schemaScriptMigratesATableOfAnEarlierVersion() {
		EarlierSchema.assertSchemaScriptMigratesTheUserTokenTable(database.get());
	}

}
