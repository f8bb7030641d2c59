package io.github.wechatoauth.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.ClientAccessToken;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.jssdk.JsSdkSignature;
import io.github.wechatoauth.store.redis.RedisSharedStore;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The app access token and JS-SDK signatures on a warm cache: each client has fetched its
 * token and ticket once (from the WireMock stand-in) before measuring, and the stand-in
 * must have seen no other fetch when the trial ends. {@link #readRedisStore} is the
 * reference: one read of the Redis store, the round trip the near-cache saves.
 * <p>
 * The Redis benchmarks use the Redis at {@code 127.0.0.1:6379} (the tests' Redis; the
 * system properties {@code wechat.bench.redis.host} and {@code wechat.bench.redis.port}
 * change it, passed with {@code -jvmArgsAppend}), under a key prefix of their own that is
 * deleted afterwards. Without a Redis they fail with a message saying so; leave them out
 * with {@code -e Redis}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CredentialBenchmarks {

	private static final String PAGE_URL = "https://example.com/pay/order?id=1024&from=menu";

	/**
	 * Returns the app access token with the in-memory store (the default).
	 * @param state the client
	 * @return the token
	 */
	@Benchmark
	public ClientAccessToken accessTokenMemoryStore(MemoryStore state) {
		return state.client.getClientAccessToken();
	}

	/**
	 * Returns the app access token with the Redis store.
	 * @param state the client
	 * @return the token
	 */
	@Benchmark
	public ClientAccessToken accessTokenRedisStore(RedisStore state) {
		return state.client.getClientAccessToken();
	}

	/**
	 * Signs a page URL with the in-memory store.
	 * @param state the client
	 * @return the signature
	 */
	@Benchmark
	public JsSdkSignature jsSdkSignMemoryStore(MemoryStore state) {
		return state.client.jsSdkSign(PAGE_URL);
	}

	/**
	 * Signs a page URL with the in-memory store on two threads at once: signatures must
	 * not contend.
	 * @param state the client
	 * @return the signature
	 */
	@Benchmark
	@Threads(2)
	public JsSdkSignature jsSdkSignMemoryStoreTwoThreads(MemoryStore state) {
		return state.client.jsSdkSign(PAGE_URL);
	}

	/**
	 * Signs a page URL with the Redis store.
	 * @param state the client
	 * @return the signature
	 */
	@Benchmark
	public JsSdkSignature jsSdkSignRedisStore(RedisStore state) {
		return state.client.jsSdkSign(PAGE_URL);
	}

	/**
	 * Reads the access token from the Redis store itself, as every call would without the
	 * near-cache.
	 * @param state the store
	 * @return the stored token
	 */
	@Benchmark
	public Optional<StoredValue> readRedisStore(RedisStore state) {
		return state.store.get(AppCredentials.ACCESS_TOKEN);
	}

	/**
	 * A client on the in-memory store, with its token and ticket fetched.
	 */
	@State(Scope.Benchmark)
	@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
	public static class MemoryStore {

		WireMockServer wechat;

		WechatOAuthClient client;

		/** Starts the stand-in and warms the client's cache. */
		@Setup(Level.Trial)
		public void setUp() {
			this.wechat = WechatStandIn.start(true);
			this.client = WechatStandIn.clientBuilder(this.wechat)
				.sharedStore(new InMemorySharedStore(Clock.systemUTC()))
				.build();
			warm(this.client);
		}

		/** Checks that nothing was fetched again, and stops the stand-in. */
		@TearDown(Level.Trial)
		public void tearDown() {
			try {
				WechatStandIn.requireWarmCache(this.wechat);
			}
			finally {
				this.wechat.stop();
			}
		}

	}

	/**
	 * A client on a {@link RedisSharedStore}, with its token and ticket fetched.
	 */
	@State(Scope.Benchmark)
	@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
	public static class RedisStore {

		WireMockServer wechat;

		LettuceConnectionFactory connectionFactory;

		StringRedisTemplate redis;

		String keyPrefix;

		RedisSharedStore store;

		WechatOAuthClient client;

		/** Connects to Redis, starts the stand-in and warms the client's cache. */
		@Setup(Level.Trial)
		public void setUp() {
			String host = System.getProperty("wechat.bench.redis.host", "127.0.0.1");
			int port = Integer.getInteger("wechat.bench.redis.port", 6379);
			requireReachable(host, port);
			this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
			this.connectionFactory.afterPropertiesSet();
			this.connectionFactory.start();
			this.redis = new StringRedisTemplate(this.connectionFactory);
			byte[] random = new byte[5];
			ThreadLocalRandom.current().nextBytes(random);
			this.keyPrefix = "wechat-bench-" + HexFormat.of().formatHex(random);
			this.store = new RedisSharedStore(this.redis, this.keyPrefix, WechatStandIn.APP_ID, Clock.systemUTC());
			this.wechat = WechatStandIn.start(true);
			this.client = WechatStandIn.clientBuilder(this.wechat).sharedStore(this.store).build();
			warm(this.client);
		}

		/**
		 * Checks that nothing was fetched again, deletes this run's keys and disconnects.
		 */
		@TearDown(Level.Trial)
		public void tearDown() {
			try {
				WechatStandIn.requireWarmCache(this.wechat);
			}
			finally {
				this.wechat.stop();
				deleteKeys();
				this.connectionFactory.destroy();
			}
		}

		private void deleteKeys() {
			ScanOptions pattern = ScanOptions.scanOptions().match(this.keyPrefix + ":*").count(500).build();
			try (Cursor<String> cursor = this.redis.scan(pattern)) {
				List<String> keys = cursor.stream().toList();
				if (!keys.isEmpty()) {
					this.redis.delete(keys);
				}
			}
		}

		private static void requireReachable(String host, int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), 1000);
			}
			catch (IOException ex) {
				throw new IllegalStateException(
						"Redis is not reachable at " + host + ":" + port + " (" + ex.getMessage()
								+ "): start it, or leave the Redis benchmarks out with -Djmh.args=\"-e Redis\"",
						ex);
			}
		}

	}

	private static void warm(WechatOAuthClient client) {
		client.getClientAccessToken();
		client.getJsApiTicket();
	}

}
