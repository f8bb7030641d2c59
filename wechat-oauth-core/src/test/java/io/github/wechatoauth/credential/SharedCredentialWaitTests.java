package io.github.wechatoauth.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SharedCredential}'s waits, with threads: a caller that joins another thread's
 * refresh, one that gives up on it or is interrupted, one whose leader was interrupted,
 * and a forced refresh that comes after the refresh in flight. Threads meet at latches
 * and thread states, with generous budgets; the clock stands still.
 */
class SharedCredentialWaitTests {

	private static final String KEY = "access_token";

	private static final Duration BUDGET = Duration.ofSeconds(20);

	private static final Duration LIFE = Duration.ofSeconds(7200);

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore store = new InMemorySharedStore(this.clock);

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final CredentialListener listener = new CredentialListener() {

		@Override
		public void onFetch(String kind) {
			SharedCredentialWaitTests.this.events.add("fetch");
		}

		@Override
		public void onWait(String kind, Duration waited) {
			SharedCredentialWaitTests.this.events.add("wait");
		}

		@Override
		public void onFailure(String kind, WechatException cause) {
			SharedCredentialWaitTests.this.events.add("failure " + cause.getMessage());
		}

	};

	private final CountDownLatch fetching = new CountDownLatch(1);

	/** What the fetch that {@link #fetching} tells of answers, once the test says. */
	private final CompletableFuture<StoredValue> answer = new CompletableFuture<>();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicReference<@Nullable Thread> leaderThread = new AtomicReference<>();

	private final AtomicReference<@Nullable Thread> joinerThread = new AtomicReference<>();

	private final CapturedLogs logs = CapturedLogs.of(SharedCredential.class.getName());

	@AfterEach
	void stopThreads() {
		this.answer.completeExceptionally(new IllegalStateException("test over"));
		this.executor.shutdownNow();
		this.logs.close();
	}

	@Test
	void aCallerGivesUpOnAnotherThreadsRefreshAfterTheMaximumWait() throws Exception {
		SharedCredential<String> credential = credential(this.store, Duration.ofMillis(1));
		Future<String> leader = this.executor.submit(credential::get);
		assertThat(this.fetching.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(credential::get)
			.withMessage("Waited PT0.001S for another thread to refresh access_token");
		assertThat(this.events).containsExactly("failure Waited PT0.001S for another thread to refresh access_token",
				"wait");

		this.answer.complete(lasting("T1"));
		assertThat(leader.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("T1");
		assertThat(credential.get()).isEqualTo("T1");
	}

	@Test
	void aCallerThatJoinedAFailedRefreshGetsItsFailure() throws Exception {
		SharedCredential<String> credential = credential(this.store, CredentialPolicy.DEFAULT.maxWait());
		Future<String> leader = this.executor.submit(credential::get);
		assertThat(this.fetching.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		Future<String> joiner = this.executor.submit(() -> joining(credential::get));
		awaitWaiting(joinerThread());

		WechatException busy = new WechatApiException("cgi-bin/token", -1, "busy");
		this.answer.completeExceptionally(busy);

		assertThat(failureOf(leader)).isSameAs(busy);
		assertThat(failureOf(joiner)).isSameAs(busy);
		assertThat(this.events).containsExactlyInAnyOrder("failure " + busy.getMessage(), "wait");
	}

	@Test
	void anInterruptedJoinerStopsWaitingAndLeavesTheRefreshToItsLeader() throws Exception {
		SharedCredential<String> credential = credential(this.store, CredentialPolicy.DEFAULT.maxWait());
		Future<String> leader = this.executor.submit(credential::get);
		assertThat(this.fetching.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		AtomicReference<@Nullable Boolean> stillInterrupted = new AtomicReference<>();
		Future<String> joiner = this.executor.submit(() -> joining(notingInterrupt(credential::get, stillInterrupted)));
		Thread joining = joinerThread();
		awaitWaiting(joining);

		joining.interrupt();
		assertThat(failureOf(joiner)).isInstanceOf(WechatTransportException.class)
			.hasMessage("Interrupted while waiting for access_token");
		assertThat(stillInterrupted.get()).isTrue();

		this.answer.complete(lasting("T1"));
		assertThat(leader.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("T1");
		assertThat(credential.get()).isEqualTo("T1");
	}

	@Test
	void aJoinerWhoseLeaderWasInterruptedWaitsForTheStoreItself() throws Exception {
		Lease other = this.store.tryAcquireLease(KEY, Duration.ofMinutes(1)).orElseThrow();
		SharedCredential<String> credential = credential(this.store, CredentialPolicy.DEFAULT.maxWait());
		AtomicReference<@Nullable Boolean> stillInterrupted = new AtomicReference<>();
		Future<String> leader = this.executor.submit(() -> leading(notingInterrupt(credential::get, stillInterrupted)));
		Thread leading = awaitLeader();
		awaitWaiting(leading);
		Future<String> joiner = this.executor.submit(() -> joining(credential::get));
		awaitWaiting(joinerThread());

		leading.interrupt();
		assertThat(failureOf(leader)).isInstanceOf(WechatTransportException.class)
			.hasMessage("Interrupted while waiting for a credential refresh");
		assertThat(stillInterrupted.get()).isTrue();
		// The joiner leads now, and waits for the other instance as its leader did.
		awaitWaiting(joinerThread());
		assertThat(joiner).isNotDone();

		this.store.put(KEY, lasting("OTHER"));
		assertThat(joiner.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("OTHER");
		assertThat(this.events).doesNotContain("fetch").noneMatch((event) -> event.startsWith("failure"));
		this.store.releaseLease(other);
	}

	@Test
	void aCallerWaitingForAnotherInstanceWaitsForTheStoresWordWithoutSpinning() throws Exception {
		assertWaitsWithoutSpinning(this.store);
	}

	@Test
	void aCallerWaitingForAnotherInstanceOnAPolledStorePausesBetweenPolls() throws Exception {
		assertWaitsWithoutSpinning(CountingSharedStore.unwatched(this.store));
	}

	@Test
	void aForcedRefreshComesAfterTheRefreshInFlightEvenIfThatOneFails() throws Exception {
		ForcedBehind flight = forceBehindARefreshInFlight();
		awaitWaiting(joinerThread());

		WechatException busy = new WechatApiException("cgi-bin/token", -1, "busy");
		this.answer.completeExceptionally(busy);

		assertThat(failureOf(flight.leader())).isSameAs(busy);
		assertThat(flight.forced().get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("FORCED");
		assertThat(flight.credential().get()).isEqualTo("FORCED");
		assertThat(this.store.get(KEY)).contains(lasting("FORCED"));
	}

	@Test
	void aForcedRefreshInterruptedWhileTheRefreshInFlightRunsStops() throws Exception {
		ForcedBehind flight = forceBehindARefreshInFlight();
		Thread forcing = joinerThread();
		awaitWaiting(forcing);

		forcing.interrupt();
		assertThat(failureOf(flight.forced())).isInstanceOf(WechatTransportException.class)
			.hasMessage("Interrupted while waiting for access_token");

		this.answer.complete(lasting("T1"));
		assertThat(flight.leader().get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("T1");
		assertThat(flight.credential().get()).isEqualTo("T1");
	}

	/**
	 * Starts a refresh that waits for WeChat's answer, then a forced refresh of
	 * {@code FORCED} behind it.
	 */
	private ForcedBehind forceBehindARefreshInFlight() throws Exception {
		SharedCredential<String> credential = credential(this.store, CredentialPolicy.DEFAULT.maxWait());
		Future<String> leader = this.executor.submit(credential::get);
		assertThat(this.fetching.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		Future<String> forced = this.executor.submit(() -> joining(() -> credential.refresh(() -> lasting("FORCED"))));
		return new ForcedBehind(credential, leader, forced);
	}

	/**
	 * A credential, the call that leads its refresh, and the forced refresh behind it.
	 */
	private record ForcedBehind(SharedCredential<String> credential, Future<String> leader, Future<String> forced) {
	}

	private void assertWaitsWithoutSpinning(SharedStore shared) throws Exception {
		Lease other = this.store.tryAcquireLease(KEY, Duration.ofMinutes(1)).orElseThrow();
		SharedCredential<String> credential = credential(shared, CredentialPolicy.DEFAULT.maxWait());
		Future<String> leader = this.executor.submit(() -> leading(credential::get));

		awaitWaiting(awaitLeader());

		this.store.put(KEY, lasting("OTHER"));
		assertThat(leader.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("OTHER");
		assertThat(this.events).containsExactly("wait");
		this.store.releaseLease(other);
	}

	private <T> T leading(Callable<T> call) throws Exception {
		this.leaderThread.set(Thread.currentThread());
		return call.call();
	}

	private <T> T joining(Callable<T> call) throws Exception {
		this.joinerThread.set(Thread.currentThread());
		return call.call();
	}

	/** Notes whether the thread that made a call is still interrupted after it. */
	private static <T> Callable<T> notingInterrupt(Callable<T> call, AtomicReference<@Nullable Boolean> interrupted) {
		return () -> {
			try {
				return call.call();
			}
			finally {
				interrupted.set(Thread.currentThread().isInterrupted());
			}
		};
	}

	private Thread awaitLeader() {
		return awaitThread(this.leaderThread);
	}

	private Thread joinerThread() {
		return awaitThread(this.joinerThread);
	}

	private static Thread awaitThread(AtomicReference<@Nullable Thread> thread) {
		long giveUp = System.nanoTime() + BUDGET.toNanos();
		while (thread.get() == null && System.nanoTime() - giveUp < 0) {
			Thread.onSpinWait();
		}
		Thread started = thread.get();
		assertThat(started).as("the thread started").isNotNull();
		return started;
	}

	/**
	 * Waits until a thread waits with a time-out: the only waits on a caller's way are
	 * the one for a refresh in flight and the one for the store's word (or its next
	 * poll).
	 */
	private static void awaitWaiting(Thread thread) {
		long giveUp = System.nanoTime() + BUDGET.toNanos();
		while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - giveUp < 0) {
			Thread.onSpinWait();
		}
		assertThat(thread.getState()).as("the state of " + thread.getName()).isEqualTo(Thread.State.TIMED_WAITING);
	}

	private static Throwable failureOf(Future<?> call) throws Exception {
		try {
			call.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the call did not fail");
	}

	private SharedCredential<String> credential(SharedStore shared, Duration maxWait) {
		return new SharedCredential<>(KEY, shared, this::fetch, StoredValue::value, this.clock,
				CredentialPolicy.DEFAULT.withMaxWait(maxWait), this.listener);
	}

	private StoredValue fetch(@Nullable String rejected) {
		this.fetching.countDown();
		try {
			return this.answer.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (RuntimeException) ex.getCause();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private StoredValue lasting(String value) {
		Instant now = this.clock.instant();
		return new StoredValue(value, now, now.plus(LIFE));
	}

}
