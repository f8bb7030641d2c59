package io.github.wechatoauth.credential;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_ID;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The app access token and the {@code jsapi_ticket} against a stubbed WeChat: the exact
 * requests of {@code cgi-bin/stable_token}, {@code cgi-bin/token} and
 * {@code ticket/getticket}, the parsed values, and that they are fetched once and then
 * served from the cache.
 */
class ClientAccessTokenTests {

	private static final String STABLE_TOKEN_BODY = """
			{"grant_type":"client_credential","appid":"%s","secret":"%s","force_refresh":false}
			""".formatted(APP_ID, APP_SECRET);

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemorySharedStore store = new InMemorySharedStore(this.clock);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.sharedStore(this.store)
		.build();

	@Test
	void clientAccessTokenComesFromStableTokenByDefault() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");

		ClientAccessToken token = this.client.getClientAccessToken();

		assertThat(token).isEqualTo(new ClientAccessToken("APP_TOKEN_1", 7200, this.clock.instant()));
		assertThat(token.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(7200));
		wechat.verify(1,
				postRequestedFor(urlEqualTo("/cgi-bin/stable_token"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson(STABLE_TOKEN_BODY)));
		assertThat(this.store.get(AppCredentials.ACCESS_TOKEN)).get()
			.extracting(StoredValue::value)
			.isEqualTo("APP_TOKEN_1");
	}

	@Test
	void clientAccessTokenIsFetchedOnceAndThenServedFromTheCache() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");

		this.client.getClientAccessToken();
		ClientAccessToken again = this.client.getClientAccessToken();

		assertThat(again.accessToken()).isEqualTo("APP_TOKEN_1");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void clientAccessTokenComesFromCgiBinTokenWhenConfigured() {
		WechatOAuthClient classic = WechatStub.clientBuilder(wechat)
			.clock(this.clock)
			.accessTokenSource(AccessTokenSource.CLASSIC)
			.build();
		wechat.stubFor(
				get(urlEqualTo("/cgi-bin/token?grant_type=client_credential&appid=" + APP_ID + "&secret=" + APP_SECRET))
					.willReturn(json("{\"access_token\":\"CLASSIC_TOKEN\",\"expires_in\":7200}")));

		ClientAccessToken token = classic.getClientAccessToken();

		assertThat(token).isEqualTo(new ClientAccessToken("CLASSIC_TOKEN", 7200, this.clock.instant()));
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void jsApiTicketIsFetchedWithTheAccessTokenAndCached() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");
		wechat.stubFor(get(urlEqualTo("/cgi-bin/ticket/getticket?access_token=APP_TOKEN_1&type=jsapi"))
			.willReturn(json("""
					{"errcode":0,"errmsg":"ok",
					"ticket":"bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA",
					"expires_in":7200}
					""")));

		JsApiTicket ticket = this.client.getJsApiTicket();
		this.client.getJsApiTicket();

		assertThat(ticket).isEqualTo(new JsApiTicket(
				"bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA", 7200,
				this.clock.instant()));
		wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void stableTokenSendsNoQueryString() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}")));

		this.client.getClientAccessToken();

		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withQueryParam("secret", absent()));
		assertThat(wechat.findAll(anyRequestedFor(anyUrl())).get(0).getUrl()).isEqualTo("/cgi-bin/stable_token");
	}

	@Test
	void errorOfTheTokenEndpointSurfacesWithAHint() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(error(40125, "invalid appsecret")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(this.client::getClientAccessToken)
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(40125);
				assertThat(ex.getEndpoint()).isEqualTo("cgi-bin/stable_token");
				assertThat(ex).hasMessageContaining("check wechat.secret").hasMessageNotContaining(APP_SECRET);
			});
	}

	@Test
	void failedFetchIsAnsweredFromMemoryForASecondInsteadOfAskingWechatForEveryCaller() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(error(40164, "invalid ip")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(this.client::getClientAccessToken);
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(this.client::getClientAccessToken);

		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void tokenAnswerWithoutTokenIsATransportFailure() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(json("{\"expires_in\":7200}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(this.client::getClientAccessToken)
			.withMessage("cgi-bin/stable_token answered without a value");
	}

	@Test
	void fetchReleasesTheStoresLease() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");

		this.client.getClientAccessToken();

		assertThat(this.store.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofSeconds(1))).isPresent();
	}

}
