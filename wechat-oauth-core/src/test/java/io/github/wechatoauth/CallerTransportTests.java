package io.github.wechatoauth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link RestClient.Builder} given to the client is the transport of every WeChat call:
 * its request factory and interceptors are used whether or not the client builder's
 * timeouts are set, and the builder itself is left as it was.
 */
class CallerTransportTests {

	private static final String CODE = "CODE0a1b2c3d4e5f6";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final AtomicInteger requestsCreated = new AtomicInteger();

	private final RestClient.Builder callerBuilder = RestClient.builder()
		.requestFactory(countingFactory(new SimpleClientHttpRequestFactory()))
		.requestInterceptor((request, body, execution) -> {
			request.getHeaders().set("X-Caller-Interceptor", "ran");
			return execution.execute(request, body);
		});

	@Test
	void callerRequestFactoryAndInterceptorsCarryTheCallWithTimeoutsSet() {
		WechatOAuthClient client = WechatStub.clientBuilder(wechat)
			.restClientBuilder(this.callerBuilder)
			.connectTimeout(Duration.ofSeconds(1))
			.readTimeout(Duration.ofSeconds(2))
			.build();

		getAccessTokenThrough(client);
	}

	@Test
	void callerRequestFactoryAndInterceptorsCarryTheCallWithoutTimeouts() {
		WechatOAuthClient client = WechatStub.clientBuilder(wechat)
			.restClientBuilder(this.callerBuilder)
			.connectTimeout(null)
			.readTimeout(null)
			.build();

		getAccessTokenThrough(client);
	}

	@Test
	void callerBuilderKeepsItsOwnSettings() {
		WechatStub.clientBuilder(wechat).restClientBuilder(this.callerBuilder).build();
		wechat.stubFor(get(urlPathEqualTo("/other")).willReturn(json("{}")));

		this.callerBuilder.build().get().uri(wechat.baseUrl() + "/other").retrieve().toBodilessEntity();

		assertThat(this.requestsCreated).hasValue(1);
		wechat.verify(getRequestedFor(urlPathEqualTo("/other")).withHeader("X-Caller-Interceptor", equalTo("ran")));
	}

	private void getAccessTokenThrough(WechatOAuthClient client) {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(json("""
				{"access_token":"ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"REFRESH_TOKEN_1","openid":"o1"}
				""")));

		assertThat(client.getAccessToken(CODE).openid()).isEqualTo("o1");

		assertThat(this.requestsCreated).hasValue(1);
		wechat.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")).withHeader("X-Caller-Interceptor",
				equalTo("ran")));
	}

	private ClientHttpRequestFactory countingFactory(ClientHttpRequestFactory factory) {
		return (uri, method) -> {
			this.requestsCreated.incrementAndGet();
			return factory.createRequest(uri, method);
		};
	}

}
