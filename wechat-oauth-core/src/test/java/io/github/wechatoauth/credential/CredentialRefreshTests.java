package io.github.wechatoauth.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the app access token is refreshed, judged by a clock the test moves: served from
 * memory while fresh, refreshed once ahead of expiry (the default margin is 5 minutes
 * less up to 30 s of jitter), refreshed before use once expired, and never waited for
 * longer than the policy allows.
 */
class CredentialRefreshTests {

	/** Safely before the earliest refresh: 5 minutes and a second before expiry. */
	private static final Duration FRESH = Duration.ofSeconds(7200 - 301);

	/** Safely inside the refresh margin, whatever the jitter: 200 s before expiry. */
	private static final Duration DUE = Duration.ofSeconds(7200 - 200);

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore memory = new InMemorySharedStore(this.clock);

	private final CountingSharedStore store = new CountingSharedStore(this.memory);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.sharedStore(this.store)
		.build();

	@Test
	void freshTokenIsServedFromMemoryWithoutAStoreCall() {
		stubTokensInTurn(7200);
		this.client.getClientAccessToken();
		this.store.reset();
		this.clock.advance(FRESH);

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		assertThat(this.store.calls()).isZero();
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void tokenInsideTheRefreshMarginIsRefreshedOnce() {
		stubTokensInTurn(7200);
		Instant storedAt = this.clock.instant();
		this.client.getClientAccessToken();
		this.clock.advance(DUE);

		ClientAccessToken refreshed = this.client.getClientAccessToken();
		ClientAccessToken again = this.client.getClientAccessToken();

		assertThat(refreshed.accessToken()).isEqualTo("APP_TOKEN_2");
		assertThat(refreshed.createdAt()).isEqualTo(storedAt.plus(DUE));
		assertThat(again).isEqualTo(refreshed);
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
		assertThat(this.memory.get(AppCredentials.ACCESS_TOKEN).orElseThrow().value()).isEqualTo("APP_TOKEN_2");
	}

	@Test
	void expiredTokenIsRefreshedBeforeUse() {
		stubTokensInTurn(7200);
		this.client.getClientAccessToken();
		this.clock.advance(Duration.ofSeconds(7200));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void failedRefreshAheadKeepsServingTheStillValidToken() {
		stubTokensInTurn(7200);
		this.client.getClientAccessToken();
		wechat.resetAll();
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(502)));
		this.clock.advance(DUE);

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void tokenAnotherInstanceRefreshedIsTakenFromTheStoreWithoutAFetch() {
		stubTokensInTurn(7200);
		this.client.getClientAccessToken();
		this.clock.advance(DUE);
		this.memory.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("APP_TOKEN_OTHER", this.clock.instant(), this.clock.instant().plusSeconds(7200)));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_OTHER");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void newInstanceServesTheStoredTokenWhileValidThoughItsRefreshFails() {
		// Another instance stored this token; it is inside its refresh margin, and WeChat
		// is failing. An instance that starts now must still serve it until it expires.
		Instant storedAt = this.clock.instant().minus(DUE);
		this.memory.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("APP_TOKEN_STORED", storedAt, storedAt.plusSeconds(7200)));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(502)));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_STORED");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void newInstanceTakesAFreshStoredTokenWithoutAFetch() {
		this.memory.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("APP_TOKEN_STORED", this.clock.instant(), this.clock.instant().plusSeconds(7200)));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_STORED");
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void shortLivedTokenIsRefreshedAtHalfItsLifeNotOnEveryCall() {
		// A token handed out near its end (stable_token does this) lives less than twice
		// the margin; it must not count as due from the start.
		stubTokensInTurn(300);
		this.client.getClientAccessToken();
		this.clock.advance(Duration.ofSeconds(149));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
	}

	@Test
	void waitForAnotherInstancesRefreshIsBounded() {
		WechatOAuthClient patient = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(this.memory)
			.credentialPolicy(CredentialPolicy.DEFAULT.withMaxWait(Duration.ofMillis(50)))
			.build();
		stubTokensInTurn(7200);
		// Another instance took the lease and has not stored a token yet.
		assertThat(this.memory.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofMinutes(1))).isPresent();

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(patient::getClientAccessToken)
			.withMessageContaining("for another instance to refresh access_token");
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void aWaiterThatIsInterruptedDoesNotHandItsFailureToTheNextCaller() throws Exception {
		CountDownLatch polling = new CountDownLatch(1);
		SharedStore signalling = new CountingSharedStore(this.memory, AppCredentials.ACCESS_TOKEN, polling::countDown);
		WechatOAuthClient patient = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(signalling)
			.credentialPolicy(CredentialPolicy.DEFAULT.withMaxWait(Duration.ofSeconds(1)))
			.build();
		// Another instance took the lease and has not stored a token yet.
		assertThat(this.memory.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofMinutes(1))).isPresent();
		AtomicReference<Exception> interrupted = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				patient.getClientAccessToken();
			}
			catch (WechatTransportException ex) {
				interrupted.set(ex);
			}
		});
		waiter.start();
		assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();
		waiter.interrupt();
		waiter.join(10_000);

		assertThat(interrupted.get()).hasMessageContaining("Interrupted");
		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(patient::getClientAccessToken)
			.withMessageContaining("for another instance to refresh access_token");
	}

	@Test
	void leaseOfAnInstanceThatDiedLapsesAndThisInstanceFetches() {
		stubTokensInTurn(7200);
		assertThat(this.memory.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofSeconds(15))).isPresent();
		this.clock.advance(Duration.ofSeconds(15));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
	}

	/** {@code stable_token} answers APP_TOKEN_1, then APP_TOKEN_2 ever after. */
	private static void stubTokensInTurn(long expiresIn) {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":" + expiresIn + "}"))
			.willSetStateTo("second"));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(json("{\"access_token\":\"APP_TOKEN_2\",\"expires_in\":" + expiresIn + "}")));
	}

}
