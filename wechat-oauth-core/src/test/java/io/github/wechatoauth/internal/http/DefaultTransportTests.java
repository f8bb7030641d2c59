package io.github.wechatoauth.internal.http;

import java.lang.reflect.Field;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.BusyRetry;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transport the SDK creates when the caller gave none: the fastest client present
 * (Apache HttpClient 5 is on this class path), and the JDK's client, tuned, where nothing
 * else is; both with their timeouts.
 */
class DefaultTransportTests {

	private static final String CODE = "CODE0a1b2c3d4e5f6";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	@Test
	void apacheHttpClientIsChosenWhenPresent() {
		assertThat(DefaultTransport.create(Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
	}

	@Test
	void apacheHttpClientWaitsForAPooledConnectionNoLongerThanItWouldToConnect() throws Exception {
		ClientHttpRequestFactory factory = DefaultTransport.create(Duration.ofMillis(1500), Duration.ofSeconds(9));

		// Spring's factory has no getter for it.
		Field timeout = HttpComponentsClientHttpRequestFactory.class.getDeclaredField("connectionRequestTimeout");
		timeout.setAccessible(true);
		assertThat(timeout.get(factory)).isEqualTo(1500L);
	}

	@Test
	void apacheHttpClientReadTimeoutEndsASlowCall() {
		WechatOAuthClient client = WechatStub.clientBuilder(wechat).readTimeout(Duration.ofMillis(200)).build();

		assertSlowCallTimesOut(client);
	}

	@Test
	void apacheHttpClientAsksForNoCompression() {
		WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();
		stubAccessToken(0);

		assertThat(client.getAccessToken(CODE).openid()).isEqualTo("o1");

		// WeChat's answers are small: inflating them would cost more than it saves.
		wechat.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")).withoutHeader("Accept-Encoding"));
	}

	@Test
	void jdkClientSpeaksHttp11ToHttpUrls() {
		WechatOAuthClient client = jdkClient(Duration.ofSeconds(30));
		stubAccessToken(0);

		assertThat(client.getAccessToken(CODE).openid()).isEqualTo("o1");

		// No HTTP/2 upgrade attempt (h2c) on a plain connection.
		wechat.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")).withoutHeader("Upgrade")
			.withoutHeader("HTTP2-Settings"));
	}

	@Test
	void jdkClientReadTimeoutEndsASlowCall() {
		assertSlowCallTimesOut(jdkClient(Duration.ofMillis(200)));
	}

	@Test
	void closeReleasesTheTransportTheClientCreated() {
		WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();
		stubAccessToken(0);
		assertThat(client.getAccessToken(CODE).openid()).isEqualTo("o1");

		client.close();
		client.close();

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> client.getAccessToken(CODE))
			.withMessage("GET sns/oauth2/access_token failed: the client is closed");
	}

	@Test
	void closeLeavesTheCallersRequestFactoryOpen() throws Exception {
		ClientHttpRequestFactory factory = DefaultTransport.create(Duration.ofSeconds(5), Duration.ofSeconds(5));
		WechatOAuthClient client = WechatStub.clientBuilder(wechat)
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.build();
		stubAccessToken(0);

		client.close();

		assertThat(getAccessToken(factory)).isEqualTo(200);
		DefaultTransport.close(factory);
	}

	@Test
	void closeReleasesTheTransportMadeWithoutABuilderOnly() {
		stubAccessToken(0);
		WechatHttp own = new WechatHttp(null, null, null, BusyRetry.NONE);
		ClientHttpRequestFactory factory = own.ownTransport();
		assertThat(factory).isNotNull();
		assertThat(getAccessToken(factory)).isEqualTo(200);
		assertThat(new WechatHttp(RestClient.builder(), null, null, BusyRetry.NONE).ownTransport()).isNull();

		own.close();

		assertThatException().isThrownBy(() -> getAccessToken(factory));
	}

	@Test
	void jdkClientThreadsAreDaemons() {
		stubAccessToken(0);
		ClientHttpRequestFactory factory = DefaultTransport.jdk(Duration.ofSeconds(5), Duration.ofSeconds(5));
		assertThat(getAccessToken(factory)).isEqualTo(200);

		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().startsWith("wechat-http-"))
			.isNotEmpty()
			.allMatch(Thread::isDaemon);
		DefaultTransport.close(factory);
	}

	@Test
	void closeEndsTheCallsOfApacheHttpClientAndOfTheJdkClient() {
		stubAccessToken(0);
		for (ClientHttpRequestFactory factory : new ClientHttpRequestFactory[] {
				DefaultTransport.create(Duration.ofSeconds(5), Duration.ofSeconds(5)),
				DefaultTransport.jdk(Duration.ofSeconds(5), Duration.ofSeconds(5)) }) {
			assertThat(getAccessToken(factory)).isEqualTo(200);

			DefaultTransport.close(factory);

			assertThatException().isThrownBy(() -> getAccessToken(factory));
		}
	}

	private static int getAccessToken(ClientHttpRequestFactory factory) {
		return RestClient.builder()
			.requestFactory(factory)
			.build()
			.get()
			.uri(wechat.baseUrl() + "/sns/oauth2/access_token?code=" + CODE)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

	private static WechatOAuthClient jdkClient(Duration readTimeout) {
		return WechatStub.clientBuilder(wechat)
			.restClientBuilder(
					RestClient.builder().requestFactory(DefaultTransport.jdk(Duration.ofSeconds(5), readTimeout)))
			.connectTimeout(null)
			.readTimeout(null)
			.build();
	}

	private static void assertSlowCallTimesOut(WechatOAuthClient client) {
		stubAccessToken(5_000);

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> client.getAccessToken(CODE))
			.withMessageStartingWith("GET sns/oauth2/access_token failed");
	}

	private static void stubAccessToken(int delayMillis) {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(json("""
				{"access_token":"ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"REFRESH_TOKEN_1","openid":"o1"}
				""").withFixedDelay(delayMillis)));
	}

}
