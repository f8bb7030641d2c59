package io.github.wechatoauth.store.jdbc;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.WechatStoreFactory;

/**
 * The stores of any appid in one database, in the tables {@code <tablePrefix>user_token}
 * and {@code <tablePrefix>shared}, each row scoped by appid.
 */
public final class JdbcStoreFactory implements WechatStoreFactory, AutoCloseable {

	private final DataSource dataSource;

	private final JdbcStoreDialect dialect;

	private final String tablePrefix;

	private final Clock clock;

	private final Map<String, TokenStore> tokenStores = new ConcurrentHashMap<>();

	private final Map<String, SharedStore> sharedStores = new ConcurrentHashMap<>();

	/**
	 * Creates the factory.
	 * @param dataSource the database
	 * @param dialect the database's dialect
	 * @param tablePrefix the table prefix: letters, digits and underscores
	 * @param clock the clock that judges expiry
	 */
	public JdbcStoreFactory(DataSource dataSource, JdbcStoreDialect dialect, String tablePrefix, Clock clock) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.tablePrefix = tablePrefix;
		this.clock = clock;
	}

	@Override
	public TokenStore tokenStore(String appId) {
		return this.tokenStores.computeIfAbsent(appId,
				(key) -> new JdbcTokenStore(this.dataSource, this.dialect, this.tablePrefix, key, this.clock));
	}

	@Override
	public SharedStore sharedStore(String appId) {
		return this.sharedStores.computeIfAbsent(appId,
				(key) -> new JdbcSharedStore(this.dataSource, this.dialect, this.tablePrefix, key, this.clock));
	}

	/**
	 * Closes the shared stores this factory made, which gives their put watch's
	 * connection back to the pool (on PostgreSQL).
	 */
	@Override
	public void close() {
		this.sharedStores.values().forEach((store) -> ((JdbcSharedStore) store).close());
	}

	@Override
	public String toString() {
		return "WeChat stores in the tables " + this.tablePrefix + "user_token and " + this.tablePrefix + "shared";
	}

}
