package io.github.wechatoauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.util.ClassUtils;

/**
 * The one PostgreSQL {@code LISTEN} connection of a {@link DataSource}, shared by every
 * {@link JdbcSharedStore} on it that {@linkplain JdbcSharedStore#watch watches} a key,
 * and stopped when the last of them closes (or the pool does).
 * <p>
 * A put notifies the table's channel with the appid and the key only (any role that can
 * connect may {@code LISTEN}, so no value travels in a notification); the watcher then
 * reads the row on its own connection and hands it to the key's listeners, on its own
 * thread. When the connection drops, the watcher logs it once, reads the watched keys
 * every {@link io.github.wechatoauth.store.SharedStore#POLL_INTERVAL} through the pool
 * and hands on what changed, and connects again after a pause that doubles from 100 ms to
 * 5 s (by the store's clock); every wait and statement has a budget.
 */
final class PostgresPutWatcher {

	private static final Log logger = LogFactory.getLog(PostgresPutWatcher.class);

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			PostgresPutWatcher.class.getClassLoader());

	/** The watchers by DataSource; guarded by itself. */
	private static final Map<DataSource, PostgresPutWatcher> WATCHERS = new IdentityHashMap<>();

	/** The longest the connection waits for notifications before it looks at its work. */
	private static final int RECEIVE_MILLIS = 200;

	/** The budget of each statement, in seconds. */
	private static final int STATEMENT_TIMEOUT_SECONDS = 5;

	/**
	 * The longest the last store's close waits for the watcher to give its connection
	 * back.
	 */
	private static final Duration STOP_BUDGET = Duration.ofSeconds(2);

	/** How often a connection that receives nothing is checked. */
	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);

	static final Duration FIRST_PAUSE = Duration.ofMillis(100);

	static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final Clock clock;

	/** The listeners by watched row. */
	private final Map<Watched, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	/**
	 * The last value handed on per watched row, so that polling hands on changes only.
	 */
	private final Map<Watched, StoredValue> lastSeen = new ConcurrentHashMap<>();

	/** Guards the state below and is notified when it changes. */
	private final Object lock = new Object();

	private int registrations;

	private boolean stopped;

	private boolean listening;

	private int backendPid;

	private final Set<String> listened = new HashSet<>();

	private @Nullable Thread thread;

	private PostgresPutWatcher(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.clock = clock;
	}

	/**
	 * Returns a registration with the watcher of a DataSource, starting it if none runs.
	 */
	static Registration register(DataSource dataSource, Clock clock) {
		synchronized (WATCHERS) {
			PostgresPutWatcher watcher = WATCHERS.computeIfAbsent(dataSource,
					(key) -> new PostgresPutWatcher(key, clock));
			synchronized (watcher.lock) {
				watcher.registrations++;
				if (watcher.thread == null) {
					Thread thread = new Thread(watcher::run, "wechat-jdbc-watch");
					thread.setDaemon(true);
					watcher.thread = thread;
					thread.start();
				}
			}
			return new Registration(watcher);
		}
	}

	private void unregister(Registration registration) {
		for (Watched watched : this.subscribers.keySet()) {
			this.subscribers.computeIfPresent(watched, (key, list) -> {
				list.removeIf((subscriber) -> subscriber.registration == registration);
				return list.isEmpty() ? null : list;
			});
		}
		Thread running;
		synchronized (WATCHERS) {
			synchronized (this.lock) {
				if (--this.registrations > 0) {
					return;
				}
				this.stopped = true;
				this.lock.notifyAll();
				running = this.thread;
			}
			WATCHERS.remove(this.dataSource, this);
		}
		// Its connection back in the pool before the pool itself may close.
		if (running != null && running != Thread.currentThread()) {
			try {
				running.join(STOP_BUDGET.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private boolean stopped() {
		synchronized (this.lock) {
			return this.stopped;
		}
	}

	private void run() {
		Duration pause = FIRST_PAUSE;
		boolean down = false;
		while (!stopped()) {
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
				markListening(postgres);
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
				synchronized (this.lock) {
					this.listening = false;
					this.listened.clear();
				}
				if (stopped() || poolClosed()) {
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
			}
			pollFor(pause);
			pause = (pause.compareTo(LONGEST_PAUSE.dividedBy(2)) <= 0) ? pause.multipliedBy(2) : LONGEST_PAUSE;
		}
		synchronized (this.lock) {
			this.listening = false;
			this.thread = null;
			this.lock.notifyAll();
		}
	}

	/** Listens on the channel of every watched table not yet listened to. */
	private void listen(Connection connection) throws SQLException {
		for (Watched watched : this.subscribers.keySet()) {
			String channel = watched.table();
			boolean known;
			synchronized (this.lock) {
				known = this.listened.contains(channel);
			}
			if (!known) {
				try (Statement statement = connection.createStatement()) {
					statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
					// A quoted name, exactly as pg_notify is given it.
					statement.execute("LISTEN \"" + channel + "\"");
				}
				synchronized (this.lock) {
					this.listened.add(channel);
				}
			}
		}
	}

	private void markListening(PGConnection postgres) {
		synchronized (this.lock) {
			this.listening = true;
			this.backendPid = postgres.getBackendPID();
			this.lock.notifyAll();
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
		while (!stopped()) {
			PGNotification[] notifications = postgres.getNotifications(RECEIVE_MILLIS);
			if (notifications != null) {
				Set<Watched> told = new HashSet<>();
				for (PGNotification notification : notifications) {
					Watched watched = Watched.parse(notification.getName(), notification.getParameter());
					if (watched != null && this.subscribers.containsKey(watched)) {
						told.add(watched);
					}
				}
				for (Watched watched : told) {
					StoredValue value = read(connection, watched);
					if (value != null) {
						tell(watched, value);
					}
				}
			}
			listen(connection);
			markListening(postgres);
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
		while (!stopped() && this.clock.instant().isBefore(until)) {
			try (Connection connection = this.dataSource.getConnection()) {
				poll(connection);
			}
			catch (SQLException | RuntimeException ex) {
				if (poolClosed()) {
					return;
				}
				logger.debug("Could not read the watched values: " + ex.getMessage());
			}
			synchronized (this.lock) {
				if (this.stopped) {
					return;
				}
				try {
					TimeUnit.MILLISECONDS.timedWait(this.lock, SharedStore.POLL_INTERVAL.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.stopped = true;
				}
			}
		}
	}

	private void poll(Connection connection) throws SQLException {
		for (Watched watched : this.subscribers.keySet()) {
			StoredValue value = read(connection, watched);
			if (value != null && !value.equals(this.lastSeen.get(watched))) {
				tell(watched, value);
			}
		}
	}

	private static @Nullable StoredValue read(Connection connection, Watched watched) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT item_value, stored_at, expires_at FROM "
				+ watched.table() + " WHERE appid = ? AND item_key = ? AND item_value IS NOT NULL")) {
			statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
			statement.setString(1, watched.appId());
			statement.setString(2, watched.key());
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				return new StoredValue(Objects.requireNonNull(row.getString(1)), Instant.ofEpochMilli(row.getLong(2)),
						Instant.ofEpochMilli(row.getLong(3)));
			}
		}
	}

	private void tell(Watched watched, StoredValue value) {
		this.lastSeen.put(watched, value);
		for (Subscriber subscriber : this.subscribers.getOrDefault(watched, List.of())) {
			try {
				subscriber.listener.accept(value);
			}
			catch (RuntimeException ex) {
				logger.debug("A listener of " + watched.key() + " failed: " + ex.getMessage());
			}
		}
	}

	/** Tells whether the pool has been closed, when it is a Hikari pool. */
	private boolean poolClosed() {
		return HIKARI_PRESENT && HikariPools.closed(this.dataSource);
	}

	/**
	 * Waits until the watcher listens on every watched table, at most a budget.
	 * @return the backend process id of its connection, or 0 if the budget ran out
	 */
	int awaitListening(Duration budget) throws InterruptedException {
		long until = System.nanoTime() + budget.toNanos();
		synchronized (this.lock) {
			while (!(this.listening && this.listened.containsAll(channels()))) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					return 0;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, left);
			}
			return this.backendPid;
		}
	}

	/**
	 * Waits until the watcher has lost its connection, at most a budget.
	 * @return whether it has
	 */
	boolean awaitDown(Duration budget) throws InterruptedException {
		long until = System.nanoTime() + budget.toNanos();
		synchronized (this.lock) {
			while (this.listening) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, left);
			}
			return true;
		}
	}

	/**
	 * Waits until the watcher's thread has ended, at most a budget.
	 * @return whether it has
	 */
	boolean awaitStopped(Duration budget) throws InterruptedException {
		long until = System.nanoTime() + budget.toNanos();
		synchronized (this.lock) {
			while (this.thread != null) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, left);
			}
			return true;
		}
	}

	private Set<String> channels() {
		Set<String> channels = new HashSet<>();
		this.subscribers.keySet().forEach((watched) -> channels.add(watched.table()));
		return channels;
	}

	/** One store's hold on the watcher; closing it ends the store's listeners. */
	static final class Registration implements AutoCloseable {

		private final PostgresPutWatcher watcher;

		private boolean closed;

		private Registration(PostgresPutWatcher watcher) {
			this.watcher = watcher;
		}

		void watch(String table, String appId, String key, Consumer<StoredValue> listener) {
			this.watcher.subscribers.compute(new Watched(table, appId, key), (k, list) -> {
				List<Subscriber> subscribers = (list != null) ? list : new CopyOnWriteArrayList<>();
				subscribers.add(new Subscriber(this, listener));
				return subscribers;
			});
		}

		PostgresPutWatcher watcher() {
			return this.watcher;
		}

		@Override
		public synchronized void close() {
			if (!this.closed) {
				this.closed = true;
				this.watcher.unregister(this);
			}
		}

	}

	/** Kept apart, so that nothing loads Hikari's classes unless they are there. */
	private static final class HikariPools {

		private HikariPools() {
		}

		static boolean closed(DataSource dataSource) {
			try {
				return dataSource.isWrapperFor(HikariDataSource.class)
						&& dataSource.unwrap(HikariDataSource.class).isClosed();
			}
			catch (SQLException ex) {
				return false;
			}
		}

	}

	private record Subscriber(Registration registration, Consumer<StoredValue> listener) {
	}

	/**
	 * A watched row, named in a notification as the table's channel and the payload
	 * {@code <length of the appid>:<appid><key>}.
	 */
	record Watched(String table, String appId, String key) {

		String payload() {
			return payload(this.appId, this.key);
		}

		static String payload(String appId, String key) {
			return appId.length() + ":" + appId + key;
		}

		static @Nullable Watched parse(String channel, String payload) {
			int colon = payload.indexOf(':');
			try {
				int length = Integer.parseInt(payload.substring(0, Math.max(colon, 0)));
				int start = colon + 1;
				if (colon < 1 || length < 1 || start + length >= payload.length()) {
					return null;
				}
				return new Watched(channel, payload.substring(start, start + length),
						payload.substring(start + length));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
