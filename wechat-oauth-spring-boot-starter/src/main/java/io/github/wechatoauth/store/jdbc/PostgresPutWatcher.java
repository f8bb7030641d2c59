package io.github.wechatoauth.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.github.wechatoauth.store.StoredValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The PostgreSQL put watch of a {@link DataSource}: one {@link ListeningConnection},
 * shared by every {@link JdbcSharedStore} on it that {@linkplain JdbcSharedStore#watch
 * watches} a key, and stopped when the last of them closes (or the pool does).
 * <p>
 * A put notifies the table's channel with the appid and the key only (any role that can
 * connect may {@code LISTEN}, so no value travels in a notification); the connection then
 * reads the row and this watcher hands the value to the key's listeners, on the
 * connection's thread.
 */
final class PostgresPutWatcher {

	private static final Log logger = LogFactory.getLog(PostgresPutWatcher.class);

	/** The watchers by DataSource; guarded by itself, as are their registrations. */
	private static final IdentityHashMap<DataSource, PostgresPutWatcher> WATCHERS = new IdentityHashMap<>();

	/**
	 * The longest the last store's close waits for the watcher to give its connection
	 * back.
	 */
	private static final Duration STOP_BUDGET = Duration.ofSeconds(2);

	private final DataSource dataSource;

	/** The listeners by watched row. */
	private final Map<WatchedRow, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final ListeningConnection connection;

	private int registrations;

	private PostgresPutWatcher(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.connection = new ListeningConnection(dataSource, clock, this.subscribers.keySet(), this::tell);
	}

	/**
	 * Returns a registration with the watcher of a DataSource, starting it if none runs.
	 */
	static Registration register(DataSource dataSource, Clock clock) {
		synchronized (WATCHERS) {
			PostgresPutWatcher watcher = WATCHERS.computeIfAbsent(dataSource,
					(key) -> new PostgresPutWatcher(key, clock));
			watcher.registrations++;
			watcher.connection.start();
			return new Registration(watcher);
		}
	}

	private void unregister(Registration registration) {
		for (WatchedRow row : this.subscribers.keySet()) {
			this.subscribers.computeIfPresent(row, (key, list) -> {
				list.removeIf((subscriber) -> subscriber.registration == registration);
				return list.isEmpty() ? null : list;
			});
		}
		Thread running;
		synchronized (WATCHERS) {
			if (--this.registrations > 0) {
				return;
			}
			running = this.connection.stop();
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

	private void tell(WatchedRow row, StoredValue value) {
		for (Subscriber subscriber : this.subscribers.getOrDefault(row, List.of())) {
			try {
				subscriber.listener.accept(value);
			}
			catch (RuntimeException ex) {
				logger.debug("A listener of " + row.key() + " failed: " + ex.getMessage());
			}
		}
	}

	/**
	 * Waits until the watcher listens on every watched table, at most a budget.
	 * @return the backend process id of its connection, or 0 if the budget ran out
	 */
	int awaitListening(Duration budget) throws InterruptedException {
		return this.connection.state().awaitListening(this::channels, budget);
	}

	/**
	 * Waits until the watcher has lost its connection, at most a budget.
	 * @return whether it has
	 */
	boolean awaitDown(Duration budget) throws InterruptedException {
		return this.connection.state().awaitDown(budget);
	}

	/**
	 * Waits until the watcher's thread has ended, at most a budget.
	 * @return whether it has
	 */
	boolean awaitStopped(Duration budget) throws InterruptedException {
		return this.connection.state().awaitStopped(budget);
	}

	private Set<String> channels() {
		Set<String> channels = new HashSet<>();
		this.subscribers.keySet().forEach((row) -> channels.add(row.table()));
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
			this.watcher.subscribers.compute(new WatchedRow(table, appId, key), (k, list) -> {
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

	private record Subscriber(Registration registration, Consumer<StoredValue> listener) {
	}

}
