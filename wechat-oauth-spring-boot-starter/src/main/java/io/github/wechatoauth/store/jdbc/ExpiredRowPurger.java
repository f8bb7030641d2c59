package io.github.wechatoauth.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes the rows of one appid whose value and lease have both expired, for a
 * {@link JdbcSharedStore}: at most once a {@link #PURGE_INTERVAL} of the store's clock,
 * in one {@code DELETE} of at most {@link #PURGE_LIMIT} rows.
 */
final class ExpiredRowPurger {

	/** The store's logger, where a failed purge was always logged. */
	private static final Log logger = LogFactory.getLog(JdbcSharedStore.class);

	/** The least time between two purges of expired rows by one store. */
	static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

	/** The most rows one purge deletes, so that it never holds the table for long. */
	static final int PURGE_LIMIT = 10_000;

	private final JdbcTemplate jdbc;

	private final JdbcStoreDialect dialect;

	private final String table;

	private final String appId;

	private final Clock clock;

	private final String purgeExpiredSql;

	/** When the next purge is due, in epoch milliseconds of the store's clock. */
	private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

	ExpiredRowPurger(JdbcTemplate jdbc, JdbcStoreDialect dialect, String table, String appId, Clock clock) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.table = table;
		this.appId = appId;
		this.clock = clock;
		this.purgeExpiredSql = dialect.purgeExpired(table, PURGE_LIMIT);
	}

	/**
	 * Deletes expired rows of this appid if the interval has passed since the last purge;
	 * a failure is logged, never thrown, since the write that triggered the purge has
	 * succeeded.
	 */
	void purgeWhenDue() {
		long now = this.clock.millis();
		long due = this.nextPurge.get();
		if (now < due || !this.nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
			return;
		}
		try {
			int purged = JdbcStoreSupport.call("delete expired values and leases", this.table,
					() -> this.jdbc.update(this.purgeExpiredSql, this.dialect.purgeExpiredArguments(this.appId, now)));
			if (purged > 0 && logger.isDebugEnabled()) {
				logger.debug("Deleted " + purged + " expired rows of " + this.appId + " from " + this.table);
			}
		}
		catch (RuntimeException ex) {
			logger.warn(ex.getMessage());
		}
	}

}
