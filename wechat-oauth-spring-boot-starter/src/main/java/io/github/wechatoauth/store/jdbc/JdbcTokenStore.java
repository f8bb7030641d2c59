package io.github.wechatoauth.store.jdbc;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * A {@link TokenStore} in a relational database, for one appid: one row per user in
 * {@code <tablePrefix>user_token}, unique by (appid, openid), saved with one upsert
 * statement. The store judges the refresh token's expiry by its own {@link Clock}.
 * Instants are kept to the millisecond; statements run outside the caller's transaction.
 *
 * @see JdbcStoreSchema
 */
public final class JdbcTokenStore implements TokenStore {

	private static final List<String> KEY_COLUMNS = List.of("appid", "openid");

	private static final List<String> VALUE_COLUMNS = List.of("access_token", "expires_in", "refresh_token", "scope",
			"unionid", "created_at", "snapshot_user");

	private final JdbcTemplate jdbc;

	private final String appId;

	private final String table;

	private final Clock clock;

	private final String selectSql;

	private final String upsertSql;

	private final String deleteSql;

	/**
	 * Creates a store over {@code wechat_user_token}, in the dialect the database's
	 * metadata names (which takes a connection now), on the system clock.
	 * @param dataSource the database
	 * @param appId the appid whose tokens this store keeps
	 */
	public JdbcTokenStore(DataSource dataSource, String appId) {
		this(dataSource, JdbcStoreDialect.of(dataSource), JdbcStoreSupport.DEFAULT_TABLE_PREFIX, appId,
				Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param dataSource the database
	 * @param dialect the database's dialect
	 * @param tablePrefix the table prefix: letters, digits and underscores
	 * @param appId the appid whose tokens this store keeps
	 * @param clock the clock that decides when a refresh token has expired
	 */
	public JdbcTokenStore(DataSource dataSource, JdbcStoreDialect dialect, String tablePrefix, String appId,
			Clock clock) {
		this.jdbc = JdbcStoreSupport.template(dataSource);
		this.appId = JdbcStoreSupport.requireText(appId, "appId");
		this.table = JdbcStoreSupport.table(tablePrefix, "user_token");
		this.clock = clock;
		this.selectSql = "SELECT " + String.join(", ", VALUE_COLUMNS) + " FROM " + this.table
				+ " WHERE appid = ? AND openid = ?";
		this.upsertSql = dialect.upsert(this.table, KEY_COLUMNS, VALUE_COLUMNS);
		this.deleteSql = "DELETE FROM " + this.table + " WHERE appid = ? AND openid = ?";
	}

	@Override
	public Optional<UserToken> getToken(String openid) {
		JdbcStoreSupport.requireText(openid, "openid");
		List<UserToken> tokens = JdbcStoreSupport
			.call("read the user token of " + openid, this.table, () -> this.jdbc.query(this.selectSql,
					(row, rowNum) -> new UserToken(row.getString("access_token"), row.getLong("expires_in"),
							row.getString("refresh_token"), openid, row.getString("scope"), row.getString("unionid"),
							Instant.ofEpochMilli(row.getLong("created_at")), row.getBoolean("snapshot_user")),
					this.appId, openid));
		return tokens.stream()
			.findFirst()
			.filter((token) -> this.clock.instant().isBefore(token.createdAt().plus(UserToken.REFRESH_TOKEN_LIFETIME)));
	}

	@Override
	public void saveToken(String openid, UserToken token) {
		JdbcStoreSupport.requireText(openid, "openid");
		JdbcStoreSupport.call("save the user token of " + openid, this.table,
				() -> this.jdbc.update(this.upsertSql, this.appId, openid, token.accessToken(), token.expiresIn(),
						token.refreshToken(), token.scope(), new SqlParameterValue(Types.VARCHAR, token.unionid()),
						token.createdAt().toEpochMilli(), token.snapshotUser()));
	}

	@Override
	public void removeToken(String openid) {
		JdbcStoreSupport.requireText(openid, "openid");
		JdbcStoreSupport.call("remove the user token of " + openid, this.table,
				() -> this.jdbc.update(this.deleteSql, this.appId, openid));
	}

}
