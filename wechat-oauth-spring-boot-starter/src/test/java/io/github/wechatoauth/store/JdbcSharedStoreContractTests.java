package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared store contract on {@link JdbcSharedStore}, and what only a table needs:
 * expired rows are deleted, at most once a minute, so that short-lived keys do not grow
 * it forever. Each database extends this class.
 */
abstract class JdbcSharedStoreContractTests extends SharedStoreContractTests {

	private static final Duration SHORT = Duration.ofSeconds(10);

	private final String appId = TestServices.randomAppId();

	/**
	 * Returns the database under test.
	 */
	protected abstract TestDatabase database();

	@Override
	protected SharedStore createStore(String appId, Clock clock) {
		TestDatabase database = database();
		return new JdbcSharedStore(database.dataSource(), database.dialect(), database.tablePrefix(), appId, clock);
	}

	@Override
	protected long countEntries(String appId, String key) {
		return database().count("shared", appId, "item_key", key);
	}

	@Test
	void deletesRowsWhoseValueAndLeaseHaveExpired() {
		SharedStore store = createStore(this.appId, this.clock);
		SharedStore otherAccount = createStore(TestServices.randomAppId(), this.clock);
		store.put("expired-value", credential("v", SHORT));
		assertThat(store.tryAcquireLease("expired-lease", SHORT)).isPresent();
		store.put("expired-value-live-lease", credential("v", SHORT));
		assertThat(store.tryAcquireLease("expired-value-live-lease", Duration.ofHours(1))).isPresent();
		store.put("live-value-expired-lease", credential("v", Duration.ofHours(1)));
		assertThat(store.tryAcquireLease("live-value-expired-lease", SHORT)).isPresent();
		store.put("removed", credential("v", Duration.ofHours(1)));
		assertThat(store.remove("removed", "v")).isTrue();
		otherAccount.put("expired-value", credential("v", SHORT));
		this.clock.advance(Duration.ofMinutes(1));
		store.put("live", credential("v", Duration.ofHours(1)));
		assertThat(rows(this.appId)).isEqualTo(3);
		assertThat(countEntries(this.appId, "expired-value")).isZero();
		assertThat(countEntries(this.appId, "expired-lease")).isZero();
		assertThat(countEntries(this.appId, "removed")).isZero();
		assertThat(countEntries(this.appId, "expired-value-live-lease")).isOne();
		assertThat(countEntries(this.appId, "live-value-expired-lease")).isOne();
		assertThat(store.get("live-value-expired-lease")).isPresent();
		assertThat(countEntries(this.appId, "live")).isOne();
	}

	@Test
	void purgesAtMostOnceAMinuteOnTheStoreClock() {
		SharedStore store = createStore(this.appId, this.clock);
		store.put("first", credential("v", SHORT));
		this.clock.advance(SHORT);
		store.tryAcquireLease("second", SHORT);
		assertThat(rows(this.appId)).as("purged on the first write only").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(49));
		store.put("third", credential("v", Duration.ofHours(1)));
		assertThat(rows(this.appId)).as("59 s after the last purge").isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(1));
		store.put("third", credential("v", Duration.ofHours(1)));
		assertThat(rows(this.appId)).as("a minute after the last purge").isOne();
	}

	private long rows(String appId) {
		Long count = new JdbcTemplate(database().dataSource()).queryForObject(
				"SELECT COUNT(*) FROM " + database().tablePrefix() + "shared WHERE appid = ?", Long.class, appId);
		return (count != null) ? count : 0;
	}

	private StoredValue credential(String value, Duration lifetime) {
		Instant now = this.clock.instant();
		return new StoredValue(value, now, now.plus(lifetime));
	}

}
