package io.github.wechatoauth.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.internal.http.DefaultTransport;
import io.github.wechatoauth.internal.http.WechatHttp;
import io.github.wechatoauth.internal.json.WechatJson;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserInfo;
import io.github.wechatoauth.oauth.UserToken;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * One {@code sns/userinfo} round trip to the local WireMock stand-in, over HTTP and over
 * HTTPS ({@code scheme}), on each {@code transport}: through
 * {@link WechatOAuthClient#getUser(String)} (token-store lookup, URI building, lenient
 * JSON decoding, the {@code errcode} check, a {@link UserInfo} record) and as a bare
 * {@link RestClient} GET on the same request factory; and, as the baseline, a bare Apache
 * HttpClient 4.5 GET (the transport of WxJava). {@link BenchmarkMain} prints the ratios.
 * <p>
 * The bare calls do the same work as the SDK's, done by hand: they build the URI from the
 * token and the openid on each call (by concatenation, as the values need no encoding)
 * and read the answer into the same {@link UserInfo} record with the same Jackson
 * settings, so that the ratios measure the SDK's overhead, not skipped work. The bare
 * {@code RestClient} call also sends the SDK's {@code Accept} header (a header more is
 * work for the transport and the stand-in: about 2 KB a call with the JDK client); the
 * HttpClient 4.5 GET sends none, as WxJava's does not.
 * <p>
 * Transports: {@code default} is what the SDK creates when given no
 * {@code RestClient.Builder}; Apache HttpClient 5 is on this class path, so that is the
 * one. {@code jdk} is the SDK's tuned JDK client (what it creates when no other client is
 * present), {@code jdk-plain} the JDK client as {@code RestClient} makes it by default
 * (HTTP/2 first, which tries an upgrade on every new {@code http://} connection).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// The stand-in runs in the same JVM: Jetty and WireMock need a while before their
// throughput stops climbing.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class UserInfoBenchmarks {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private static final WechatJson JSON = WechatJson.get();

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
	 * Reads the same answer with a bare {@link RestClient} on the same request factory.
	 * @param state the stand-in and the clients
	 * @return the user's info
	 */
	@Benchmark
	public UserInfo bareRestClient(Stand state) {
		return state.bareGet();
	}

	/**
	 * Reads the same answer with a bare Apache HttpClient 4.5 GET, as WxJava does.
	 * @param state the stand-in and the client
	 * @return the user's info
	 */
	@Benchmark
	public UserInfo bareApacheHttpClient4(Hc4Stand state) {
		return state.bareGet();
	}

	/** The URI of a user's info, built as a bare call would build it. */
	static URI userInfoUri(String userInfoUrl, String accessToken, String openid) {
		return URI.create(userInfoUrl + "?access_token=" + accessToken + "&openid=" + openid + "&lang=zh_CN");
	}

	/** Reads an answer into the SDK's record, with the SDK's Jackson settings. */
	static UserInfo decode(byte @Nullable [] body) {
		UserInfo user = (body != null) ? JSON.readOrNull(body, UserInfo.class) : null;
		if (user == null) {
			throw new IllegalStateException("sns/userinfo answered no user");
		}
		return user;
	}

	/**
	 * The stand-in, an SDK client holding the user's token, and a bare {@link RestClient}
	 * on the same request factory.
	 */
	@State(Scope.Benchmark)
	@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
	public static class Stand {

		/** The request factory: see the class's Javadoc. */
		@Param({ "default", "jdk", "jdk-plain" })
		public String transport;

		/** {@code http} or {@code https}. */
		@Param({ "http", "https" })
		public String scheme;

		WireMockServer wechat;

		WechatOAuthClient client;

		RestClient restClient;

		ClientHttpRequestFactory requestFactory;

		String userInfoUrl;

		/** Starts the stand-in and checks that both clients read the user. */
		@Setup(Level.Trial)
		public void setUp() {
			this.wechat = WechatStandIn.start(false);
			String baseUrl = WechatStandIn.baseUrl(this.wechat, "https".equals(this.scheme));
			ClientHttpRequestFactory requestFactory = requestFactory(this.transport);
			this.requestFactory = requestFactory;
			Clock clock = Clock.systemUTC();
			InMemoryTokenStore tokenStore = new InMemoryTokenStore(clock);
			tokenStore.saveToken(WechatStandIn.OPENID, new UserToken(WechatStandIn.USER_ACCESS_TOKEN, 7200,
					"USER_REFRESH_TOKEN_1", WechatStandIn.OPENID, "snsapi_userinfo", null, clock.instant()));
			WechatOAuthClient.Builder builder = WechatStandIn.clientBuilder(baseUrl)
				.tokenStore(tokenStore)
				.clock(clock);
			if (!"default".equals(this.transport)) {
				builder.restClientBuilder(RestClient.builder().requestFactory(requestFactory));
			}
			else if (!(requestFactory instanceof HttpComponentsClientHttpRequestFactory)) {
				throw new IllegalStateException("The default transport is not Apache HttpClient 5: " + requestFactory);
			}
			this.client = builder.build();
			this.restClient = RestClient.builder().requestFactory(requestFactory).build();
			this.userInfoUrl = baseUrl + WechatStandIn.USER_INFO_PATH;
			if (!WechatStandIn.OPENID.equals(this.client.getUser(WechatStandIn.OPENID).openid())) {
				throw new IllegalStateException("getUser() read another user");
			}
			if (!WechatStandIn.OPENID.equals(bareGet().openid())) {
				throw new IllegalStateException("The bare RestClient call read another user");
			}
		}

		UserInfo bareGet() {
			return decode(this.restClient.get()
				.uri(userInfoUri(this.userInfoUrl, WechatStandIn.USER_ACCESS_TOKEN, WechatStandIn.OPENID))
				.header(HttpHeaders.ACCEPT, WechatHttp.ACCEPT)
				.retrieve()
				.body(byte[].class));
		}

		private static ClientHttpRequestFactory requestFactory(String transport) {
			return switch (transport) {
				case "default" -> DefaultTransport.create(CONNECT_TIMEOUT, READ_TIMEOUT);
				case "jdk" -> DefaultTransport.jdk(CONNECT_TIMEOUT, READ_TIMEOUT);
				case "jdk-plain" -> {
					JdkClientHttpRequestFactory plain = new JdkClientHttpRequestFactory(
							HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
					plain.setReadTimeout(READ_TIMEOUT);
					yield plain;
				}
				default ->
					throw new IllegalArgumentException("transport must be default, jdk or jdk-plain, was " + transport);
			};
		}

		/**
		 * Closes the client (and with it the transport it made) and the bare client's
		 * factory, and stops the stand-in.
		 */
		@TearDown(Level.Trial)
		public void tearDown() {
			this.client.close();
			DefaultTransport.close(this.requestFactory);
			this.wechat.stop();
		}

	}

	/**
	 * The stand-in and a pooled Apache HttpClient 4.5 with the same timeouts.
	 */
	@State(Scope.Benchmark)
	@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
	public static class Hc4Stand {

		/** {@code http} or {@code https}. */
		@Param({ "http", "https" })
		public String scheme;

		WireMockServer wechat;

		CloseableHttpClient httpClient;

		String userInfoUrl;

		/** Starts the stand-in and checks that the client reads the user. */
		@Setup(Level.Trial)
		public void setUp() {
			this.wechat = WechatStandIn.start(false);
			String baseUrl = WechatStandIn.baseUrl(this.wechat, "https".equals(this.scheme));
			RequestConfig config = RequestConfig.custom()
				.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
				.setSocketTimeout((int) READ_TIMEOUT.toMillis())
				.build();
			this.httpClient = HttpClients.custom()
				.setDefaultRequestConfig(config)
				.setMaxConnPerRoute(64)
				.setMaxConnTotal(256)
				.build();
			this.userInfoUrl = baseUrl + WechatStandIn.USER_INFO_PATH;
			if (!WechatStandIn.OPENID.equals(bareGet().openid())) {
				throw new IllegalStateException("The Apache HttpClient 4.5 call read another user");
			}
		}

		UserInfo bareGet() {
			HttpGet get = new HttpGet(
					userInfoUri(this.userInfoUrl, WechatStandIn.USER_ACCESS_TOKEN, WechatStandIn.OPENID));
			try (CloseableHttpResponse response = this.httpClient.execute(get)) {
				return decode(EntityUtils.toByteArray(response.getEntity()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Closes the client and stops the stand-in. */
		@TearDown(Level.Trial)
		public void tearDown() throws IOException {
			this.httpClient.close();
			this.wechat.stop();
		}

	}

}
