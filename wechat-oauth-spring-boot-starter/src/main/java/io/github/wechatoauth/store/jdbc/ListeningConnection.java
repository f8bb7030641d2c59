package io.github.wechatoauth.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The {@code LISTEN} connection of a {@link PostgresPutWatcher}, kept up on a thread of
 * its own: it listens on the channel of every watched table, reads a row that a
 * notification names and hands its value on. When the connection drops, it says so once,
 * reads the watched rows every {@link SharedStore#POLL_INTERVAL} through the pool and
 * hands on what changed, and connects again after a pause that doubles from
 * {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE} by the store's clock; once back, it says
 * so once. Every wait and statement has a budget.
 */
final class ListeningConnection {

	/** The put watch's logger, where the watch has always said it was lost and back. */
	private static final Log logger = LogFactory.getLog(PostgresPutWatcher.class);

	/** The longest the connection waits for notifications before it looks at its work. */
	private static final int RECEIVE_MILLIS = 200;

	/** The budget of each statement, in seconds. */
	private static final int STATEMENT_TIMEOUT_SECONDS = 5;

	/** How often a connection that receives nothing is checked. */
	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);

	static final Duration FIRST_PAUSE = Duration.ofMillis(100);

	static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final Clock clock;

	/** The watched rows, a live view. */
	private final Set<WatchedRow> watched;

	/** Hands a row's value to its listeners. */
	private final BiConsumer<WatchedRow, StoredValue> tell;

	/**
	 * The last value handed on per watched row, so that polling hands on changes only.
	 */
	private final Map<WatchedRow, StoredValue> lastSeen = new ConcurrentHashMap<>();

	private final ListeningState state = new ListeningState();

	ListeningConnection(DataSource dataSource, Clock clock, Set<WatchedRow> watched,
			BiConsumer<WatchedRow, StoredValue> tell) {
		this.dataSource = dataSource;
		this.clock = clock;
		this.watched = watched;
		this.tell = tell;
	}

	/** Starts the connection's thread, unless it runs. */
	void start() {
		this.state.startUnlessRunning(this::run, "wechat-jdbc-watch");
	}

	/**
	 * Asks the thread to give its connection back and end.
	 * @return the thread, to wait for, or {@code null} if none runs
	 */
	@Nullable Thread stop() {
		return this.state.stop();
	}

	ListeningState state() {
		return this.state;
	}

	private void run() {
		Duration pause = FIRST_PAUSE;
		boolean down = false;
		while (!this.state.stopped()) {
			try (Connection connection = this.dataSource.getConnection()) {
				PGConnection postgres = connection.unwrap(PGConnection.class);
				connection.setAutoCommit(true);
				listen(connection);
				boolean back = down;
				if (back) {
					logger.info("The PostgreSQL put watch is back: waiting callers learn of new values at once again");
					down = false;
				}
				// Told only now, so that whoever waits for the watch also sees it said
				// so.
				this.state.listening(postgres.getBackendPID());
				if (back) {
					// What was put while the watch was down and the last poll missed.
					poll(connection);
				}
				pause = FIRST_PAUSE;
				try {
					receive(connection, postgres);
				}
				finally {
					unlisten(connection, postgres);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.state.stopped() || HikariPools.closed(this.dataSource)) {
					break;
				}
				if (!down) {
					down = true;
					logger.warn("The PostgreSQL put watch lost its connection; callers waiting for another "
							+ "instance's refresh read the store every 25 ms until it is back (tried again within "
							+ LONGEST_PAUSE.toSeconds() + " s): " + ex.getMessage());
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("The PostgreSQL put watch could not connect again: " + ex.getMessage());
				}
				// Told only now, so that whoever waits for the watch to go down also
				// sees it said so.
				this.state.lost();
			}
			pollFor(pause);
			pause = (pause.compareTo(LONGEST_PAUSE.dividedBy(2)) <= 0) ? pause.multipliedBy(2) : LONGEST_PAUSE;
		}
		this.state.ended();
	}

	/** Listens on the channel of every watched table not yet listened to. */
	private void listen(Connection connection) throws SQLException {
		for (WatchedRow row : this.watched) {
			String channel = row.table();
			if (!this.state.listensOn(channel)) {
				try (Statement statement = connection.createStatement()) {
					statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
					// A quoted name, exactly as pg_notify is given it.
					statement.execute("LISTEN \"" + channel + "\"");
				}
				this.state.listenedOn(channel);
			}
		}
	}

	/**
	 * Ends the listening of a connection that goes back to the pool, so that no other
	 * borrower's session collects notifications; a broken connection is past caring.
	 */
	private static void unlisten(Connection connection, PGConnection postgres) {
		try {
			// The driver's own connection: asked through the pool's proxy, a closed one
			// would make the pool log it as broken, with a stack trace.
			if (postgres instanceof Connection driverConnection && driverConnection.isClosed()) {
				return;
			}
		}
		catch (SQLException ex) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
			statement.execute("UNLISTEN *");
		}
		catch (SQLException ex) {
			logger.debug("Could not end the listening of a connection: " + ex.getMessage());
		}
	}

	private void receive(Connection connection, PGConnection postgres) throws SQLException {
		long nextCheck = System.nanoTime() + CHECK_INTERVAL.toNanos();
		while (!this.state.stopped()) {
			PGNotification[] notifications = postgres.getNotifications(RECEIVE_MILLIS);
			if (notifications != null) {
				Set<WatchedRow> told = new HashSet<>();
				for (PGNotification notification : notifications) {
					WatchedRow row = WatchedRow.parse(notification.getName(), notification.getParameter());
					if (row != null && this.watched.contains(row)) {
						told.add(row);
					}
				}
				for (WatchedRow row : told) {
					StoredValue value = row.read(connection, STATEMENT_TIMEOUT_SECONDS);
					if (value != null) {
						handOn(row, value);
					}
				}
			}
			listen(connection);
			this.state.listening(postgres.getBackendPID());
			// A closed connection fails the wait for notifications; one that went silent
			// (a dead network) is found by asking now and then.
			if (System.nanoTime() - nextCheck >= 0) {
				if (!connection.isValid(STATEMENT_TIMEOUT_SECONDS)) {
					throw new SQLException("the connection is no longer valid");
				}
				nextCheck = System.nanoTime() + CHECK_INTERVAL.toNanos();
			}
		}
	}

	/**
	 * Reads the watched rows every poll interval through the pool, handing on what
	 * changed, until a pause has passed by the clock or the watcher stops.
	 */
	private void pollFor(Duration pause) {
		Instant until = this.clock.instant().plus(pause);
		while (!this.state.stopped() && this.clock.instant().isBefore(until)) {
			try (Connection connection = this.dataSource.getConnection()) {
				poll(connection);
			}
			catch (SQLException | RuntimeException ex) {
				if (HikariPools.closed(this.dataSource)) {
					return;
				}
				logger.debug("Could not read the watched values: " + ex.getMessage());
			}
			if (!this.state.pause(SharedStore.POLL_INTERVAL)) {
				return;
			}
		}
	}

	private void poll(Connection connection) throws SQLException {
		for (WatchedRow row : this.watched) {
			StoredValue value = row.read(connection, STATEMENT_TIMEOUT_SECONDS);
			if (value != null && !value.equals(this.lastSeen.get(row))) {
				handOn(row, value);
			}
		}
	}

	private void handOn(WatchedRow row, StoredValue value) {
		this.lastSeen.put(row, value);
		this.tell.accept(row, value);
	}

}
