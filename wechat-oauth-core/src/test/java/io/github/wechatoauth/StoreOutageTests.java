package io.github.wechatoauth;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.FaultyStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * While the shared store is down (hanging or refusing), a caller with nothing fresh in
 * memory gets the access token from WeChat within its budget instead of an error, keeps
 * it in memory, and the fleet goes back to one fetch per expiry when the store is back;
 * {@code getUser()} fails within the budget when the token store hangs. The starter's
 * fault tests do the same against paused real servers.
 */
class StoreOutageTests {

	private static final Duration STORE_TIMEOUT = Duration.ofMillis(200);

	/** Far above the budget, for a busy machine; a hang would take a minute. */
	private static final Duration CEILING = Duration.ofSeconds(10);

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore memory = new InMemorySharedStore(this.clock);

	private final FaultyStore store = new FaultyStore(this.memory, new InMemoryTokenStore(this.clock));

	private final CapturedLogs logs = CapturedLogs.of("io.github.wechatoauth.store");

	@AfterEach
	void heal() {
		this.store.heal();
		this.logs.close();
	}

	@Test
	void aStoreThatHangsBeforeAnythingIsCachedCostsOneBudgetThenWechatAnswers() {
		stubStableToken("APP_TOKEN_1");
		WechatOAuthClient client = client(this.store);
		this.store.hang();

		long started = System.nanoTime();
		assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CEILING);
		int reached = this.store.calls();

		// Kept in memory: served without the store or WeChat.
		for (int i = 0; i < 10; i++) {
			assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		}
		assertThat(this.store.calls()).isEqualTo(reached);
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void anOutageMidRunCostsOneFetchPerInstanceThenTheFleetFetchesOncePerExpiryAgain() {
		WechatOAuthClient first = client(this.store);
		WechatOAuthClient second = client(this.store);
		stubStableToken("APP_TOKEN_1");
		first.getClientAccessToken();
		second.getClientAccessToken();
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));

		// The store goes down; the token expires: each instance asks WeChat itself.
		this.store.fail();
		stubStableToken("APP_TOKEN_2");
		this.clock.advance(Duration.ofSeconds(7201));
		assertThat(first.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
		assertThat(second.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
		wechat.verify(3, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));

		// Back: at the next expiry one instance fetches and the other reads the store.
		this.store.heal();
		stubStableToken("APP_TOKEN_3");
		this.clock.advance(Duration.ofSeconds(7201));
		assertThat(first.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_3");
		assertThat(second.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_3");
		wechat.verify(4, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
		assertThat(this.memory.get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value).contains("APP_TOKEN_3");
	}

	@Test
	void getUserFailsWithinTheBudgetWhenTheTokenStoreHangs() {
		this.store.saveToken("oOpenid1", new UserToken("USER_ACCESS_TOKEN_1", 7200, "USER_REFRESH_TOKEN_1", "oOpenid1",
				"snsapi_userinfo", null, this.clock.instant()));
		WechatOAuthClient client = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.tokenStore(this.store)
			.storeTimeout(STORE_TIMEOUT)
			.build();
		this.store.hang();

		long started = System.nanoTime();
		WechatTransportException failure = catchThrowableOfType(WechatTransportException.class,
				() -> client.getUser("oOpenid1"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CEILING);
		assertThat(failure).hasMessageContaining("did not read a user token within PT0.2S");
		// Then at once, until a probe is due.
		started = System.nanoTime();
		catchThrowableOfType(WechatTransportException.class, () -> client.getUser("oOpenid1"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STORE_TIMEOUT);
	}

	private WechatOAuthClient client(FaultyStore shared) {
		return WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(shared)
			.storeTimeout(STORE_TIMEOUT)
			.credentialPolicy(CredentialPolicy.DEFAULT)
			// The first request of a cold WireMock on a busy machine may take seconds.
			.readTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static void stubStableToken(String token) {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"" + token + "\",\"expires_in\":7200}")));
	}

}
