package io.github.wechatoauth.internal.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.json;
import static io.github.wechatoauth.WechatStub.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client observations (metrics and traces) of a {@link RestClient.Builder} with an
 * {@link ObservationRegistry}, as Spring Boot's is: they record where a call went but
 * never the query string, which holds the secret, codes and tokens.
 */
class WechatHttpObservationTests {

	private static final String CODE = "CODE0a1b2c3d4e5f6";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final List<String> recorded = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final WechatOAuthClient client;

	WechatHttpObservationTests() {
		this.registry.observationConfig().observationHandler(new RecordingHandler(this.recorded));
		this.client = WechatStub.clientBuilder(wechat)
			.restClientBuilder(RestClient.builder().observationRegistry(this.registry))
			.build();
	}

	@Test
	void observedUrlStopsAtThePath() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(json("""
				{"access_token":"ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"REFRESH_TOKEN_1","openid":"o1"}
				""")));

		this.client.getAccessToken(CODE);

		assertThat(this.recorded).contains("http.url=" + wechat.baseUrl() + "/sns/oauth2/access_token");
		assertThat(this.recorded).noneMatch((text) -> text.contains(APP_SECRET) || text.contains(CODE));
	}

	@Test
	void uriTagIsThePath() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(json("""
				{"access_token":"ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"REFRESH_TOKEN_1","openid":"o1"}
				""")));

		this.client.getAccessToken(CODE);

		assertThat(this.recorded).contains("uri=/sns/oauth2/access_token");
	}

	@Test
	void aGenericCallIsObservedWithoutTheAccessToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_0ddba11c0ffee\",\"expires_in\":7200}")));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).willReturn(json("{\"tags\":[]}")));

		this.client.api().get("/cgi-bin/tags/get", Map.of());

		assertThat(this.recorded).contains("http.url=" + wechat.baseUrl() + "/cgi-bin/tags/get");
		assertThat(this.recorded).noneMatch((text) -> text.contains("APP_TOKEN_0ddba11c0ffee"));
	}

	@Test
	void failedCallIsObservedWithoutTheQueryString() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> this.client.getAccessToken(CODE));

		assertThat(this.recorded).anyMatch((text) -> text.startsWith("error="));
		assertThat(this.recorded).noneMatch((text) -> text.contains(APP_SECRET) || text.contains(CODE));
	}

	@Test
	void callerBuilderIsLeftUnchanged() {
		RestClient.Builder builder = RestClient.builder().observationRegistry(this.registry);
		WechatStub.clientBuilder(wechat).restClientBuilder(builder).build();
		wechat.stubFor(get(urlPathEqualTo("/other")).withQueryParam("q", equalTo("kept")).willReturn(json("{}")));

		builder.build().get().uri(wechat.baseUrl() + "/other?q=kept").retrieve().toBodilessEntity();

		assertThat(this.recorded).contains("http.url=" + wechat.baseUrl() + "/other?q=kept");
	}

	/**
	 * Records what a tracing or metrics handler would see: every key value, the names,
	 * and the error.
	 */
	private static final class RecordingHandler implements ObservationHandler<Observation.Context> {

		private final List<String> recorded;

		RecordingHandler(List<String> recorded) {
			this.recorded = recorded;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onError(Observation.Context context) {
			Throwable error = context.getError();
			if (error != null) {
				this.recorded.add("error=" + textOf(error));
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			for (KeyValue keyValue : context.getAllKeyValues()) {
				this.recorded.add(keyValue.getKey() + "=" + keyValue.getValue());
			}
			this.recorded.add("name=" + context.getName());
			this.recorded.add("contextualName=" + context.getContextualName());
		}

	}

}
