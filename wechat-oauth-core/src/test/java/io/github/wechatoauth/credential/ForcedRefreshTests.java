package io.github.wechatoauth.credential;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.testsupport.CountingSharedStore;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code getClientAccessToken(true)} forces a new token with {@code stable_token}'s
 * {@code force_refresh}, stores it for every instance, and keeps to the fleet's budget:
 * one per 30 s and {@value AppCredentials#FORCE_REFRESH_DAILY_BUDGET} a UTC day,
 * whichever instance asks.
 */
class ForcedRefreshTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore memory = new InMemorySharedStore(this.clock);

	private final List<WechatOAuthClient> fleet = IntStream.range(0, 3)
		.mapToObj((i) -> WechatStub.clientBuilder(wechat).clock(this.clock).sharedStore(this.memory).build())
		.toList();

	@Test
	void aForcedRefreshFetchesWithForceRefreshAndEveryInstanceTakesTheNewToken() {
		stubTokens("APP_TOKEN_1", "APP_TOKEN_FORCED");
		this.fleet.forEach(WechatOAuthClient::getClientAccessToken);

		assertThat(this.fleet.get(1).getClientAccessToken(true).accessToken()).isEqualTo("APP_TOKEN_FORCED");

		// The in-memory store, like Redis, tells the others of the put at once.
		for (WechatOAuthClient instance : this.fleet) {
			assertThat(instance.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_FORCED");
			assertThat(instance.getClientAccessToken(false).accessToken()).isEqualTo("APP_TOKEN_FORCED");
		}
		assertThat(this.memory.get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value).contains("APP_TOKEN_FORCED");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(equalToJson("{\"force_refresh\":true}", true, true)));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(equalToJson("{\"force_refresh\":false}", true, true)));
	}

	@Test
	void theFleetForcesAtMostOncePer30SecondsAndTenTimesADay() {
		stubTokens("APP_TOKEN_1", "APP_TOKEN_FORCED");
		int forced = 0;
		int refused = 0;
		// Two days of an instance after another asking every 10 s of the clock.
		for (int attempt = 0; attempt < 2 * 8640; attempt++) {
			WechatOAuthClient instance = this.fleet.get(attempt % this.fleet.size());
			try {
				instance.getClientAccessToken(true);
				forced++;
			}
			catch (WechatException ex) {
				assertThat(ex).hasMessageStartingWith("Not forcing a new access token: ");
				refused++;
			}
			if (attempt == 0) {
				WechatException again = catchThrowableOfType(WechatException.class,
						() -> this.fleet.get(1).getClientAccessToken(true));
				assertThat(again).hasMessage("Not forcing a new access token: one was forced less than 30 s ago");
			}
			this.clock.advance(Duration.ofSeconds(10));
		}

		assertThat(forced).isEqualTo(2 * AppCredentials.FORCE_REFRESH_DAILY_BUDGET);
		assertThat(refused).isEqualTo(2 * 8640 - forced);
		wechat.verify(forced, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(equalToJson("{\"force_refresh\":true}", true, true)));
	}

	@Test
	void withoutTheStoreThatKeepsTheBudgetNothingIsForced() {
		stubTokens("APP_TOKEN_1", "APP_TOKEN_FORCED");
		CountingSharedStore counting = new CountingSharedStore(this.memory);
		io.github.wechatoauth.testsupport.FaultyStore down = new io.github.wechatoauth.testsupport.FaultyStore(counting,
				new io.github.wechatoauth.oauth.InMemoryTokenStore(this.clock));
		WechatOAuthClient instance = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.sharedStore(down)
			.storeTimeout(Duration.ofMillis(200))
			.build();
		instance.getClientAccessToken();
		down.fail();

		WechatException refused = catchThrowableOfType(WechatException.class,
				() -> instance.getClientAccessToken(true));

		assertThat(refused).hasMessageStartingWith(
				"Not forcing a new access token: the shared store, which keeps the fleet's budget, failed");
		assertThat(instance.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
	}

	private static void stubTokens(String normal, String forced) {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(equalToJson("{\"force_refresh\":false}", true, true))
			.willReturn(json("{\"access_token\":\"" + normal + "\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(equalToJson("{\"force_refresh\":true}", true, true))
			.willReturn(json("{\"access_token\":\"" + forced + "\",\"expires_in\":7200}")));
	}

}
