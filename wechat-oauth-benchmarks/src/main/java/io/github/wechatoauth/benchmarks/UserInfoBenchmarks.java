package io.github.wechatoauth.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserInfo;
import io.github.wechatoauth.oauth.UserToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * One {@code sns/userinfo} round trip to the local WireMock stand-in: through
 * {@link WechatOAuthClient#getUser(String)} (token-store lookup, URI building, lenient
 * JSON decoding, the {@code errcode} check, a {@link UserInfo} record) and as a bare
 * {@link RestClient} GET of the same prepared URI read as a {@code String}, on the same
 * JDK HTTP client. {@link BenchmarkMain} prints their ratio: the SDK's own overhead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// The stand-in runs in the same JVM: Jetty and WireMock need 20 s or so before their
// throughput stops climbing, and more iterations tighten the error to see a ratio.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 1)
public class UserInfoBenchmarks {

	/**
	 * Reads the user's info through the SDK.
	 * @param state the stand-in and the clients
	 * @return the user's info
	 */
	@Benchmark
	public UserInfo sdkGetUser(Stand state) {
		return state.client.getUser(WechatStandIn.OPENID);
	}

	/**
	 * Reads the same answer with a bare {@link RestClient}.
	 * @param state the stand-in and the clients
	 * @return the answer's body
	 */
	@Benchmark
	public String bareRestClient(Stand state) {
		String body = state.restClient.get().uri(state.userInfoUri).retrieve().body(String.class);
		if (body == null) {
			throw new IllegalStateException("sns/userinfo answered no body");
		}
		return body;
	}

	/**
	 * The stand-in, an SDK client holding the user's token, and a bare {@link RestClient}
	 * with the SDK's HTTP settings (the JDK's client on HTTP/1.1, 5 s connect and 10 s
	 * read timeouts).
	 */
	@State(Scope.Benchmark)
	@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
	public static class Stand {

		WireMockServer wechat;

		WechatOAuthClient client;

		RestClient restClient;

		URI userInfoUri;

		/** Starts the stand-in and checks that both clients read the user. */
		@Setup(Level.Trial)
		public void setUp() {
			this.wechat = WechatStandIn.start(false);
			Clock clock = Clock.systemUTC();
			InMemoryTokenStore tokenStore = new InMemoryTokenStore(clock);
			tokenStore.saveToken(WechatStandIn.OPENID, new UserToken(WechatStandIn.USER_ACCESS_TOKEN, 7200,
					"USER_REFRESH_TOKEN_1", WechatStandIn.OPENID, "snsapi_userinfo", null, clock.instant()));
			this.client = WechatStandIn.clientBuilder(this.wechat).tokenStore(tokenStore).clock(clock).build();
			HttpClient httpClient = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
			requestFactory.setReadTimeout(Duration.ofSeconds(10));
			this.restClient = RestClient.builder().requestFactory(requestFactory).build();
			this.userInfoUri = URI.create(this.wechat.baseUrl() + WechatStandIn.USER_INFO_PATH + "?access_token="
					+ WechatStandIn.USER_ACCESS_TOKEN + "&openid=" + WechatStandIn.OPENID + "&lang=zh_CN");
			if (!WechatStandIn.OPENID.equals(this.client.getUser(WechatStandIn.OPENID).openid())) {
				throw new IllegalStateException("getUser() read another user");
			}
			String body = this.restClient.get().uri(this.userInfoUri).retrieve().body(String.class);
			if (body == null || !body.contains(WechatStandIn.OPENID)) {
				throw new IllegalStateException("The bare RestClient call read another answer: " + body);
			}
		}

		/** Stops the stand-in. */
		@TearDown(Level.Trial)
		public void tearDown() {
			this.wechat.stop();
		}

	}

}
