package io.github.wechatoauth.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.FaultyStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A {@link BoundedSharedStore} (and {@link BoundedTokenStore}) ends every call within its
 * budget however the store behind it behaves, then skips the store until a probe, spaced
 * by the clock, succeeds; it says so once when the store goes and once when it is back.
 * The waits asserted here are I/O-like (a hanging call), so their ceiling is generous.
 */
class BoundedSharedStoreTests {

	private static final Duration BUDGET = Duration.ofMillis(200);

	/** Far above the budget, for a busy machine; a hang would take a minute. */
	private static final Duration CEILING = Duration.ofSeconds(10);

	private final MutableClock clock = MutableClock.startingAt2026();

	private final FaultyStore faulty = new FaultyStore(new InMemorySharedStore(this.clock),
			new InMemoryTokenStore(this.clock));

	private final Events events = new Events();

	private final SharedStore store = BoundedSharedStore.of(this.faulty, BUDGET, this.clock, this.events);

	private final CapturedLogs logs = CapturedLogs.of("io.github.wechatoauth.store");

	@AfterEach
	void heal() {
		this.faulty.heal();
		this.logs.close();
	}

	@Test
	void aCallTheStoreNeverAnswersEndsWithinTheBudget() {
		this.faulty.hang();

		long started = System.nanoTime();
		WechatTransportException failure = catchThrowableOfType(WechatTransportException.class,
				() -> this.store.get("access_token"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CEILING);
		assertThat(failure).hasMessageContaining("did not read access_token within PT0.2S");
		assertThat(((BoundedSharedStore) this.store).isAvailable()).isFalse();
	}

	@Test
	void aStoreTakenAsDownIsNotAskedAgainUntilAProbeIsDue() {
		this.faulty.fail();
		catchThrowableOfType(WechatTransportException.class, () -> this.store.get("access_token"));
		int reached = this.faulty.calls();

		for (int i = 0; i < 100; i++) {
			WechatTransportException failure = catchThrowableOfType(WechatTransportException.class,
					() -> this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)));
			assertThat(failure).hasMessageContaining("is taken as down since")
				.hasMessageContaining("Connection refused");
		}
		assertThat(this.faulty.calls()).as("calls that reached the store").isEqualTo(reached);

		// A probe every 5 s of the clock, one caller at a time: still down.
		this.clock.advance(StoreCircuit.PROBE_INTERVAL);
		catchThrowableOfType(WechatTransportException.class, () -> this.store.get("access_token"));
		catchThrowableOfType(WechatTransportException.class, () -> this.store.get("access_token"));
		assertThat(this.faulty.calls()).isEqualTo(reached + 1);

		// Back: the next probe succeeds and the store is used again.
		this.faulty.heal();
		this.clock.advance(StoreCircuit.PROBE_INTERVAL);
		assertThat(this.store.get("access_token")).isEmpty();
		this.store.put("access_token", value("APP_TOKEN_1"));
		assertThat(this.store.get("access_token")).map(StoredValue::value).contains("APP_TOKEN_1");
		assertThat(((BoundedSharedStore) this.store).isAvailable()).isTrue();
	}

	@Test
	void oneWarnWhenTheStoreGoesAndOneInfoWhenItIsBackHowEverManyCallsFail() {
		this.faulty.fail();
		for (int probe = 0; probe < 5; probe++) {
			for (int i = 0; i < 20; i++) {
				catchThrowableOfType(WechatTransportException.class, () -> this.store.get("access_token"));
			}
			this.clock.advance(StoreCircuit.PROBE_INTERVAL);
		}
		this.faulty.heal();
		this.store.get("access_token");
		this.store.get("access_token");

		assertThat(this.logs.at(Level.WARN)).singleElement()
			.asString()
			.contains("The shared store FaultyStore failed (Test store could not connect: Connection refused)",
					"Going on without it until it answers again",
					"each instance fetches the app credentials from WeChat");
		assertThat(this.logs.at(Level.INFO)).singleElement()
			.asString()
			.contains("The shared store FaultyStore answers again, after PT25S taken as down");
		assertThat(this.events.list).containsExactly("down shared store", "up shared store PT25S");
	}

	@Test
	void theTokenStoreIsBoundedTooWithACircuitOfItsOwn() {
		TokenStore tokens = BoundedTokenStore.of(this.faulty, BUDGET, this.clock, this.events);
		this.faulty.hang();

		long started = System.nanoTime();
		WechatTransportException failure = catchThrowableOfType(WechatTransportException.class,
				() -> tokens.getToken("o-user"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CEILING);
		assertThat(failure).hasMessageContaining("The token store FaultyStore did not read a user token within PT0.2S");
		assertThat(this.events.list).containsExactly("down token store");
		assertThat(((BoundedTokenStore) tokens).isAvailable()).isFalse();
	}

	@Test
	void storesInMemoryAndStoresBoundedAlreadyAreNotWrapped() {
		InMemorySharedStore memory = new InMemorySharedStore(this.clock);
		InMemoryTokenStore tokens = new InMemoryTokenStore(this.clock);

		assertThat(BoundedSharedStore.of(memory, BUDGET, this.clock, StoreListener.NONE)).isSameAs(memory);
		assertThat(BoundedSharedStore.of(this.store, BUDGET, this.clock, StoreListener.NONE)).isSameAs(this.store);
		assertThat(BoundedTokenStore.of(tokens, BUDGET, this.clock, StoreListener.NONE)).isSameAs(tokens);
		TokenStore bounded = BoundedTokenStore.of(this.faulty, BUDGET, this.clock, StoreListener.NONE);
		assertThat(BoundedTokenStore.of(bounded, BUDGET, this.clock, StoreListener.NONE)).isSameAs(bounded);
		assertThat(this.store).hasToString("BoundedSharedStore[" + this.faulty + ", timeout=PT0.2S]");
	}

	@Test
	void everyCallOfTheSpiGoesThroughTheBudget() {
		StoredValue value = value("QR_PENDING");
		this.store.put("qr-login:1", value);
		assertThat(this.store.replace("qr-login:1", "QR_PENDING", value("QR_CONFIRMED"))).isTrue();
		assertThat(this.store.replace("qr-login:1", "QR_PENDING", value("QR_OTHER"))).isFalse();
		assertThat(this.store.remove("qr-login:1", "QR_CONFIRMED")).isTrue();
		Lease lease = this.store.tryAcquireLease("access_token", Duration.ofSeconds(15)).orElseThrow();
		this.store.releaseLease(lease);
		assertThat(this.faulty.calls()).isEqualTo(6);
		this.faulty.fail();
		for (Runnable call : List.<Runnable>of(() -> this.store.put("k", value), () -> this.store.remove("k", "v"),
				() -> this.store.replace("k", "v", value), () -> this.store.releaseLease(lease))) {
			assertThat(catchThrowableOfType(WechatTransportException.class, call::run)).isNotNull();
		}
	}

	private StoredValue value(String value) {
		return new StoredValue(value, this.clock.instant(), this.clock.instant().plusSeconds(7200));
	}

	/** The store events heard. */
	static final class Events implements StoreListener {

		final List<String> list = new ArrayList<>();

		@Override
		public synchronized void onStoreUnavailable(String store, WechatException cause) {
			this.list.add("down " + store);
		}

		@Override
		public synchronized void onStoreAvailable(String store, Duration unavailableFor) {
			this.list.add("up " + store + " " + unavailableFor);
		}

	}

}
