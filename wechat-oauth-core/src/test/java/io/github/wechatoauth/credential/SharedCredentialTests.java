package io.github.wechatoauth.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import io.github.wechatoauth.testsupport.FaultyStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SharedCredential} on one thread, with a {@link MutableClock}: when a value is
 * due, when it expires, how long a failure and a lost lease are remembered, to the
 * millisecond, and what the listener and the log are told.
 */
class SharedCredentialTests {

	private static final String KEY = "access_token";

	/**
	 * Shorter than twice the refresh margin: due at half its life, whatever the jitter.
	 */
	private static final Duration LIFE = Duration.ofSeconds(120);

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore store = new InMemorySharedStore(this.clock);

	private final CompositeCredentialListenerTests.Recording events = new CompositeCredentialListenerTests.Recording();

	private final Deque<Object> answers = new ArrayDeque<>();

	private final List<@Nullable String> rejectedSeen = new ArrayList<>();

	private final CapturedLogs logs = CapturedLogs.of(SharedCredential.class.getName());

	@AfterEach
	void closeLogs() {
		this.logs.close();
	}

	@Test
	void dueForRefreshAtHalfItsLifeToTheMillisecond() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		assertThat(credential.get()).isEqualTo("T1");

		this.clock.advance(LIFE.dividedBy(2).minusMillis(1));
		assertThat(credential.get()).isEqualTo("T1");

		this.clock.advance(Duration.ofMillis(1));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");
		assertThat(this.events.events).containsExactly("fetch access_token", "hit access_token", "fetch access_token");
		assertThat(this.rejectedSeen).containsExactly(null, null);
	}

	@Test
	void aFailedRefreshAheadServesTheValueToItsLastMillisecondThenTheFailureForASecond() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();

		this.clock.advance(LIFE.minusMillis(1));
		WechatException ahead = failure("busy");
		this.answers.add(ahead);
		assertThat(credential.get()).isEqualTo("T1");
		assertThat(this.logs.at(Level.WARN)).containsExactly("Refreshing access_token ahead of expiry failed; "
				+ "the current value stays in use until 2026-01-01T00:02:00Z: " + ahead.getMessage());
		// No other attempt within the second after a failure.
		assertThat(credential.get()).isEqualTo("T1");

		this.clock.advance(Duration.ofMillis(1));
		WechatException expired = failure("still busy");
		this.answers.add(expired);
		assertThatExceptionOfType(WechatException.class).isThrownBy(credential::get).isSameAs(expired);
		this.clock.advance(Duration.ofSeconds(1).minusMillis(1));
		assertThatExceptionOfType(WechatException.class).isThrownBy(credential::get).isSameAs(expired);

		this.clock.advance(Duration.ofMillis(1));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");
		assertThat(this.events.events).containsExactly("fetch access_token", "failure access_token", "hit access_token",
				"failure access_token", "fetch access_token");
	}

	@Test
	void aRefreshAheadThatFailedIsTriedAgainAfterASecond() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();
		this.clock.advance(LIFE.dividedBy(2));
		this.answers.add(failure("busy"));
		assertThat(credential.get()).isEqualTo("T1");

		this.clock.advance(Duration.ofSeconds(1).minusMillis(1));
		assertThat(credential.get()).isEqualTo("T1");
		this.clock.advance(Duration.ofMillis(1));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");
		assertThat(this.logs.at(Level.WARN)).hasSize(1);
	}

	@Test
	void anInstanceThatLostTheLeaseAheadOfExpiryLooksAgainAfter200Milliseconds() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();
		this.clock.advance(LIFE.dividedBy(2));
		Optional<Lease> other = this.store.tryAcquireLease(KEY, Duration.ofSeconds(15));
		assertThat(other).isPresent();
		assertThat(credential.get()).isEqualTo("T1");
		this.store.releaseLease(other.get());

		this.clock.advance(Duration.ofMillis(199));
		assertThat(credential.get()).isEqualTo("T1");
		this.clock.advance(Duration.ofMillis(1));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");
	}

	@Test
	void aStoredValueThatIsDueIsAdoptedButRefreshed() {
		this.store.put(KEY, lasting("STORED"));
		this.clock.advance(LIFE.dividedBy(2));
		this.answers.add(lasting("T2"));
		SharedCredential<String> credential = credential(this.events);

		assertThat(credential.get()).isEqualTo("T2");
		assertThat(this.events.events).containsExactly("fetch access_token");
	}

	@Test
	void aStoredValueIsAdoptedWithoutAFetchUntilItsLastMillisecond() {
		this.store.put(KEY, lasting("STORED"));
		this.clock.advance(LIFE.dividedBy(2).minusMillis(1));
		SharedCredential<String> credential = credential(this.events);
		assertThat(credential.get()).isEqualTo("STORED");
		assertThat(credential.get()).isEqualTo("STORED");
		assertThat(this.events.events).containsExactly("hit access_token");
	}

	@Test
	void theRejectedValueIsHandedToTheFetcherOnceAndNeverTakenFromTheStoreAgain() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();

		credential.invalidate("T1");
		assertThat(this.logs.at(Level.INFO))
			.containsExactly("Invalidated the access_token that WeChat rejected; it will be fetched again");
		assertThat(this.store.get(KEY)).isEmpty();
		// Another instance stores the rejected value again: it is not taken.
		this.store.put(KEY, lasting("T1"));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");

		this.clock.advance(LIFE.dividedBy(2));
		this.answers.add(lasting("T3"));
		assertThat(credential.get()).isEqualTo("T3");
		assertThat(this.rejectedSeen).containsExactly(null, "T1", null);
		assertThat(this.events.events).containsExactly("fetch access_token", "invalidation access_token",
				"fetch access_token", "fetch access_token");
	}

	@Test
	void invalidatingAValueNeitherHeldNorStoredTellsNothing() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();

		credential.invalidate("OLDER");
		assertThat(this.logs.at(Level.INFO)).isEmpty();
		assertThat(credential.get()).isEqualTo("T1");
		assertThat(this.events.events).containsExactly("fetch access_token", "hit access_token");
	}

	@Test
	void aValueRejectedInMemoryOnlyIsStillToldAsAnInvalidation() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();
		this.store.put(KEY, lasting("OTHER"));
		// The memory holds OTHER now (the store told of its put); the store loses it.
		this.store.remove(KEY, "OTHER");

		credential.invalidate("OTHER");
		assertThat(this.logs.at(Level.INFO)).isEmpty();
		assertThat(this.events.events).containsExactly("fetch access_token", "invalidation access_token");
	}

	@Test
	void aPutToldByTheStoreIsAdoptedIfNotOlderNotExpiredAndNotRejected() {
		SharedCredential<String> credential = credential(this.events);
		this.answers.add(lasting("T1"));
		credential.get();
		Instant now = this.clock.instant();

		this.store.put(KEY, new StoredValue("OLDER", now.minusMillis(1), now.plus(LIFE)));
		assertThat(credential.get()).isEqualTo("T1");
		this.store.put(KEY, new StoredValue("EXPIRED", now, now));
		assertThat(credential.get()).isEqualTo("T1");
		this.store.put(KEY, new StoredValue("SAME_INSTANT", now, now.plusMillis(1)));
		assertThat(credential.get()).isEqualTo("SAME_INSTANT");
	}

	@Test
	void aListenerThatFailsIsLoggedOnce() {
		CredentialListener failing = new CompositeCredentialListenerTests.Throwing();
		SharedCredential<String> credential = credential(failing);
		this.answers.add(lasting("T1"));
		assertThat(credential.get()).isEqualTo("T1");
		assertThat(credential.get()).isEqualTo("T1");

		assertThat(this.logs.at(Level.WARN)).containsExactly("The CredentialListener " + failing.getClass().getName()
				+ " failed on access_token; its failures are ignored and not logged again");
	}

	@Test
	void aCallerGivesUpAfterTheMaximumWaitWhileAnotherInstanceHoldsTheLease() {
		Lease other = this.store.tryAcquireLease(KEY, Duration.ofSeconds(15)).orElseThrow();
		CountingSharedStore slow = new CountingSharedStore(this.store, KEY,
				() -> this.clock.advance(CredentialPolicy.DEFAULT.maxWait()));
		SharedCredential<String> credential = credential(slow, this.events);
		String gaveUp = "Waited PT5S for another instance to refresh access_token, which holds the store's lease "
				+ "but stored no new value; the lease lapses by itself within PT15S";

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(credential::get).withMessage(gaveUp);
		// The same failure for the next caller of this second, without asking again.
		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(credential::get).withMessage(gaveUp);
		assertThat(slow.leaseAttempts()).isOne();
		assertThat(this.events.events).containsExactly("failure access_token");
		this.store.releaseLease(other);
	}

	@Test
	void aForcedRefreshWaitsForAnotherInstancesLeaseAtMostTheMaximumWait() {
		Lease other = this.store.tryAcquireLease(KEY, Duration.ofSeconds(15)).orElseThrow();
		CountingSharedStore slow = new CountingSharedStore(this.store, KEY,
				() -> this.clock.advance(CredentialPolicy.DEFAULT.maxWait()));
		SharedCredential<String> credential = credential(slow, this.events);

		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> credential.refresh(() -> lasting("FORCED")))
			.withMessage("Waited PT5S for another instance's refresh of access_token to end before forcing one");
		assertThat(slow.leaseAttempts()).isOne();
		assertThat(this.events.events).containsExactly("failure access_token");
		this.store.releaseLease(other);
	}

	@Test
	void aForcedRefreshFetchesUnderTheLeaseStoresAndReleasesIt() {
		SharedCredential<String> credential = credential(this.store, this.events);
		this.answers.add(lasting("T1"));
		credential.get();

		assertThat(credential.refresh(() -> lasting("FORCED"))).isEqualTo("FORCED");
		assertThat(this.store.get(KEY)).contains(lasting("FORCED"));
		assertThat(this.store.tryAcquireLease(KEY, Duration.ofSeconds(15))).isPresent();
		assertThat(credential.get()).isEqualTo("FORCED");
		assertThat(this.events.events).containsExactly("fetch access_token", "fetch access_token", "hit access_token");
	}

	@Test
	void withNoRefreshMarginAValueIsUsedToItsLastMillisecond() {
		SharedCredential<String> credential = new SharedCredential<>(KEY, this.store, this::fetch, StoredValue::value,
				this.clock, CredentialPolicy.DEFAULT.withRefreshMargin(Duration.ZERO), this.events);
		this.answers.add(lasting("T1"));
		credential.get();
		this.clock.advance(LIFE.minusMillis(1));
		assertThat(credential.get()).isEqualTo("T1");
		this.clock.advance(Duration.ofMillis(1));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");
	}

	@Test
	void theJitterOfALongRefreshMarginIsAtMost30Seconds() {
		Duration margin = Duration.ofMinutes(10);
		SharedCredential<String> credential = new SharedCredential<>(KEY, this.store, this::fetch, StoredValue::value,
				this.clock, CredentialPolicy.DEFAULT.withRefreshMargin(margin), this.events);
		Instant now = this.clock.instant();
		this.answers.add(new StoredValue("T1", now, now.plus(Duration.ofHours(2))));
		credential.get();
		this.clock.advance(Duration.ofHours(2).minus(margin).minusMillis(1));
		assertThat(credential.get()).isEqualTo("T1");
		this.clock.advance(Duration.ofSeconds(30).plusMillis(1));
		this.answers.add(lasting("T2"));
		assertThat(credential.get()).isEqualTo("T2");
	}

	@Test
	void aFreshStoredValueIsAdoptedWithOneReadOfTheStore() {
		this.store.put(KEY, lasting("STORED"));
		CountingSharedStore counting = CountingSharedStore.unwatched(this.store);
		SharedCredential<String> credential = credential(counting, this.events);

		assertThat(credential.get()).isEqualTo("STORED");
		assertThat(counting.calls()).isOne();
	}

	@Test
	void anExpiredValueIsReplacedByTheOneAnotherInstanceStoredWithoutAWaitAndKeptInMemory() {
		CountingSharedStore polled = CountingSharedStore.unwatched(this.store);
		SharedCredential<String> credential = credential(polled, this.events);
		this.answers.add(lasting("T1"));
		credential.get();
		this.clock.advance(LIFE);
		// Another instance stores a new value; this one is not told.
		this.store.put(KEY, lasting("T2"));

		assertThat(credential.get()).isEqualTo("T2");
		polled.reset();
		assertThat(credential.get()).isEqualTo("T2");
		assertThat(polled.calls()).isZero();
		assertThat(this.events.events).containsExactly("fetch access_token", "hit access_token");
	}

	@Test
	void aStoreThatFailsIsPassedOverAndWechatAskedWithoutAWait() {
		FaultyStore faulty = new FaultyStore(this.store, new InMemoryTokenStore());
		faulty.fail();
		SharedCredential<String> credential = credential(faulty, this.events);
		this.answers.add(lasting("T1"));

		assertThat(credential.get()).isEqualTo("T1");
		assertThat(credential.get()).isEqualTo("T1");
		assertThat(this.events.events).containsExactly("fetch access_token", "hit access_token");
	}

	@Test
	void aStoreThatFailsWithAnExceptionOfItsOwnIsPassedOverToo() {
		SharedStore broken = new CountingSharedStore(this.store, KEY, () -> {
			throw new IllegalStateException("connection pool shut down");
		});
		SharedCredential<String> credential = credential(broken, this.events);
		this.answers.add(lasting("T1"));

		assertThat(credential.get()).isEqualTo("T1");
		assertThat(credential.refresh(() -> lasting("FORCED"))).isEqualTo("FORCED");
		assertThat(this.events.events).containsExactly("fetch access_token", "fetch access_token");
	}

	@Test
	void aStoreThatFailsWhileACallerPollsForAnotherInstanceIsPassedOver() {
		AtomicBoolean leaseTried = new AtomicBoolean();
		// Another instance holds the lease; then the store stops answering.
		SharedStore failing = new SharedStore() {

			@Override
			public Optional<StoredValue> get(String key) {
				if (leaseTried.get()) {
					throw new WechatTransportException("Test store could not connect: Connection refused");
				}
				return SharedCredentialTests.this.store.get(key);
			}

			@Override
			public void put(String key, StoredValue credential) {
				SharedCredentialTests.this.store.put(key, credential);
			}

			@Override
			public boolean remove(String key, String expectedValue) {
				return SharedCredentialTests.this.store.remove(key, expectedValue);
			}

			@Override
			public boolean replace(String key, String expectedValue, StoredValue newValue) {
				return SharedCredentialTests.this.store.replace(key, expectedValue, newValue);
			}

			@Override
			public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
				leaseTried.set(true);
				return Optional.empty();
			}

			@Override
			public void releaseLease(Lease lease) {
				SharedCredentialTests.this.store.releaseLease(lease);
			}

		};
		SharedCredential<String> credential = credential(failing, this.events);
		this.answers.add(lasting("T1"));

		assertThat(credential.get()).isEqualTo("T1");
		assertThat(this.events.events).hasSize(2).startsWith("fetch access_token");
		assertThat(this.events.events.get(1)).startsWith("wait access_token");
	}

	private SharedCredential<String> credential(CredentialListener listener) {
		return credential(this.store, listener);
	}

	private SharedCredential<String> credential(SharedStore store, CredentialListener listener) {
		return new SharedCredential<>(KEY, store, this::fetch, StoredValue::value, this.clock, CredentialPolicy.DEFAULT,
				listener);
	}

	private StoredValue fetch(@Nullable String rejected) {
		this.rejectedSeen.add(rejected);
		Object answer = this.answers.remove();
		if (answer instanceof WechatException failure) {
			throw failure;
		}
		return (StoredValue) answer;
	}

	private StoredValue lasting(String value) {
		Instant now = this.clock.instant();
		return new StoredValue(value, now, now.plus(LIFE));
	}

	private static WechatException failure(String message) {
		return new WechatApiException("cgi-bin/token", -1, message);
	}

}
