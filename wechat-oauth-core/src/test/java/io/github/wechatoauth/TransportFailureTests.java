package io.github.wechatoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the client does when no JSON answer can be read: every failure is a
 * {@link WechatTransportException} that names the endpoint and holds neither the secret
 * nor the code that were in the request's query string.
 */
class TransportFailureTests {

	private static final String CODE = "CODE0a1b2c3d4e5f6";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	/**
	 * For the timeouts only: a slow machine must not turn other failures into timeouts.
	 */
	private final WechatOAuthClient impatient = WechatStub.clientBuilder(wechat)
		.readTimeout(Duration.ofMillis(300))
		.build();

	@Test
	void htmlErrorPageIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("<html><body><h1>系统繁忙</h1></body></html>")));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token").hasMessageContaining("not a JSON object");
		assertNoSecretIn(ex);
	}

	@Test
	void truncatedJsonIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/plain")
			.withBody("{\"access_token\":\"ACCESS_TOKEN_PREFIX".getBytes(StandardCharsets.UTF_8))));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token");
		assertThat(textOf(ex)).doesNotContain("ACCESS_TOKEN_PREFIX");
		assertNoSecretIn(ex);
	}

	@Test
	void connectionDroppedMidBodyIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token");
		assertNoSecretIn(ex);
	}

	@Test
	void connectionResetIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token");
		assertNoSecretIn(ex);
	}

	@Test
	void badGatewayIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>502 Bad Gateway</body></html>")));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token").hasMessageContaining("502");
		assertNoSecretIn(ex);
	}

	@Test
	void readTimeoutIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(WechatStub.json("{\"access_token\":\"LATE\"}").withFixedDelay(3_000)));

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> this.impatient.getAccessToken(CODE));

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token").hasMessageContaining("Timeout");
		assertNoSecretIn(ex);
	}

	@Test
	void emptyBodyIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("not a JSON object");
		assertNoSecretIn(ex);
	}

	@Test
	void jsonOfAnotherShapeIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(WechatStub.json("{\"access_token\":{\"nested\":\"SECRET_SHAPED_TOKEN\"},\"openid\":[1]}")));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessageContaining("sns/oauth2/access_token");
		assertThat(textOf(ex)).doesNotContain("SECRET_SHAPED_TOKEN");
		assertNoSecretIn(ex);
	}

	@Test
	void answerLargerThanOneMebibyteIsRefused() {
		byte[] huge = new byte[(1 << 20) + 1];
		Arrays.fill(huge, (byte) ' ');
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(huge)));

		WechatTransportException ex = failureOfGetAccessToken();

		assertThat(ex).hasMessage("sns/oauth2/access_token answered more than 1048576 bytes");
	}

	@Test
	void unreachableServerIsATransportFailure() {
		WechatOAuthClient offline = WechatStub.clientBuilder(wechat).apiBaseUrl("http://127.0.0.1:9").build();

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> offline.code2Session(CODE));

		assertThat(ex).hasMessageContaining("sns/jscode2session");
		assertNoSecretIn(ex);
	}

	@Test
	void failureOfACallCarryingAUserTokenHoldsNoToken() {
		InMemoryTokenStore tokens = new InMemoryTokenStore();
		tokens.saveToken("oOpenid1", new UserToken("USER_ACCESS_TOKEN_1", 7200, "USER_REFRESH_TOKEN_1", "oOpenid1",
				"snsapi_userinfo", null, Instant.now()));
		WechatOAuthClient withToken = WechatStub.clientBuilder(wechat).tokenStore(tokens).build();
		wechat.stubFor(
				get(urlPathEqualTo("/sns/userinfo")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> withToken.getUser("oOpenid1"));

		assertThat(ex).hasMessageContaining("sns/userinfo");
		assertThat(textOf(ex)).doesNotContain("USER_ACCESS_TOKEN_1", "USER_REFRESH_TOKEN_1");
	}

	@Test
	void timeoutOfACallCarryingTheAppTokenHoldsNoToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(WechatStub.json("{\"access_token\":\"APP_ACCESS_TOKEN_1\",\"expires_in\":7200}")));
		wechat.stubFor(
				post(urlPathEqualTo("/cgi-bin/qrcode/create")).willReturn(WechatStub.json("{}").withFixedDelay(3_000)));
		// The token is fetched without the short timeout: only qrcode/create may time
		// out.
		InMemorySharedStore credentials = new InMemorySharedStore();
		WechatStub.clientBuilder(wechat).sharedStore(credentials).build().getClientAccessToken();
		WechatOAuthClient impatientWithToken = WechatStub.clientBuilder(wechat)
			.sharedStore(credentials)
			.readTimeout(Duration.ofMillis(300))
			.build();

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> impatientWithToken.createQrCode(QrCodeRequest.permanent(1)));

		assertThat(ex).hasMessageContaining("cgi-bin/qrcode/create");
		assertThat(textOf(ex)).doesNotContain("APP_ACCESS_TOKEN_1").doesNotContain(APP_SECRET);
	}

	@Test
	void underlyingFailureThatQuotesTheRequestIsLeftOut() {
		// A transport of the caller's
		// whose error quotes the URL, as some HTTP clients' errors do.
		WechatOAuthClient quoting = WechatStub.clientBuilder(wechat)
			.connectTimeout(null)
			.readTimeout(null)
			.restClientBuilder(RestClient.builder().requestFactory((uri, method) -> {
				throw new IOException("cannot connect to " + uri);
			}))
			.build();

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> quoting.getAccessToken(CODE));

		assertThat(ex).hasMessageStartingWith("GET sns/oauth2/access_token failed: IOException after").hasNoCause();
		assertNoSecretIn(ex);
	}

	@Test
	void underlyingFailureThatQuotesNoSecretIsKeptAsTheCause() {
		WechatOAuthClient failing = WechatStub.clientBuilder(wechat)
			.connectTimeout(null)
			.readTimeout(null)
			.restClientBuilder(RestClient.builder().requestFactory((uri, method) -> {
				throw new IOException("network is unreachable");
			}))
			.build();

		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> failing.getAccessToken(CODE));

		assertThat(ex).hasMessageContaining("IOException (network is unreachable)")
			.hasRootCauseMessage("network is unreachable");
	}

	private WechatTransportException failureOfGetAccessToken() {
		WechatTransportException ex = catchThrowableOfType(WechatTransportException.class,
				() -> this.client.getAccessToken(CODE));
		assertThat(ex).as("a WechatTransportException").isNotNull();
		return ex;
	}

	private static void assertNoSecretIn(Throwable ex) {
		assertThat(textOf(ex)).doesNotContain(APP_SECRET).doesNotContain(CODE);
	}

}
