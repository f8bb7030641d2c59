package io.github.wechatoauth.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.ServiceExtension;
import io.github.wechatoauth.testsupport.TestDatabase;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The put watch of {@link JdbcSharedStore} on the local PostgreSQL: a put on one pool is
 * told to the stores of another through {@code LISTEN}/{@code NOTIFY}, the stores of a
 * pool share one listening connection, and when that connection is killed the watch reads
 * the store until it is back. Nothing sleeps: the watch's pause before it connects again
 * runs on a clock the test moves, and every wait is for a value or a state.
 */
class PostgreSqlPutWatchTests {

	private static final Duration BUDGET = Duration.ofSeconds(10);

	@RegisterExtension
	static final ServiceExtension<TestDatabase> database = ServiceExtension.of(TestDatabase::postgresql);

	/** Another instance's pool on the same database. */
	private final HikariDataSource otherPool = TestDatabase.postgresqlDataSource();

	private final MutableClock clock = new MutableClock();

	private final String appId = TestServices.randomAppId();

	private final List<JdbcSharedStore> stores = new ArrayList<>();

	@AfterEach
	void closeStores() {
		this.stores.forEach(JdbcSharedStore::close);
		this.otherPool.close();
	}

	@Test
	void aPutOnAnotherPoolIsToldToTheWatchingStore() throws Exception {
		JdbcSharedStore watching = store(database.get().dataSource());
		BlockingQueue<StoredValue> told = new LinkedBlockingQueue<>();
		assertThat(watching.watch("access_token", told::add)).isTrue();
		PostgresPutWatcher watcher = watcherOf(watching);
		assertThat(watcher.awaitListening(BUDGET)).isPositive();

		StoredValue token = value("TOKEN_1");
		store(this.otherPool).put("access_token", token);

		assertThat(told.poll(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(token);
		// Another key and another appid are not told to this listener.
		store(this.otherPool).put("jsapi_ticket", value("TICKET_1"));
		storeOf(this.otherPool, TestServices.randomAppId()).put("access_token", value("OTHER_APP_TOKEN"));
		store(this.otherPool).put("access_token", value("TOKEN_2"));
		assertThat(told.poll(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).extracting(StoredValue::value)
			.isEqualTo("TOKEN_2");
	}

	@Test
	void theStoresOfOnePoolShareOneListeningConnectionGivenBackWhenTheLastCloses() throws Exception {
		BlockingQueue<String> told = new LinkedBlockingQueue<>();
		List<JdbcSharedStore> watching = new ArrayList<>();
		// More stores than the pool has connections (8).
		for (int i = 0; i < 20; i++) {
			JdbcSharedStore store = store(database.get().dataSource());
			int instance = i;
			store.watch("access_token", (value) -> told.add(instance + ":" + value.value()));
			watching.add(store);
		}
		PostgresPutWatcher watcher = watcherOf(watching.get(0));
		assertThat(watching).allSatisfy((store) -> assertThat(store.putWatcher()).isSameAs(watcher));
		assertThat(watcher.awaitListening(BUDGET)).isPositive();

		store(this.otherPool).put("access_token", value("TOKEN_1"));
		List<String> heard = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			heard.add(told.poll(BUDGET.toMillis(), TimeUnit.MILLISECONDS));
		}
		assertThat(heard).hasSize(20).allSatisfy((line) -> assertThat(line).endsWith(":TOKEN_1"));

		watching.forEach(JdbcSharedStore::close);
		assertThat(watcher.awaitStopped(BUDGET)).isTrue();
		JdbcSharedStore later = store(database.get().dataSource());
		later.watch("access_token", (value) -> {
		});
		assertThat(later.putWatcher()).isNotSameAs(watcher);
	}

	@Test
	@SuppressWarnings("try") // the pool's capture only keeps Hikari's WARN about the
								// killed connection quiet
	void whileTheListeningConnectionIsDownTheWatchReadsTheStoreAndThenListensAgain() throws Exception {
		JdbcSharedStore watching = store(database.get().dataSource());
		BlockingQueue<StoredValue> told = new LinkedBlockingQueue<>();
		watching.watch("access_token", told::add);
		PostgresPutWatcher watcher = watcherOf(watching);
		int backend = watcher.awaitListening(BUDGET);
		assertThat(backend).isPositive();
		JdbcSharedStore other = store(this.otherPool);

		try (CapturedLogs logs = CapturedLogs.of(PostgresPutWatcher.class.getName());
				CapturedLogs pool = CapturedLogs.of("com.zaxxer.hikari")) {
			new JdbcTemplate(this.otherPool).queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, backend);
			assertThat(watcher.awaitDown(BUDGET)).isTrue();

			// The clock stands still, so the watch does not connect again: it polls.
			StoredValue polled = value("TOKEN_WHILE_DOWN");
			other.put("access_token", polled);
			assertThat(told.poll(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(polled);
			assertThat(logs.at(Level.WARN)).singleElement()
				.asString()
				.contains("lost its connection")
				.contains("every 25 ms");

			// Past the pause, it listens again on a new connection.
			this.clock.advance(ListeningConnection.LONGEST_PAUSE.plusSeconds(1));
			int again = watcher.awaitListening(BUDGET);
			assertThat(again).isPositive().isNotEqualTo(backend);
			assertThat(logs.at(Level.INFO)).singleElement().asString().contains("is back");
			StoredValue notified = value("TOKEN_AFTER");
			other.put("access_token", notified);
			assertThat(told.poll(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(notified);
			assertThat(logs.at(Level.WARN)).hasSize(1);
		}
	}

	@Test
	void otherDatabasesDoNotWatch() {
		try (TestDatabase h2 = TestDatabase.h2()) {
			JdbcSharedStore store = new JdbcSharedStore(h2.dataSource(), h2.dialect(), h2.tablePrefix(), this.appId,
					this.clock);
			assertThat(store.watch("access_token", (value) -> {
			})).isFalse();
			assertThat(store.putWatcher()).isNull();
			store.close();
		}
	}

	private JdbcSharedStore store(DataSource dataSource) {
		return storeOf(dataSource, this.appId);
	}

	private JdbcSharedStore storeOf(DataSource dataSource, String appId) {
		JdbcSharedStore store = new JdbcSharedStore(dataSource, JdbcStoreDialect.POSTGRESQL,
				database.get().tablePrefix(), appId, this.clock);
		this.stores.add(store);
		return store;
	}

	private static PostgresPutWatcher watcherOf(JdbcSharedStore store) {
		PostgresPutWatcher watcher = store.putWatcher();
		assertThat(watcher).isNotNull();
		return watcher;
	}

	private StoredValue value(String value) {
		Instant now = this.clock.instant();
		return new StoredValue(value, now, now.plusSeconds(7200));
	}

}
