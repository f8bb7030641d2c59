package io.github.wechatoauth.credential;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a {@link CredentialListener} hears: a fetch per value fetched, a cache hit per
 * call served from memory, a wait per caller that waited, one invalidation per rejected
 * value and one failure per failed refresh, each with the credential's kind; and a
 * listener that throws breaks nothing.
 */
class CredentialListenerTests {

	private static final String TOKEN_ANSWER = "{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore memory = new InMemorySharedStore(this.clock);

	private final CountingSharedStore store = CountingSharedStore.unwatched(this.memory);

	private final RecordingListener events = new RecordingListener();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.sharedStore(this.store)
		.credentialListener(this.events)
		.build();

	@Test
	void callsServedFromMemoryAreCacheHitsWithoutAStoreCall() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));
		this.client.getClientAccessToken();
		assertThat(this.events.counts()).containsOnly(Map.entry("fetch:access_token", 1));
		this.store.reset();

		for (int i = 0; i < 5; i++) {
			this.client.getClientAccessToken();
		}

		assertThat(this.events.counts()).containsOnly(Map.entry("fetch:access_token", 1),
				Map.entry("hit:access_token", 5));
		assertThat(this.store.calls()).isZero();
	}

	@Test
	void anAddedListenerHearsAlongsideTheOneSetBefore() {
		RecordingListener added = new RecordingListener();
		WechatOAuthClient both = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(this.memory)
			.credentialListener(this.events)
			.addCredentialListener(added)
			.build();
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));

		both.getClientAccessToken();

		assertThat(this.events.counts()).containsOnly(Map.entry("fetch:access_token", 1));
		assertThat(added.counts()).containsOnly(Map.entry("fetch:access_token", 1));
	}

	@Test
	void aCacheHitAllocatesNothing() {
		AtomicInteger hits = new AtomicInteger();
		WechatOAuthClient counted = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(this.memory)
			.credentialListener(new CredentialListener() {

				@Override
				public void onCacheHit(String kind) {
					hits.incrementAndGet();
				}

			})
			.build();
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));
		ClientAccessToken first = counted.getClientAccessToken();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "a JVM that counts allocated bytes");
		com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
		long thread = Thread.currentThread().getId();
		for (int i = 0; i < 1000; i++) {
			assertThat(counted.getClientAccessToken()).isSameAs(first);
		}

		long before = allocations.getThreadAllocatedBytes(thread);
		ClientAccessToken last = null;
		for (int i = 0; i < 100_000; i++) {
			last = counted.getClientAccessToken();
		}
		long allocated = allocations.getThreadAllocatedBytes(thread) - before;

		assertThat(last).isSameAs(first);
		assertThat(hits).hasValue(101_000);
		// 100,000 hits that each made one small object would take megabytes.
		assertThat(allocated).as("bytes allocated by 100,000 cache hits").isLessThan(64 * 1024);
	}

	@Test
	void aValueAdoptedFromTheStoreIsNoCacheHitButLaterCallsAre() {
		this.memory.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("APP_TOKEN_STORED", this.clock.instant(), this.clock.instant().plusSeconds(7200)));

		this.client.getClientAccessToken();
		assertThat(this.events.counts()).isEmpty();
		this.client.getClientAccessToken();

		assertThat(this.events.counts()).containsOnly(Map.entry("hit:access_token", 1));
	}

	@Test
	void signingAPageTellsBothKinds() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket"))
			.willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"TICKET\",\"expires_in\":7200}")));

		this.client.jsSdkSign("https://example.com/page");
		this.client.jsSdkSign("https://example.com/page");

		assertThat(this.events.counts()).containsOnly(Map.entry("fetch:access_token", 1),
				Map.entry("fetch:jsapi_ticket", 1), Map.entry("hit:jsapi_ticket", 1));
	}

	@Test
	void aCallerThatWaitsInVainForAnotherInstanceIsOneWaitAndOneFailure() {
		WechatOAuthClient patient = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(this.memory)
			.credentialPolicy(CredentialPolicy.DEFAULT.withMaxWait(Duration.ofMillis(50)))
			.credentialListener(this.events)
			.build();
		assertThat(this.memory.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofMinutes(1))).isPresent();

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(patient::getClientAccessToken);

		assertThat(this.events.counts()).containsOnly(Map.entry("wait:access_token", 1),
				Map.entry("failure:access_token", 1));
		assertThat(this.events.waits).singleElement()
			.satisfies((waited) -> assertThat(waited).isPositive().isLessThan(Duration.ofSeconds(5)));
		assertThat(this.events.failures).singleElement()
			.satisfies((cause) -> assertThat(cause).hasMessageContaining("for another instance to refresh"));
	}

	@Test
	void aRejectedTokenIsOneInvalidationHoweverOftenItIsReported() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));
		wechat.stubFor(
				post(urlPathEqualTo("/cgi-bin/qrcode/create")).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
					.willReturn(error(40001, "invalid credential")));
		this.client.getClientAccessToken();

		assertThatExceptionOfType(WechatException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.permanent(1)));

		// Rejected, invalidated, fetched again (the same token), rejected again.
		assertThat(this.events.counts()).containsEntry("invalidation:access_token", 1)
			.containsEntry("fetch:access_token", 2);
	}

	@Test
	void aTokenAnotherInstanceHasReplacedIsDroppedFromMemoryOnlyAndTheStoredOneIsUsed() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(TOKEN_ANSWER))
			.willSetStateTo("second"));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(json("{\"access_token\":\"APP_TOKEN_2\",\"expires_in\":7200}")));
		wechat.stubFor(
				post(urlPathEqualTo("/cgi-bin/qrcode/create")).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
					.willReturn(error(40001, "invalid credential")));
		wechat.stubFor(
				post(urlPathEqualTo("/cgi-bin/qrcode/create")).withQueryParam("access_token", equalTo("APP_TOKEN_2"))
					.willReturn(json("{\"ticket\":\"TICKET_1\",\"url\":\"http://weixin.qq.com/q/1\"}")));
		RecordingListener otherEvents = new RecordingListener();
		WechatOAuthClient other = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(CountingSharedStore.unwatched(this.memory))
			.credentialListener(otherEvents)
			.build();
		this.client.getClientAccessToken();
		other.getClientAccessToken();
		// The other instance is told first: it invalidates APP_TOKEN_1 and stores
		// APP_TOKEN_2.
		other.createQrCode(QrCodeRequest.permanent(1));
		assertThat(otherEvents.counts()).containsEntry("invalidation:access_token", 1)
			.containsEntry("fetch:access_token", 1);

		this.client.createQrCode(QrCodeRequest.permanent(1));

		// This one drops APP_TOKEN_1 from its memory, leaves the store's APP_TOKEN_2
		// alone
		// and uses it: no fetch.
		assertThat(this.events.counts()).containsEntry("invalidation:access_token", 1)
			.containsEntry("fetch:access_token", 1);
		assertThat(this.memory.get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value).contains("APP_TOKEN_2");
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void aFailedRefreshIsOneFailureThoughEveryCallerOfTheSecondGetsIt() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(502)));

		WechatTransportException first = catchTransport();
		WechatTransportException second = catchTransport();

		assertThat(second).isSameAs(first);
		assertThat(this.events.counts()).containsOnly(Map.entry("failure:access_token", 1));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));

		this.clock.advance(Duration.ofSeconds(1));
		catchTransport();
		assertThat(this.events.counts()).containsOnly(Map.entry("failure:access_token", 2));
	}

	@Test
	void aFailedRefreshAheadOfExpiryIsAFailureWhileTheValueStaysInUse() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));
		this.client.getClientAccessToken();
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(502)));
		this.clock.advance(Duration.ofSeconds(7200 - 200));

		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");

		assertThat(this.events.counts()).containsOnly(Map.entry("fetch:access_token", 1),
				Map.entry("failure:access_token", 1), Map.entry("hit:access_token", 1));
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void aListenerThatThrowsBreaksNothing() {
		AtomicInteger calls = new AtomicInteger();
		CredentialListener broken = new CredentialListener() {

			@Override
			public void onCacheHit(String kind) {
				calls.incrementAndGet();
				throw new IllegalStateException("broken listener");
			}

			@Override
			public void onFetch(String kind) {
				calls.incrementAndGet();
				throw new IllegalStateException("broken listener");
			}

		};
		WechatOAuthClient client = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(this.memory)
			.credentialListener(broken)
			.build();
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json(TOKEN_ANSWER)));

		assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		assertThat(calls).hasValue(2);
	}

	@Test
	void theDefaultListenerDoesNothing() {
		CredentialListener none = CredentialListener.NONE;
		none.onCacheHit("access_token");
		none.onFetch("access_token");
		none.onWait("access_token", Duration.ofSeconds(1));
		none.onInvalidation("access_token");
		none.onFailure("access_token", new WechatTransportException("down"));
		assertThat(none).isNotNull();
	}

	private WechatTransportException catchTransport() {
		try {
			this.client.getClientAccessToken();
		}
		catch (WechatTransportException ex) {
			return ex;
		}
		throw new AssertionError("expected a WechatTransportException");
	}

	/** Counts events by "event:kind", and keeps the waits and failures. */
	static final class RecordingListener implements CredentialListener {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		final List<Duration> waits = new CopyOnWriteArrayList<>();

		final List<WechatException> failures = new CopyOnWriteArrayList<>();

		@Override
		public void onCacheHit(String kind) {
			count("hit", kind);
		}

		@Override
		public void onFetch(String kind) {
			count("fetch", kind);
		}

		@Override
		public void onWait(String kind, Duration waited) {
			count("wait", kind);
			this.waits.add(waited);
		}

		@Override
		public void onInvalidation(String kind) {
			count("invalidation", kind);
		}

		@Override
		public void onFailure(String kind, WechatException cause) {
			count("failure", kind);
			this.failures.add(cause);
		}

		Map<String, Integer> counts() {
			Map<String, Integer> counts = new ConcurrentHashMap<>();
			this.counts.forEach((event, count) -> counts.put(event, count.get()));
			return counts;
		}

		private void count(String event, String kind) {
			this.counts.computeIfAbsent(event + ":" + kind, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

}
