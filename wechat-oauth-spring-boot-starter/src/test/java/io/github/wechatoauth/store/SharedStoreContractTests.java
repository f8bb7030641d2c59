package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SharedStore} does, whatever keeps the credentials. Each backend
 * extends this class.
 */
public abstract class SharedStoreContractTests {

	private static final Duration TTL = Duration.ofSeconds(15);

	protected final MutableClock clock = new MutableClock();

	private final String appId = TestServices.randomAppId();

	/**
	 * Returns a store of an appid on the backend under test, as another process would
	 * have it: stores of one appid share their credentials and leases.
	 */
	protected abstract SharedStore createStore(String appId, Clock clock);

	/**
	 * Returns how many rows or keys the backend holds for one credential kind of an
	 * appid.
	 */
	protected abstract long countEntries(String appId, String key);

	@Test
	void returnsNothingForAKeyWithoutCredential() {
		assertThat(store().get("access_token")).isEmpty();
	}

	@Test
	void storesAndReadsACredential() {
		SharedStore store = store();
		StoredValue credential = credential("token-1", Duration.ofHours(2));
		store.put("access_token", credential);
		assertThat(store.get("access_token")).contains(credential);
		assertThat(createStore(this.appId, this.clock).get("access_token")).contains(credential);
		assertThat(store.get("jsapi_ticket")).isEmpty();
	}

	@Test
	void replacesTheCredentialOfAKey() {
		SharedStore store = store();
		store.put("access_token", credential("token-1", Duration.ofHours(2)));
		StoredValue second = credential("token-2", Duration.ofHours(2));
		store.put("access_token", second);
		assertThat(store.get("access_token")).contains(second);
		assertThat(countEntries(this.appId, "access_token")).isOne();
	}

	@Test
	void forgetsACredentialWhenTheClockReachesItsExpiry() {
		SharedStore store = store();
		StoredValue credential = credential("token-1", Duration.ofHours(2));
		store.put("access_token", credential);
		this.clock.advance(Duration.ofHours(2).minusMillis(1));
		assertThat(store.get("access_token")).contains(credential);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(store.get("access_token")).isEmpty();
	}

	@Test
	void storingAnExpiredCredentialLeavesNone() {
		SharedStore store = store();
		store.put("access_token", credential("token-1", Duration.ofHours(2)));
		Instant past = this.clock.instant().minus(Duration.ofHours(3));
		store.put("access_token", new StoredValue("token-0", past, past.plus(Duration.ofHours(2))));
		assertThat(store.get("access_token")).isEmpty();
	}

	@Test
	void removesACredentialOnlyWhileItHoldsTheExpectedValue() {
		SharedStore store = store();
		StoredValue current = credential("token-new", Duration.ofHours(2));
		store.put("access_token", current);
		assertThat(store.remove("access_token", "token-old")).isFalse();
		assertThat(store.get("access_token")).contains(current);
		assertThat(store.remove("access_token", "token-new")).isTrue();
		assertThat(store.get("access_token")).isEmpty();
		assertThat(store.remove("access_token", "token-new")).isFalse();
	}

	@Test
	void removingFromAnAbsentKeyRemovesNothing() {
		assertThat(store().remove("access_token", "token-1")).isFalse();
	}

	@Test
	void keepsTheCredentialsAndLeasesOfTwoAppidsApart() {
		SharedStore store = store();
		SharedStore other = createStore(TestServices.randomAppId(), this.clock);
		StoredValue mine = credential("token-mine", Duration.ofHours(2));
		store.put("access_token", mine);
		assertThat(other.get("access_token")).isEmpty();
		assertThat(other.remove("access_token", "token-mine")).isFalse();
		StoredValue theirs = credential("token-theirs", Duration.ofHours(2));
		other.put("access_token", theirs);
		assertThat(store.get("access_token")).contains(mine);
		assertThat(other.get("access_token")).contains(theirs);
		assertThat(store.tryAcquireLease("access_token", TTL)).isPresent();
		assertThat(other.tryAcquireLease("access_token", TTL)).isPresent();
	}

	@Test
	void keepsUnicodeAnd512CharacterValues() {
		SharedStore store = store();
		String value = "票据\"\\😀-a".repeat(64);
		assertThat(value).hasSize(512);
		StoredValue credential = credential(value, Duration.ofHours(2));
		store.put("ticket-é", credential);
		assertThat(store.get("ticket-é")).contains(credential);
		assertThat(createStore(this.appId, this.clock).get("ticket-é")).contains(credential);
		assertThat(store.remove("ticket-é", value)).isTrue();
		assertThat(store.get("ticket-é")).isEmpty();
	}

	@Test
	void givesALeaseThatExpiresAfterItsTtl() {
		Optional<Lease> lease = store().tryAcquireLease("access_token", TTL);
		assertThat(lease).hasValueSatisfying((held) -> {
			assertThat(held.key()).isEqualTo("access_token");
			assertThat(held.owner()).isNotBlank();
			assertThat(held.expiresAt()).isEqualTo(this.clock.instant().plus(TTL));
		});
	}

	@Test
	void givesALeaseToOneHolderAtATimeAcrossStoreInstances() {
		SharedStore first = store();
		SharedStore second = createStore(this.appId, this.clock);
		assertThat(first.tryAcquireLease("access_token", TTL)).isPresent();
		assertThat(second.tryAcquireLease("access_token", TTL)).isEmpty();
		assertThat(first.tryAcquireLease("access_token", TTL)).isEmpty();
		assertThat(second.tryAcquireLease("jsapi_ticket", TTL)).isPresent();
	}

	@Test
	void aLeaseLapsesWhenTheClockPassesItsExpiry() {
		SharedStore first = store();
		SharedStore second = createStore(this.appId, this.clock);
		Lease lapsed = first.tryAcquireLease("access_token", TTL).orElseThrow();
		this.clock.advance(TTL.minusMillis(1));
		assertThat(second.tryAcquireLease("access_token", TTL)).isEmpty();
		this.clock.advance(Duration.ofMillis(1));
		Lease taken = second.tryAcquireLease("access_token", TTL).orElseThrow();
		assertThat(taken.owner()).isNotEqualTo(lapsed.owner());
		// The first holder, late, releases what is no longer its lease: nothing changes.
		first.releaseLease(lapsed);
		assertThat(first.tryAcquireLease("access_token", TTL)).isEmpty();
	}

	@Test
	void onlyTheOwnerReleasesALease() {
		SharedStore first = store();
		SharedStore second = createStore(this.appId, this.clock);
		Lease lease = first.tryAcquireLease("access_token", TTL).orElseThrow();
		second.releaseLease(new Lease("access_token", "someone-else", lease.expiresAt()));
		assertThat(second.tryAcquireLease("access_token", TTL)).isEmpty();
		first.releaseLease(lease);
		assertThat(second.tryAcquireLease("access_token", TTL)).isPresent();
	}

	@Test
	void leasesAndValuesAreIndependent() {
		SharedStore store = store();
		Lease lease = store.tryAcquireLease("access_token", TTL).orElseThrow();
		assertThat(store.get("access_token")).isEmpty();
		StoredValue credential = credential("token-1", Duration.ofHours(2));
		store.put("access_token", credential);
		assertThat(store.tryAcquireLease("access_token", TTL)).isEmpty();
		store.releaseLease(lease);
		assertThat(store.get("access_token")).contains(credential);
		Lease next = store.tryAcquireLease("access_token", TTL).orElseThrow();
		assertThat(store.remove("access_token", "token-1")).isTrue();
		assertThat(createStore(this.appId, this.clock).tryAcquireLease("access_token", TTL)).isEmpty();
		store.releaseLease(next);
	}

	@Test
	void concurrentLeaseAttemptsHaveExactlyOneWinner() throws Exception {
		int threads = 16;
		List<SharedStore> stores = List.of(store(), createStore(this.appId, this.clock));
		List<Optional<Lease>> results = runConcurrently(threads,
				(thread) -> stores.get(thread % 2).tryAcquireLease("access_token", TTL));
		assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
	}

	@Test
	void concurrentStoresOfOneKeyEndInOneOfTheWrittenValues() throws Exception {
		SharedStore store = store();
		Set<StoredValue> written = ConcurrentHashMap.newKeySet();
		runConcurrently(16, (thread) -> {
			for (int i = 0; i < 100; i++) {
				StoredValue credential = credential("token-" + thread + "-" + i, Duration.ofHours(2));
				written.add(credential);
				store.put("access_token", credential);
			}
			return null;
		});
		assertThat(store.get("access_token")).hasValueSatisfying((value) -> assertThat(written).contains(value));
		assertThat(countEntries(this.appId, "access_token")).isOne();
	}

	@Test
	void replacesAValueOnlyWhileItHoldsTheExpectedOne() {
		SharedStore store = store();
		store.put("qr-login:id", credential("pending", Duration.ofMinutes(5)));
		StoredValue confirmed = credential("confirmed:o-first", Duration.ofMinutes(5));

		assertThat(store.replace("qr-login:id", "other", credential("x", Duration.ofMinutes(5)))).isFalse();
		assertThat(store.replace("qr-login:id", "pending", confirmed)).isTrue();
		assertThat(createStore(this.appId, this.clock).replace("qr-login:id", "pending",
				credential("confirmed:o-second", Duration.ofMinutes(5))))
			.isFalse();
		assertThat(store.get("qr-login:id")).contains(confirmed);
		assertThat(store.replace("absent", "pending", confirmed)).isFalse();
		assertThat(store.get("absent")).isEmpty();
		assertThat(countEntries(this.appId, "qr-login:id")).isOne();
	}

	@Test
	void replacesNoValueThatHasExpiredAndTheNewOneExpiresInItsTurn() {
		SharedStore store = store();
		store.put("qr-login:id", credential("pending", Duration.ofMinutes(5)));
		assertThat(store.replace("qr-login:id", "pending", credential("confirmed:o", Duration.ofMinutes(1)))).isTrue();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(store.get("qr-login:id")).isEmpty();
		assertThat(store.replace("qr-login:id", "confirmed:o", credential("again", Duration.ofMinutes(5)))).isFalse();
		assertThat(store.get("qr-login:id")).isEmpty();
	}

	/** Two scans of one login QR code at the same moment: the first wins, always. */
	@Test
	void concurrentReplacementsOfOneValueHaveExactlyOneWinner() throws Exception {
		List<SharedStore> stores = List.of(store(), createStore(this.appId, this.clock));
		for (int race = 0; race < 50; race++) {
			String key = "qr-login:race-" + race;
			stores.get(0).put(key, credential("pending", Duration.ofMinutes(5)));
			List<Boolean> wins = runConcurrently(8, (thread) -> stores.get(thread % 2)
				.replace(key, "pending", credential("confirmed:o-" + thread, Duration.ofMinutes(5))));
			assertThat(wins.stream().filter(Boolean::booleanValue)).as("winners of race " + race).hasSize(1);
			int winner = wins.indexOf(true);
			assertThat(stores.get(1).get(key)).map(StoredValue::value).contains("confirmed:o-" + winner);
		}
	}

	@Test
	void aStoreThatWatchesAKeyTellsOfEveryPutUnderIt() throws Exception {
		SharedStore watcher = store();
		List<StoredValue> told = new java.util.concurrent.CopyOnWriteArrayList<>();
		CountDownLatch both = new CountDownLatch(2);
		if (!watcher.watch("access_token", (value) -> {
			told.add(value);
			both.countDown();
		})) {
			return;
		}
		SharedStore other = createStore(this.appId, this.clock);
		StoredValue first = credential("token-1", Duration.ofHours(2));
		StoredValue second = credential("token-2", Duration.ofHours(2));
		// A store subscribes in the background: put until the first put is heard.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (told.isEmpty() && System.nanoTime() < deadline) {
			other.put("access_token", first);
			other.put("jsapi_ticket", credential("ticket", Duration.ofHours(2)));
			Thread.sleep(20);
		}
		other.put("access_token", second);
		assertThat(both.await(30, TimeUnit.SECONDS)).as("puts told").isTrue();
		assertThat(told).contains(first, second).allSatisfy((value) -> assertThat(value).isIn(first, second));
	}

	private SharedStore store() {
		return createStore(this.appId, this.clock);
	}

	private StoredValue credential(String value, Duration lifetime) {
		Instant now = this.clock.instant();
		return new StoredValue(value, now, now.plus(lifetime));
	}

	private static <T> List<T> runConcurrently(int threads, ThreadTask<T> task) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					return task.run(thread);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(2, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface ThreadTask<T> {

		T run(int thread) throws Exception;

	}

}
