package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Instant;

import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchema;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import io.github.wechatoauth.testsupport.TestServices;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user token table as versions before {@code snapshot_user} made it, and the check
 * that the schema script migrates it, keeping its rows, as often as it runs.
 */
final class EarlierSchema {

	private EarlierSchema() {
	}

	static void assertSchemaScriptMigratesTheUserTokenTable(TestDatabase database) {
		String table = database.tablePrefix() + "user_token";
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		jdbc.execute("DROP TABLE " + table);
		jdbc.execute("CREATE TABLE " + table + " (appid VARCHAR(32) NOT NULL, openid VARCHAR(128) NOT NULL, "
				+ "access_token VARCHAR(2048) NOT NULL, expires_in BIGINT NOT NULL, "
				+ "refresh_token VARCHAR(2048) NOT NULL, scope VARCHAR(512) NOT NULL, unionid VARCHAR(128), "
				+ "created_at BIGINT NOT NULL, CONSTRAINT " + table + "_pk PRIMARY KEY (appid, openid))");
		String appId = TestServices.randomAppId();
		Instant createdAt = Instant.ofEpochMilli(Clock.systemUTC().millis());
		jdbc.update("INSERT INTO " + table + " VALUES (?, 'o-earlier', 'access-1', 7200, 'refresh-1', 'snsapi_base', "
				+ "NULL, ?)", appId, createdAt.toEpochMilli());

		JdbcStoreSchema.create(database.dataSource(), database.dialect(), database.tablePrefix());
		JdbcStoreSchema.create(database.dataSource(), database.dialect(), database.tablePrefix());

		JdbcTokenStore store = new JdbcTokenStore(database.dataSource(), database.dialect(), database.tablePrefix(),
				appId, Clock.systemUTC());
		assertThat(store.getToken("o-earlier"))
			.contains(new UserToken("access-1", 7200, "refresh-1", "o-earlier", "snsapi_base", null, createdAt, false));
		UserToken snapshot = new UserToken("access-2", 7200, "refresh-2", "o-snapshot", "snsapi_base", null, createdAt,
				true);
		store.saveToken("o-snapshot", snapshot);
		assertThat(store.getToken("o-snapshot")).contains(snapshot);
	}

}
