package io.github.wechatoauth.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callers that joined an instance's refresh wake on the store's word of a value
 * another instance stored, even while the refresh's leader is still busy (here: held
 * inside its lease attempt), rather than one after the other behind it.
 */
class PutWakesJoinersTests {

	private static final Duration BUDGET = Duration.ofSeconds(20);

	private static final int JOINERS = 3;

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ExecutorService executor = Executors.newFixedThreadPool(JOINERS + 1);

	private final InMemorySharedStore memory = new InMemorySharedStore();

	private final CountDownLatch leaderInLease = new CountDownLatch(1);

	private final CountDownLatch releaseLeader = new CountDownLatch(1);

	@AfterEach
	void stopThreads() {
		this.releaseLeader.countDown();
		this.executor.shutdownNow();
	}

	@Test
	void joinersWakeOnAnotherInstancesPutWhileTheirLeaderIsBusy() throws Exception {
		CountingSharedStore store = new CountingSharedStore(this.memory, AppCredentials.ACCESS_TOKEN, () -> {
			this.leaderInLease.countDown();
			try {
				this.releaseLeader.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		WechatOAuthClient client = WechatStub.clientBuilder(wechat)
			.sharedStore(store)
			.storeTimeout(BUDGET.multipliedBy(2))
			.build();

		Future<ClientAccessToken> leader = this.executor.submit(() -> client.getClientAccessToken());
		assertThat(this.leaderInLease.await(BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		// The leader's read, its lease attempt, and one read of each joiner before it
		// joins.
		int joined = store.calls() + JOINERS;
		List<Future<ClientAccessToken>> joiners = new ArrayList<>();
		for (int i = 0; i < JOINERS; i++) {
			joiners.add(this.executor.submit(() -> client.getClientAccessToken()));
		}
		long giveUp = System.nanoTime() + BUDGET.toNanos();
		while (store.calls() < joined && System.nanoTime() - giveUp < 0) {
			Thread.onSpinWait();
		}

		// Another instance stores the token it fetched.
		Instant now = Instant.now();
		this.memory.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("OTHER_INSTANCE_TOKEN", now, now.plusSeconds(7200)));

		for (Future<ClientAccessToken> joiner : joiners) {
			assertThat(joiner.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS).accessToken())
				.isEqualTo("OTHER_INSTANCE_TOKEN");
		}
		assertThat(leader).isNotDone();
		this.releaseLeader.countDown();
		assertThat(leader.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS).accessToken())
			.isEqualTo("OTHER_INSTANCE_TOKEN");
	}

}
