package io.github.wechatoauth.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.util.ClassUtils;

/**
 * A {@link SharedStore} in a relational database, for one appid, shared by every process
 * that uses the same database: one row per key in {@code <tablePrefix>shared}, unique by
 * (appid, item_key), whose value columns and lease columns ({@code lease_owner},
 * {@code lease_until}) are independent, so a lease can exist without a value.
 * <p>
 * Each operation is one atomic statement: a value is stored with an upsert, removed or
 * replaced only if it still holds the expected value (a conditional {@code UPDATE}), and
 * a lease is taken by a conditional upsert that compares {@code lease_until} with the
 * store clock's now, passed as a parameter, so that tests can move time. Instants are
 * kept to the millisecond; statements run outside the caller's transaction, so a lease is
 * seen by other processes at once.
 * <p>
 * Rows whose value and lease have both expired are deleted by the store itself: at most
 * once a minute by its clock, a write also runs one {@code DELETE} of at most 10,000 such
 * rows of its appid, so that short-lived keys (message de-duplication, QR log-in) do not
 * grow the table forever.
 * <p>
 * On PostgreSQL, a put also notifies the table's channel ({@code pg_notify}, in the same
 * statement as the write, naming the appid and the key but never the value), and
 * {@link #watch} listens to it: one connection of the pool per {@link DataSource}, shared
 * by its stores, through the PostgreSQL driver when it is on the class path (else, and on
 * the other databases, waiting callers poll). The connection is given back when the last
 * of those stores is {@linkplain #close() closed} or the pool is.
 *
 * @see JdbcStoreSchema
 */
public final class JdbcSharedStore implements SharedStore, AutoCloseable {

	private static final List<String> KEY_COLUMNS = List.of("appid", "item_key");

	private static final List<String> VALUE_COLUMNS = List.of("item_value", "stored_at", "expires_at");

	/** Whether the PostgreSQL driver is there to listen with. */
	private static final boolean POSTGRESQL_DRIVER_PRESENT = ClassUtils.isPresent("org.postgresql.PGConnection",
			JdbcSharedStore.class.getClassLoader());

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final JdbcStoreDialect dialect;

	private final String appId;

	private final String table;

	private final Clock clock;

	private final String selectSql;

	private final String upsertSql;

	private final String removeSql;

	private final String replaceSql;

	private final String acquireLeaseSql;

	private final String selectLeaseOwnerSql;

	private final String releaseLeaseSql;

	private final ExpiredRowPurger purger;

	/**
	 * This store's hold on the put watch of its DataSource, once it watches; guarded by
	 * this.
	 */
	private PostgresPutWatcher.@Nullable Registration watch;

	private boolean closed;

	/**
	 * Creates a store over {@code wechat_shared}, in the dialect the database's metadata
	 * names (which takes a connection now), on the system clock.
	 * @param dataSource the database
	 * @param appId the appid whose values this store keeps
	 */
	public JdbcSharedStore(DataSource dataSource, String appId) {
		this(dataSource, JdbcStoreDialect.of(dataSource), JdbcStoreSupport.DEFAULT_TABLE_PREFIX, appId,
				Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param dataSource the database
	 * @param dialect the database's dialect
	 * @param tablePrefix the table prefix: letters, digits and underscores
	 * @param appId the appid whose values this store keeps
	 * @param clock the clock that decides when values and leases expire
	 */
	public JdbcSharedStore(DataSource dataSource, JdbcStoreDialect dialect, String tablePrefix, String appId,
			Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = JdbcStoreSupport.template(dataSource);
		this.dialect = dialect;
		this.appId = JdbcStoreSupport.requireText(appId, "appId");
		this.table = JdbcStoreSupport.table(tablePrefix, "shared");
		this.clock = clock;
		String where = " WHERE appid = ? AND item_key = ?";
		this.selectSql = "SELECT item_value, stored_at, expires_at FROM " + this.table + where
				+ " AND item_value IS NOT NULL";
		String upsert = dialect.upsert(this.table, KEY_COLUMNS, VALUE_COLUMNS);
		// The notification is sent when the write commits, and only if it does.
		this.upsertSql = (dialect == JdbcStoreDialect.POSTGRESQL)
				? "WITH stored AS (" + upsert + " RETURNING 1) SELECT pg_notify(?, ?) FROM stored" : upsert;
		this.removeSql = "UPDATE " + this.table + " SET item_value = NULL, stored_at = NULL, expires_at = NULL" + where
				+ " AND item_value = ?";
		this.replaceSql = "UPDATE " + this.table + " SET item_value = ?, stored_at = ?, expires_at = ?" + where
				+ " AND item_value = ? AND expires_at > ?";
		this.acquireLeaseSql = dialect.acquireLease(this.table);
		this.selectLeaseOwnerSql = "SELECT lease_owner FROM " + this.table + where;
		this.releaseLeaseSql = "UPDATE " + this.table + " SET lease_owner = NULL, lease_until = NULL" + where
				+ " AND lease_owner = ?";
		this.purger = new ExpiredRowPurger(this.jdbc, dialect, this.table, this.appId, clock);
	}

	@Override
	public Optional<StoredValue> get(String key) {
		JdbcStoreSupport.requireText(key, "key");
		List<StoredValue> values = JdbcStoreSupport.call("read the value " + key, this.table,
				() -> this.jdbc.query(this.selectSql,
						(row, rowNum) -> new StoredValue(row.getString("item_value"),
								Instant.ofEpochMilli(row.getLong("stored_at")),
								Instant.ofEpochMilli(row.getLong("expires_at"))),
						this.appId, key));
		return values.stream().findFirst().filter((stored) -> this.clock.instant().isBefore(stored.expiresAt()));
	}

	@Override
	public void put(String key, StoredValue stored) {
		JdbcStoreSupport.requireText(key, "key");
		Object[] arguments = { this.appId, key, stored.value(), stored.storedAt().toEpochMilli(),
				stored.expiresAt().toEpochMilli() };
		if (this.dialect == JdbcStoreDialect.POSTGRESQL) {
			Object[] notifying = Arrays.copyOf(arguments, arguments.length + 2);
			notifying[arguments.length] = this.table;
			notifying[arguments.length + 1] = WatchedRow.payload(this.appId, key);
			JdbcStoreSupport.call("store the value " + key, this.table, () -> {
				this.jdbc.query(this.upsertSql, (RowCallbackHandler) (row) -> {
				}, notifying);
				return Boolean.TRUE;
			});
		}
		else {
			JdbcStoreSupport.call("store the value " + key, this.table,
					() -> this.jdbc.update(this.upsertSql, arguments));
		}
		this.purger.purgeWhenDue();
	}

	/**
	 * Tells the listener of every value put under the key by any process that shares this
	 * database, through PostgreSQL's {@code LISTEN}/{@code NOTIFY}; the listening
	 * connection starts in the background on the first call. On H2, MySQL and MariaDB, or
	 * without the PostgreSQL driver, it tells nothing and returns {@code false}.
	 */
	@Override
	public boolean watch(String key, Consumer<StoredValue> listener) {
		JdbcStoreSupport.requireText(key, "key");
		if (this.dialect != JdbcStoreDialect.POSTGRESQL || !POSTGRESQL_DRIVER_PRESENT) {
			return false;
		}
		synchronized (this) {
			if (this.closed) {
				return false;
			}
			PostgresPutWatcher.Registration registration = this.watch;
			if (registration == null) {
				registration = PostgresPutWatcher.register(this.dataSource, this.clock);
				this.watch = registration;
			}
			registration.watch(this.table, this.appId, key, listener);
		}
		return true;
	}

	/**
	 * Ends this store's {@link #watch}, if any: the last store of a {@link DataSource} to
	 * close gives the listening connection back to the pool.
	 */
	@Override
	public void close() {
		PostgresPutWatcher.Registration registration;
		synchronized (this) {
			this.closed = true;
			registration = this.watch;
			this.watch = null;
		}
		if (registration != null) {
			registration.close();
		}
	}

	/**
	 * Returns the put watch of this store's DataSource, once this store watches.
	 */
	synchronized @Nullable PostgresPutWatcher putWatcher() {
		return (this.watch != null) ? this.watch.watcher() : null;
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		JdbcStoreSupport.requireText(key, "key");
		int removed = JdbcStoreSupport.call("remove the value " + key, this.table,
				() -> this.jdbc.update(this.removeSql, this.appId, key, expectedValue));
		return removed > 0;
	}

	@Override
	public boolean replace(String key, String expectedValue, StoredValue newValue) {
		JdbcStoreSupport.requireText(key, "key");
		long now = this.clock.millis();
		int replaced = JdbcStoreSupport.call("replace the value " + key, this.table,
				() -> this.jdbc.update(this.replaceSql, newValue.value(), newValue.storedAt().toEpochMilli(),
						newValue.expiresAt().toEpochMilli(), this.appId, key, expectedValue, now));
		return replaced > 0;
	}

	@Override
	public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
		JdbcStoreSupport.requireText(key, "key");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive, was " + ttl);
		}
		Instant now = this.clock.instant();
		Lease lease = new Lease(key, UUID.randomUUID().toString(), now.plus(ttl));
		Object[] arguments = this.dialect.acquireLeaseArguments(this.appId, key, lease.owner(),
				lease.expiresAt().toEpochMilli(), now.toEpochMilli());
		int updated = JdbcStoreSupport.call("take the lease of " + key, this.table,
				() -> this.jdbc.update(this.acquireLeaseSql, arguments));
		boolean taken = this.dialect.updateCountTellsLeaseTaken() ? updated > 0 : lease.owner().equals(leaseOwner(key));
		this.purger.purgeWhenDue();
		return taken ? Optional.of(lease) : Optional.empty();
	}

	@Override
	public void releaseLease(Lease lease) {
		JdbcStoreSupport.call("release the lease of " + lease.key(), this.table,
				() -> this.jdbc.update(this.releaseLeaseSql, this.appId, lease.key(), lease.owner()));
	}

	private String leaseOwner(String key) {
		List<String> owners = JdbcStoreSupport.call("take the lease of " + key, this.table,
				() -> this.jdbc.queryForList(this.selectLeaseOwnerSql, String.class, this.appId, key));
		return owners.isEmpty() ? "" : String.valueOf(owners.get(0));
	}

}
