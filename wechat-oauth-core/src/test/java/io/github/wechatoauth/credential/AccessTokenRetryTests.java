package io.github.wechatoauth.credential;

import io.github.wechatoauth.store.InMemorySharedStore;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.BusyRetry;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.qrcode.QrCodeTicket;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls authenticated with the app access token: a token WeChat rejects (40001, 40014,
 * 42001) is invalidated, a new one fetched and the call made exactly once more; a busy
 * answer ({@code -1}) is retried a bounded number of times; nothing retries forever.
 */
class AccessTokenRetryTests {

	private static final String QR_CREATE = "/cgi-bin/qrcode/create";

	private static final String QR_ANSWER = """
			{"ticket":"gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==",
			"expire_seconds":60,"url":"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI"}
			""";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore store = new InMemorySharedStore(this.clock);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.sharedStore(this.store)
		.build();

	@ParameterizedTest
	@ValueSource(ints = { 40001, 40014, 42001 })
	void rejectedTokenIsReplacedAndTheCallMadeOnceMore(int errcode) {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
			.willReturn(error(errcode, "invalid credential, access_token is invalid or not latest")));
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).withQueryParam("access_token", equalTo("APP_TOKEN_2"))
			.willReturn(json(QR_ANSWER)));

		QrCodeTicket ticket = this.client.createQrCode(QrCodeRequest.temporary(123, Duration.ofMinutes(1)));

		assertThat(ticket.url()).isEqualTo("http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI");
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
		wechat.verify(1, postRequestedFor(urlEqualTo(QR_CREATE + "?access_token=APP_TOKEN_1")));
		wechat.verify(1, postRequestedFor(urlEqualTo(QR_CREATE + "?access_token=APP_TOKEN_2")));
		assertThat(this.store.get(AppCredentials.ACCESS_TOKEN).orElseThrow().value()).isEqualTo("APP_TOKEN_2");
		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
	}

	@Test
	void tokenRejectedTwiceSurfacesAfterExactlyOneRetry() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).willReturn(error(40001, "invalid credential")));

		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.permanent(7)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40001));
		wechat.verify(2, postRequestedFor(urlPathEqualTo(QR_CREATE)));
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void ticketFetchWithRejectedTokenIsRetriedWithANewToken() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(get(urlEqualTo("/cgi-bin/ticket/getticket?access_token=APP_TOKEN_1&type=jsapi"))
			.willReturn(error(40001, "invalid credential")));
		wechat.stubFor(get(urlEqualTo("/cgi-bin/ticket/getticket?access_token=APP_TOKEN_2&type=jsapi"))
			.willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"JSAPI_TICKET\",\"expires_in\":7200}")));

		assertThat(this.client.getJsApiTicket().ticket()).isEqualTo("JSAPI_TICKET");
		wechat.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void stableTokenThatWechatKeepsHandingOutAfterRejectingItIsForcedOnce() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("false")))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true")))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_2\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
			.willReturn(error(40001, "invalid credential")));
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).withQueryParam("access_token", equalTo("APP_TOKEN_2"))
			.willReturn(json(QR_ANSWER)));

		this.client.createQrCode(QrCodeRequest.permanent("promo"));

		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("false"))));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true"))));
	}

	@Test
	void forcedRefreshesAreAtLeast30SecondsApart() {
		stubStableTokenThatChangesOnlyWhenForced();
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).willReturn(error(40001, "invalid credential")));

		createQrCodeExpectingRejection();
		this.clock.advance(Duration.ofSeconds(29));
		createQrCodeExpectingRejection();
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true"))));

		this.clock.advance(Duration.ofSeconds(1));
		createQrCodeExpectingRejection();
		wechat.verify(2, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true"))));
	}

	@Test
	void forcedRefreshesStopAtTheDailyBudget() {
		stubStableTokenThatChangesOnlyWhenForced();
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).willReturn(error(40001, "invalid credential")));

		for (int i = 0; i < AppCredentials.FORCE_REFRESH_DAILY_BUDGET + 2; i++) {
			createQrCodeExpectingRejection();
			this.clock.advance(Duration.ofSeconds(31));
		}

		wechat.verify(AppCredentials.FORCE_REFRESH_DAILY_BUDGET, postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true"))));
	}

	@Test
	void tokenAnotherProcessAlreadyReplacedIsTakenFromTheStoreWithoutAFetch() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_UNUSED");
		this.client.getClientAccessToken();
		// Another instance replaced the token in the shared store meanwhile.
		this.store.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("APP_TOKEN_2", this.clock.instant(), this.clock.instant().plusSeconds(7200)));
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
			.willReturn(error(40001, "invalid credential")));
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).withQueryParam("access_token", equalTo("APP_TOKEN_2"))
			.willReturn(json(QR_ANSWER)));

		this.client.createQrCode(QrCodeRequest.permanent(1));

		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
		assertThat(this.store.get(AppCredentials.ACCESS_TOKEN).orElseThrow().value())
			.as("compare-and-delete kept the other instance's token")
			.isEqualTo("APP_TOKEN_2");
	}

	@Test
	void busyAnswerIsRetriedABoundedNumberOfTimesThenSurfaces() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).willReturn(error(-1, "system error")));

		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.permanent(1)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(-1));
		wechat.verify(3, postRequestedFor(urlPathEqualTo(QR_CREATE)));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void busyAnswerFollowedBySuccessIsRetriedOnce() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(error(-1, "system error"))
			.willSetStateTo("recovered"));
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).inScenario("busy")
			.whenScenarioStateIs("recovered")
			.willReturn(json(QR_ANSWER)));

		assertThat(this.client.createQrCode(QrCodeRequest.permanent(1)).expireSeconds()).isEqualTo(60);
		wechat.verify(2, postRequestedFor(urlPathEqualTo(QR_CREATE)));
	}

	@Test
	void busyRetryCanBeTurnedOff() {
		WechatOAuthClient impatient = WechatStub.clientBuilder(wechat).busyRetry(BusyRetry.NONE).build();
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(error(-1, "system error")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(impatient::getClientAccessToken);
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void otherErrorsAreNotRetried() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(QR_CREATE)).willReturn(error(45009, "reach max api daily quota limit")));

		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.permanent(1)));
		wechat.verify(1, postRequestedFor(urlPathEqualTo(QR_CREATE)));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	private void createQrCodeExpectingRejection() {
		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.permanent(1)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40001));
	}

	/**
	 * {@code stable_token} in normal mode hands out the same token until a forced refresh
	 * replaces it, as WeChat does.
	 */
	private static void stubStableTokenThatChangesOnlyWhenForced() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("stable")
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true")))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_FORCED\",\"expires_in\":7200}"))
			.willSetStateTo("forced"));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("stable")
			.whenScenarioStateIs(Scenario.STARTED)
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("false")))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("stable")
			.whenScenarioStateIs("forced")
			.withRequestBody(matchingJsonPath("$.force_refresh", equalTo("false")))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_FORCED\",\"expires_in\":7200}")));
	}

}
