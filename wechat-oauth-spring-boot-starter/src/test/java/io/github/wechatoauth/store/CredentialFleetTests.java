package io.github.wechatoauth.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.ClientAccessToken;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.BusyRetry;
import io.github.wechatoauth.jssdk.JsSdkSignature;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.qrcode.QrCodeTicket;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances of an application, each a {@link WechatOAuthClient} with its own
 * near-cache, sharing one {@link SharedStore}, against a WireMock WeChat and a clock the
 * test moves: the fleet fetches the access token and the ticket once per expiry,
 * refreshes a rejected token once (for the SDK's own calls and for generic {@code api()}
 * calls), forces a refresh once among concurrent asks and within its daily budget,
 * survives a refreshing instance that dies, and keeps serving a still-valid token while
 * WeChat is down. Each backend extends this class.
 * <p>
 * Nothing here sleeps or times itself: threads run a fixed number of calls per phase, the
 * clock moves between phases, and waits are measured on the clock.
 */
public abstract class CredentialFleetTests {

	/** Concurrent calls of the fleet: 32 threads on each of 4 instances. */
	private static final int FLEET_THREADS = 128;

	private static final int ROUNDS = 20;

	private static final long LIFETIME_SECONDS = 7200;

	private static final String SECRET = "APPSECRET0ddba11c0ffee5ecret";

	private static final String PAGE = "https://example.com/page";

	private final Issuer issuer = new Issuer();

	private final Gate gate = new Gate();

	@RegisterExtension
	final WireMockExtension wechat = WireMockExtension.newInstance()
		.options(
				wireMockConfig().dynamicPort().containerThreads(FLEET_THREADS + 100).extensions(this.issuer, this.gate))
		.build();

	protected final MutableClock clock = new MutableClock();

	private final String appId = TestServices.randomAppId();

	private final ExecutorService executor = Executors.newFixedThreadPool(FLEET_THREADS);

	/**
	 * Returns a store of an appid on the backend under test, as another instance would
	 * have it: stores of one appid share their credentials and leases.
	 */
	protected abstract SharedStore createStore(String appId, Clock clock);

	/**
	 * Returns how many instances share a store: 4, or 1 where a store is the memory of
	 * one process.
	 */
	protected int instances() {
		return 4;
	}

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void theFleetFetchesTheTokenAndTheTicketOncePerExpiry() throws Exception {
		stubIssuedCredentials();
		// Values an earlier instance fetched, an hour before they expire.
		Instant start = this.clock.instant();
		SharedStore seed = createStore(this.appId, this.clock);
		seed.put(AppCredentials.ACCESS_TOKEN, credential("APP_TOKEN_0", start.minusSeconds(3600), 7200));
		seed.put(AppCredentials.JSAPI_TICKET, credential("TICKET_0", start.minusSeconds(3600), 7200));
		List<CountingSharedStore> stores = stores(() -> {
		});
		List<WechatOAuthClient> fleet = clients(stores, CredentialPolicy.DEFAULT.withMaxWait(Duration.ofSeconds(30)));

		// Warm-up: each instance takes the stored values; nobody fetches.
		Served warm = runPhase(fleet);
		assertFetches(0, 0);
		assertThat(warm.tokens()).containsOnly("APP_TOKEN_0");
		assertThat(warm.tickets()).containsOnly("TICKET_0");

		// While fresh, the values are served from each instance's memory alone.
		stores.forEach(CountingSharedStore::reset);
		runPhase(fleet);
		assertThat(stores).allSatisfy((store) -> assertThat(store.calls()).as("store calls").isZero());
		assertFetches(0, 0);

		// 1. Into the refresh margin: one instance refreshes, all keep serving meanwhile.
		moveClockTo(start.plusSeconds(3600 - 200));
		Served ahead = runPhase(fleet);
		assertFetches(1, 1);
		assertThat(ahead.tokens()).contains("APP_TOKEN_1").isSubsetOf("APP_TOKEN_0", "APP_TOKEN_1");
		assertThat(ahead.tickets()).contains("TICKET_1").isSubsetOf("TICKET_0", "TICKET_1");

		// 2. Past the expiry of what was refreshed: every instance waits for one fetch.
		moveClockTo(this.clock.instant().plusSeconds(LIFETIME_SECONDS + 1));
		Served expired = runPhase(fleet);
		assertFetches(1, 1);
		assertThat(expired.tokens()).containsOnly("APP_TOKEN_2");
		assertThat(expired.tickets()).containsOnly("TICKET_2");

		// 3. Hours after that expiry, as after a quiet night.
		moveClockTo(this.clock.instant().plusSeconds(LIFETIME_SECONDS + 3 * 3600));
		Served later = runPhase(fleet);
		assertFetches(1, 1);
		assertThat(later.tokens()).containsOnly("APP_TOKEN_3");
		assertThat(later.tickets()).containsOnly("TICKET_3");

		assertThat(this.issuer.tokens).as("token fetches in all").hasValue(3);
		assertThat(this.issuer.tickets).as("ticket fetches in all").hasValue(3);
		assertThat(seed.get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value).contains("APP_TOKEN_3");
	}

	@Test
	void aStormOf40001RefreshesOnceAndRetriesEachCallOnce() throws Exception {
		List<Object> tickets = stormOf40001(RequestMethod.POST, "/cgi-bin/qrcode/create",
				"{\"ticket\":\"gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3Zh\","
						+ "\"expire_seconds\":60,\"url\":\"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI\"}",
				(instance, call) -> instance.createQrCode(QrCodeRequest.temporary(call + 1, Duration.ofMinutes(1))));

		assertThat(tickets).allSatisfy((ticket) -> assertThat(((QrCodeTicket) ticket).expireSeconds()).isEqualTo(60));
	}

	@Test
	void aStormOf40001OnAGenericCallRefreshesOnceAndRetriesEachCallOnce() throws Exception {
		List<Object> answers = stormOf40001(RequestMethod.GET, "/cgi-bin/tags/get",
				"{\"tags\":[{\"id\":127,\"name\":\"广东\",\"count\":5}]}",
				(instance, call) -> instance.api().get("/cgi-bin/tags/get", Map.of()));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer)
			.isEqualTo(Map.of("tags", List.of(Map.of("id", 127, "name", "广东", "count", 5)))));
	}

	/**
	 * Has WeChat reject the stored token on every call of the fleet at once, each call
	 * getting the rejection before any is answered, and checks that the fleet fetches one
	 * new token and retries each call once with it.
	 */
	private List<Object> stormOf40001(RequestMethod method, String path, String answer,
			BiFunction<WechatOAuthClient, Integer, Object> call) throws Exception {
		stubIssuedCredentials();
		Instant now = this.clock.instant();
		createStore(this.appId, this.clock).put(AppCredentials.ACCESS_TOKEN,
				credential("APP_TOKEN_REJECTED", now, LIFETIME_SECONDS));
		List<WechatOAuthClient> fleet = clients(stores(() -> {
		}), CredentialPolicy.DEFAULT);
		fleet.forEach(WechatOAuthClient::getClientAccessToken);
		// Every call meets the rejection: WeChat answers none before all have asked.
		this.gate.expect(FLEET_THREADS);
		this.wechat.stubFor(request(method.getName(), urlPathEqualTo(path))
			.withQueryParam("access_token", equalTo("APP_TOKEN_REJECTED"))
			.willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not "
					+ "latest rid: 6565a1b2-0c0ffee\"}")
				.withTransformers(Gate.NAME)));
		this.wechat.stubFor(
				request(method.getName(), urlPathEqualTo(path)).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
					.willReturn(okJson(answer)));

		List<Object> answers = concurrently(FLEET_THREADS, (i) -> () -> call.apply(node(fleet, i), i));

		assertThat(answers).hasSize(FLEET_THREADS);
		assertThat(this.gate.allArrived()).as("all calls met the rejection").isTrue();
		assertThat(calls(method, path, "APP_TOKEN_REJECTED")).as("first tries").isEqualTo(FLEET_THREADS);
		assertThat(calls(method, path, "APP_TOKEN_1")).as("retries").isEqualTo(FLEET_THREADS);
		assertThat(this.issuer.tokens).as("token fetches").hasValue(1);
		assertThat(createStore(this.appId, this.clock).get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value)
			.contains("APP_TOKEN_1");
		return answers;
	}

	@Test
	void theFleetForcesOneRefreshAmongConcurrentAsksAndKeepsItsDailyBudget() throws Exception {
		stubIssuedCredentials();
		// Early in a UTC day, so that the day's budget is the test's alone.
		Instant day = this.clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
		moveClockTo(day.plus(Duration.ofHours(1)));
		List<WechatOAuthClient> fleet = clients(stores(() -> {
		}), CredentialPolicy.DEFAULT);
		fleet.forEach(WechatOAuthClient::getClientAccessToken);

		List<Object> outcomes = concurrently(FLEET_THREADS,
				(call) -> () -> outcomeOf(() -> node(fleet, call).getClientAccessToken(true).accessToken()));

		assertThat(outcomes).containsOnlyOnce("APP_TOKEN_2")
			.filteredOn((outcome) -> !"APP_TOKEN_2".equals(outcome))
			.hasSize(FLEET_THREADS - 1)
			.containsOnly("Not forcing a new access token: one was forced less than 30 s ago");
		assertThat(createStore(this.appId, this.clock).get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value)
			.contains("APP_TOKEN_2");

		// One ask every 31 s from one instance after another: the day's budget holds.
		int forced = 1;
		for (int ask = 0; ask < 2 * AppCredentials.FORCE_REFRESH_DAILY_BUDGET; ask++) {
			this.clock.advance(Duration.ofSeconds(31));
			WechatOAuthClient instance = node(fleet, ask);
			Object outcome = outcomeOf(() -> instance.getClientAccessToken(true).accessToken());
			forced += (outcome.toString().startsWith("APP_TOKEN_")) ? 1 : 0;
		}
		assertThat(forced).isEqualTo(AppCredentials.FORCE_REFRESH_DAILY_BUDGET);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(outcomeOf(() -> fleet.get(0).getClientAccessToken(true).accessToken()))
			.isEqualTo("Not forcing a new access token: the fleet's daily budget of "
					+ AppCredentials.FORCE_REFRESH_DAILY_BUDGET + " (of WeChat's 20) is used up");

		// The next UTC day has a budget of its own.
		moveClockTo(day.plus(Duration.ofDays(1)));
		assertThat(outcomeOf(() -> node(fleet, 1).getClientAccessToken(true).accessToken())).asString()
			.startsWith("APP_TOKEN_");
	}

	@Test
	void anInstanceThatDiesMidRefreshIsReplacedOnceItsLeaseLapses() throws Exception {
		stubIssuedCredentials();
		CredentialPolicy policy = CredentialPolicy.DEFAULT;
		// The refreshing instance took the lease, then died before storing a value.
		Instant died = this.clock.instant();
		Optional<Lease> deadLease = createStore(this.appId, this.clock).tryAcquireLease(AppCredentials.ACCESS_TOKEN,
				policy.leaseTtl());
		assertThat(deadLease).isPresent();
		// Each look at the lease stands for a second of the callers' wait.
		List<CountingSharedStore> stores = stores(() -> this.clock.advance(Duration.ofSeconds(1)));
		List<WechatOAuthClient> fleet = clients(stores, policy);

		List<Exception> failures = concurrently(32, (call) -> () -> failureOf(fleet.get(0)::getClientAccessToken));

		assertThat(failures).hasSize(32)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(WechatTransportException.class)
				.hasMessageStartingWith("Waited PT5S for another instance to refresh access_token, which holds the "
						+ "store's lease but stored no new value"));
		assertThat(Duration.between(died, this.clock.instant())).as("longest wait, on the clock")
			.isLessThanOrEqualTo(policy.maxWait());
		assertThat(stores.get(0).leaseAttempts()).as("looks at the lease").isEqualTo(5);
		assertThat(this.issuer.tokens).hasValue(0);

		// Once the lease has lapsed on the store's clock, the next caller takes over.
		moveClockTo(died.plus(policy.leaseTtl()));
		assertThat(fleet.get(0).getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		for (WechatOAuthClient instance : fleet) {
			assertThat(instance.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		}
		assertThat(this.issuer.tokens).as("token fetches").hasValue(1);
	}

	@Test
	void whileWechatIsDownTheValidTokenIsServedThenCallersFailFastWithTheCause() throws Exception {
		Instant storedAt = this.clock.instant();
		createStore(this.appId, this.clock).put(AppCredentials.ACCESS_TOKEN,
				credential("APP_TOKEN_OLD", storedAt, LIFETIME_SECONDS));
		List<WechatOAuthClient> fleet = clients(stores(() -> {
		}), CredentialPolicy.DEFAULT);
		fleet.forEach(WechatOAuthClient::getClientAccessToken);
		this.wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(serverError()));
		Instant expiresAt = storedAt.plusSeconds(LIFETIME_SECONDS);

		// In the refresh margin each instance tries once, and keeps serving the old
		// token.
		moveClockTo(expiresAt.minusSeconds(200));
		for (WechatOAuthClient instance : fleet) {
			assertThat(instance.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_OLD");
		}
		assertThat(tokenRequests()).as("refresh attempts").isEqualTo(instances());
		moveClockTo(expiresAt.minusMillis(1));
		for (WechatOAuthClient instance : fleet) {
			assertThat(instance.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_OLD");
		}

		// Expired: every caller gets WeChat's failure at once, none waits out max-wait.
		moveClockTo(expiresAt);
		List<Exception> failures = concurrently(FLEET_THREADS,
				(call) -> () -> failureOf(node(fleet, call)::getClientAccessToken));
		assertThat(failures).hasSize(FLEET_THREADS)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(WechatTransportException.class)
				.hasMessageContaining("cgi-bin/stable_token failed: unexpected HTTP status 500")
				.hasMessageNotContaining("Waited"));

		// WeChat is back: the fleet fetches once.
		stubIssuedCredentials();
		moveClockTo(expiresAt.plusSeconds(1));
		for (WechatOAuthClient instance : fleet) {
			assertThat(instance.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		}
		assertThat(this.issuer.tokens).as("successful token fetches").hasValue(1);
	}

	/** Runs {@value #ROUNDS} rounds of both calls on 32 threads per instance. */
	private Served runPhase(List<WechatOAuthClient> fleet) throws Exception {
		Served served = new Served(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
		int threads = 32 * fleet.size();
		Instant now = this.clock.instant();
		concurrently(threads, (thread) -> () -> {
			WechatOAuthClient instance = fleet.get(thread % fleet.size());
			for (int round = 0; round < ROUNDS; round++) {
				ClientAccessToken token = instance.getClientAccessToken();
				assertThat(token.expiresAt()).as("expiry of a served token").isAfter(now);
				served.tokens().add(token.accessToken());
				served.tickets().add(ticketThatSigned(instance.jsSdkSign(PAGE)));
			}
			return null;
		});
		return served;
	}

	/** Runs tasks on threads released together, and returns their results. */
	private <T> List<T> concurrently(int threads, IntFunction<Callable<T>> tasks) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Callable<T> task = tasks.apply(i);
			futures.add(this.executor.submit(() -> {
				start.await();
				return task.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			try {
				results.add(future.get(2, TimeUnit.MINUTES));
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
		}
		return results;
	}

	private List<CountingSharedStore> stores(Runnable onLeaseAttempt) {
		List<CountingSharedStore> stores = new ArrayList<>();
		for (int i = 0; i < instances(); i++) {
			stores.add(new CountingSharedStore(createStore(this.appId, this.clock), AppCredentials.ACCESS_TOKEN,
					onLeaseAttempt));
		}
		return stores;
	}

	private List<WechatOAuthClient> clients(List<CountingSharedStore> stores, CredentialPolicy policy) {
		String baseUrl = this.wechat.baseUrl();
		return stores.stream()
			.map((store) -> WechatOAuthClient.builder()
				.appId(this.appId)
				.appSecret(SECRET)
				.apiBaseUrl(baseUrl)
				.openBaseUrl(baseUrl)
				.mpBaseUrl(baseUrl)
				.busyRetry(new BusyRetry(2, Duration.ZERO))
				.readTimeout(Duration.ofSeconds(10))
				.clock(this.clock)
				.sharedStore(store)
				.credentialPolicy(policy)
				.build())
			.toList();
	}

	private static WechatOAuthClient node(List<WechatOAuthClient> fleet, int call) {
		return fleet.get(call % fleet.size());
	}

	private void stubIssuedCredentials() {
		this.wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(ResponseDefinitionBuilder.okForEmptyJson().withTransformers(Issuer.NAME)));
		this.wechat.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket"))
			.willReturn(ResponseDefinitionBuilder.okForEmptyJson().withTransformers(Issuer.NAME)));
	}

	private void assertFetches(int tokens, int tickets) {
		assertThat(tokenRequests()).as("token fetches").isEqualTo(tokens);
		assertThat(this.wechat.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket"))))
			.as("ticket fetches")
			.hasSize(tickets);
		this.wechat.resetRequests();
	}

	private int tokenRequests() {
		return this.wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))).size();
	}

	private int calls(RequestMethod method, String path, String token) {
		return this.wechat
			.findAll(RequestPatternBuilder.newRequestPattern(method, urlPathEqualTo(path))
				.withQueryParam("access_token", equalTo(token)))
			.size();
	}

	private void moveClockTo(Instant instant) {
		this.clock.advance(Duration.between(this.clock.instant(), instant));
	}

	private static StoredValue credential(String value, Instant storedAt, long lifetimeSeconds) {
		return new StoredValue(value, storedAt, storedAt.plusSeconds(lifetimeSeconds));
	}

	/** The call's result, or the message of the {@link WechatException} it threw. */
	private static Object outcomeOf(Callable<?> call) throws Exception {
		try {
			return call.call();
		}
		catch (WechatException ex) {
			return String.valueOf(ex.getMessage());
		}
	}

	private static Exception failureOf(Callable<?> call) {
		try {
			call.call();
		}
		catch (Exception ex) {
			return ex;
		}
		throw new AssertionError("the call succeeded");
	}

	/** Tells which of the issued tickets signed a page. */
	private String ticketThatSigned(JsSdkSignature signature) {
		for (int i = this.issuer.tickets.get(); i >= 0; i--) {
			String ticket = "TICKET_" + i;
			if (JsSdkSignature.sign(ticket, signature.nonceStr(), signature.timestamp(), signature.url())
				.equals(signature.signature())) {
				return ticket;
			}
		}
		throw new AssertionError("no issued ticket signed " + signature);
	}

	/** The values served in a phase. */
	private record Served(Set<String> tokens, Set<String> tickets) {
	}

	/**
	 * WeChat issuing credentials: {@code APP_TOKEN_1}, {@code APP_TOKEN_2}... and
	 * {@code TICKET_1}, {@code TICKET_2}..., each valid for two hours.
	 */
	static final class Issuer implements ResponseDefinitionTransformerV2 {

		static final String NAME = "issuer";

		final AtomicInteger tokens = new AtomicInteger();

		final AtomicInteger tickets = new AtomicInteger();

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			String body = serveEvent.getRequest().getUrl().startsWith("/cgi-bin/stable_token")
					? "{\"access_token\":\"APP_TOKEN_" + this.tokens.incrementAndGet() + "\",\"expires_in\":"
							+ LIFETIME_SECONDS + "}"
					: "{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"TICKET_" + this.tickets.incrementAndGet()
							+ "\",\"expires_in\":" + LIFETIME_SECONDS + "}";
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(200)
				.withHeader("Content-Type", "text/plain")
				.withBody(body.getBytes(StandardCharsets.UTF_8))
				.build();
		}

	}

	/** Holds back the answers to a stub until a number of requests have arrived. */
	static final class Gate implements ResponseDefinitionTransformerV2 {

		static final String NAME = "gate";

		private volatile CountDownLatch arrivals = new CountDownLatch(0);

		private volatile boolean allArrived = true;

		void expect(int requests) {
			this.arrivals = new CountDownLatch(requests);
		}

		boolean allArrived() {
			return this.allArrived;
		}

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			CountDownLatch latch = this.arrivals;
			latch.countDown();
			try {
				if (!latch.await(1, TimeUnit.MINUTES)) {
					this.allArrived = false;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.allArrived = false;
			}
			return serveEvent.getResponseDefinition();
		}

	}

}
