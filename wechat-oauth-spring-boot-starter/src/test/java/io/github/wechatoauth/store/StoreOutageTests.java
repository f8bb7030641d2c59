package io.github.wechatoauth.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchema;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.PausableProxy;
import io.github.wechatoauth.testsupport.PrivateRedis;
import io.github.wechatoauth.testsupport.TestServices;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import io.github.wechatoauth.testsupport.TestRedis;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A store whose server is down, or answers nothing, fails each call with a
 * {@link WechatTransportException} within its timeout, and says so without a token in the
 * message (a closed port and a socket that accepts and never answers). And with real
 * servers that stop answering (a {@code redis-server} of the test's own paused with
 * {@code kill -STOP} or killed, a pausable proxy in front of PostgreSQL and MariaDB),
 * with the store clients' own long default timeouts (Lettuce's 60 s, Hikari's 30 s, no
 * socket timeout): the client answers within {@code max-wait} with a token from WeChat,
 * fails {@code getUser()} within it, says once that the store is gone and once that it is
 * back, and the fleet fetches once per expiry again afterwards. Waits that are I/O are
 * asserted against a real-time ceiling, the policy's {@code max-wait}.
 */
@ExtendWith(CapturedLogsExtension.class)
class StoreOutageTests {

	private static final CredentialPolicy POLICY = CredentialPolicy.DEFAULT;

	@RegisterExtension
	static final WireMockExtension wechat = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final MutableClock clock = new MutableClock();

	private final String appId = TestServices.randomAppId();

	private static final String APPID = "wx0123456789abcdef";

	private static final String SECRET_VALUE = "secret-token-value";

	/**
	 * The ceiling of a store call that fails: far above the 0.5 to 1 s timeouts these
	 * tests configure, so that a loaded machine does not fail them, and far below what a
	 * lost setting would fall back to (Lettuce's 60 s command timeout, MariaDB's 30 s
	 * connect timeout, the JDBC drivers' socket timeout of none).
	 */
	private static final Duration BOUND = Duration.ofSeconds(20);

	private final List<AutoCloseable> resources = new ArrayList<>();

	/**
	 * Makes one WeChat call first, so that the bounds asserted are not a cold JVM's and
	 * WireMock's first request.
	 */
	@BeforeEach
	void warmUp() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"WARM_UP\",\"expires_in\":7200}")));
		WechatOAuthClient.builder()
			.appId(this.appId)
			.appSecret("APPSECRET0ddba11c0ffee5ecret")
			.apiBaseUrl(wechat.baseUrl())
			.readTimeout(Duration.ofSeconds(60))
			.build()
			.getClientAccessToken();
		wechat.resetAll();
	}

	@AfterEach
	void closeResources() throws Exception {
		// The JDBC stores' put watch first, so that it takes the end of its connection
		// for
		// the end it is, not for an outage.
		for (AutoCloseable resource : this.resources) {
			if (resource instanceof JdbcSharedStore) {
				resource.close();
			}
		}
		// Servers next: a client closing a connection to a paused server would wait for
		// it.
		for (AutoCloseable resource : this.resources) {
			if (resource instanceof PrivateRedis || resource instanceof PausableProxy) {
				resource.close();
			}
		}
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void redisPausedBeforeAnythingIsCachedTheTokenComesFromWechatWithinMaxWait() {
		stubIssuedTokens();
		PrivateRedis redis = privateRedis();
		WechatOAuthClient client = client(
				new RedisSharedStore(redisOn(redis.port()), "wechat", this.appId, this.clock));
		redis.pause();

		assertWithinMaxWait(() -> assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1"));
		for (int i = 0; i < 100; i++) {
			assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1");
		}
		assertThat(tokenFetches()).isOne();
	}

	@Test
	void redisKilledTheTokenComesFromWechatWithinMaxWait() {
		stubIssuedTokens();
		PrivateRedis redis = privateRedis();
		WechatOAuthClient client = client(
				new RedisSharedStore(redisOn(redis.port()), "wechat", this.appId, this.clock));
		redis.close();

		assertWithinMaxWait(() -> assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1"));
	}

	@Test
	void redisPausedMidRunThenBackTheFleetFetchesOncePerExpiryAgainAndSaysSoOnce(CapturedLogs logs) {
		stubIssuedTokens();
		PrivateRedis redis = privateRedis();
		StringRedisTemplate template = redisOn(redis.port());
		List<WechatOAuthClient> fleet = List.of(
				client(new RedisSharedStore(template, "wechat", this.appId, this.clock),
						new RedisTokenStore(template, "wechat", this.appId, this.clock)),
				client(new RedisSharedStore(template, "wechat", this.appId, this.clock)));
		fleet.forEach(WechatOAuthClient::getClientAccessToken);
		assertThat(tokenFetches()).isOne();

		// Down mid-run, and the token expires: each instance fetches its own.
		redis.pause();
		this.clock.advance(Duration.ofSeconds(7201));
		for (WechatOAuthClient instance : fleet) {
			assertWithinMaxWait(
					() -> assertThat(instance.getClientAccessToken().accessToken()).startsWith("APP_TOKEN_"));
		}
		assertThat(tokenFetches()).isEqualTo(3);
		// However many calls meet the outage, it is said once per store.
		for (int i = 0; i < 100; i++) {
			fleet.get(0).getClientAccessToken();
			assertThat(catchThrowable(() -> fleet.get(0).getUser("o-user")))
				.isInstanceOf(WechatTransportException.class);
		}

		// Back: at the next expiry the fleet fetches once.
		redis.resume();
		this.clock.advance(Duration.ofSeconds(7201));
		Set<String> served = new HashSet<>();
		for (WechatOAuthClient instance : fleet) {
			served.add(instance.getClientAccessToken().accessToken());
		}
		assertThat(served).containsExactly("APP_TOKEN_4");
		assertThat(tokenFetches()).isEqualTo(4);
		assertThat(occurrences(logs, "Going on without it until it answers again")).as("WARN lines").isEqualTo(3);
		// The second instance took the new token from Redis's message, without a store
		// call: its store is found back at its next call.
		assertThat(occurrences(logs, "answers again, after")).as("INFO lines").isOne();
	}

	@Test
	void getUserFailsWithinMaxWaitWhenRedisIsPaused() {
		PrivateRedis redis = privateRedis();
		StringRedisTemplate template = redisOn(redis.port());
		RedisTokenStore tokens = new RedisTokenStore(template, "wechat", this.appId, this.clock);
		tokens.saveToken("o-user", token(SECRET_VALUE));
		WechatOAuthClient client = client(new RedisSharedStore(template, "wechat", this.appId, this.clock), tokens);
		redis.pause();

		assertWithinMaxWait(() -> assertThat(catchThrowable(() -> client.getUser("o-user")))
			.isInstanceOf(WechatTransportException.class)
			.hasMessageContaining("did not read a user token within PT1S"));
	}

	@Test
	void postgresqlHangingBehindAProxyTheTokenComesFromWechatWithinMaxWait() {
		TestServices.assumeReachable("PostgreSQL", TestServices.POSTGRESQL_PORT);
		assertJdbcOutage(TestServices.POSTGRESQL_PORT, "jdbc:postgresql://127.0.0.1:%d/test", "postgres",
				JdbcStoreDialect.POSTGRESQL);
	}

	@Test
	void mariadbHangingBehindAProxyTheTokenComesFromWechatWithinMaxWait() {
		TestServices.assumeReachable("MariaDB", TestServices.MARIADB_PORT);
		assertJdbcOutage(TestServices.MARIADB_PORT, "jdbc:mariadb://127.0.0.1:%d/test", "root", JdbcStoreDialect.MYSQL);
	}

	@Test
	void qrLogInFailsWithinItsBudgetWhenRedisIsPaused() {
		PrivateRedis redis = privateRedis();
		RedisSharedStore store = new RedisSharedStore(redisOn(redis.port()), "wechat", this.appId, this.clock);
		WechatQrLogin qrLogin = new WechatQrLogin(this.appId, (request) -> {
			throw new AssertionError("no QR code is created here");
		}, store, this.clock);
		redis.pause();

		assertWithinMaxWait(() -> assertThat(catchThrowable(() -> qrLogin.poll("AAAAAAAAAAAAAAAAAAAAAA")))
			.isInstanceOf(WechatTransportException.class));
		assertWithinMaxWait(() -> assertThat(catchThrowable(() -> qrLogin.confirm("AAAAAAAAAAAAAAAAAAAAAA", "o-user")))
			.isInstanceOf(WechatTransportException.class));
	}

	private void assertJdbcOutage(int port, String url, String user, JdbcStoreDialect dialect) {
		stubIssuedTokens();
		PausableProxy proxy = PausableProxy.to(port);
		this.resources.add(proxy);
		// Hikari's defaults: a 30 s connection timeout, no socket timeout.
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(String.format(url, proxy.port()));
		config.setUsername(user);
		HikariDataSource dataSource = new HikariDataSource(config);
		this.resources.add(dataSource);
		String tablePrefix = TestServices.randomName("wt") + "_";
		JdbcStoreSchema.create(dataSource, dialect, tablePrefix);
		this.resources.add(() -> {
			try (HikariDataSource direct = pool(String.format(url, port), user)) {
				JdbcTemplate jdbc = new JdbcTemplate(direct);
				jdbc.execute("DROP TABLE IF EXISTS " + tablePrefix + "user_token");
				jdbc.execute("DROP TABLE IF EXISTS " + tablePrefix + "shared");
			}
		});
		JdbcTokenStore tokens = new JdbcTokenStore(dataSource, dialect, tablePrefix, this.appId, this.clock);
		tokens.saveToken("o-user", token(SECRET_VALUE));
		WechatOAuthClient client = client(new JdbcSharedStore(dataSource, dialect, tablePrefix, this.appId, this.clock),
				tokens);
		proxy.pause();

		assertWithinMaxWait(() -> assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_1"));
		assertWithinMaxWait(() -> assertThat(catchThrowable(() -> client.getUser("o-user")))
			.isInstanceOf(WechatTransportException.class));

		// Back: the next expiry goes through the store again.
		proxy.resume();
		this.clock.advance(Duration.ofSeconds(7201));
		assertThat(client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
		assertThat(new JdbcSharedStore(dataSource, dialect, tablePrefix, this.appId, this.clock)
			.get(AppCredentials.ACCESS_TOKEN)).map(StoredValue::value).contains("APP_TOKEN_2");
	}

	private static HikariDataSource pool(String url, String user) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(1);
		return new HikariDataSource(config);
	}

	private PrivateRedis privateRedis() {
		PrivateRedis redis = PrivateRedis.start();
		this.resources.add(redis);
		return redis;
	}

	/** A Redis connection with Lettuce's default command timeout of 60 s. */
	private StringRedisTemplate redisOn(int port) {
		LettuceConnectionFactory connectionFactory = TestRedis.connectionFactory(port, Duration.ofSeconds(60));
		this.resources.add(connectionFactory::destroy);
		return new StringRedisTemplate(connectionFactory);
	}

	private WechatOAuthClient client(SharedStore shared) {
		return client(shared, null);
	}

	private WechatOAuthClient client(SharedStore shared, @Nullable TokenStore tokens) {
		WechatOAuthClient.Builder builder = WechatOAuthClient.builder()
			.appId(this.appId)
			.appSecret("APPSECRET0ddba11c0ffee5ecret")
			.apiBaseUrl(wechat.baseUrl())
			.openBaseUrl(wechat.baseUrl())
			.mpBaseUrl(wechat.baseUrl())
			.clock(this.clock)
			.credentialPolicy(POLICY)
			.sharedStore(shared);
		if (shared instanceof AutoCloseable closeable) {
			this.resources.add(closeable);
		}
		if (tokens != null) {
			builder.tokenStore(tokens);
		}
		return builder.build();
	}

	private static void assertWithinMaxWait(Runnable call) {
		long start = System.nanoTime();
		call.run();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time taken").isLessThan(POLICY.maxWait());
	}

	private static void stubIssuedTokens() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.willReturn(okJson("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}"))
			.willSetStateTo("2"));
		for (int i = 2; i < 10; i++) {
			wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
				.whenScenarioStateIs(Integer.toString(i))
				.willReturn(okJson("{\"access_token\":\"APP_TOKEN_" + i + "\",\"expires_in\":7200}"))
				.willSetStateTo(Integer.toString(i + 1)));
		}
	}

	private static int tokenFetches() {
		return wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))).size();
	}

	private static int occurrences(CapturedLogs logs, String text) {
		return logs.all().split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

	@Test
	void redisStoresFailFastWhenRedisIsDown() throws IOException {
		StringRedisTemplate redis = redis(closedPort());
		assertFailsQuickly(new RedisTokenStore(redis, APPID), new RedisSharedStore(redis, APPID));
	}

	@Test
	void redisStoresFailWithinTheCommandTimeoutWhenRedisAnswersNothing() throws IOException {
		StringRedisTemplate redis = redis(silentServer());
		assertFailsQuickly(new RedisTokenStore(redis, APPID), new RedisSharedStore(redis, APPID));
	}

	@Test
	void jdbcStoresFailFastWhenTheDatabaseIsDown() throws IOException {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				"jdbc:postgresql://127.0.0.1:" + closedPort() + "/test?connectTimeout=1", "postgres", "");
		assertFailsQuickly(
				new JdbcTokenStore(dataSource, JdbcStoreDialect.POSTGRESQL, "wechat_", APPID, Clock.systemUTC()),
				new JdbcSharedStore(dataSource, JdbcStoreDialect.POSTGRESQL, "wechat_", APPID, Clock.systemUTC()));
	}

	@Test
	void jdbcStoresFailWithinTheDriverTimeoutWhenTheDatabaseAnswersNothing() throws IOException {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(),
				"jdbc:mariadb://127.0.0.1:" + silentServer() + "/test?connectTimeout=500&socketTimeout=500", "root",
				"");
		assertFailsQuickly(new JdbcTokenStore(dataSource, JdbcStoreDialect.MYSQL, "wechat_", APPID, Clock.systemUTC()),
				new JdbcSharedStore(dataSource, JdbcStoreDialect.MYSQL, "wechat_", APPID, Clock.systemUTC()));
	}

	@Test
	void jdbcStoresSayTheTablesAreMissingAndHowToCreateThem() {
		TestDatabase database = TestDatabase.h2();
		this.resources.add(database);
		JdbcTokenStore store = new JdbcTokenStore(database.dataSource(), JdbcStoreDialect.H2, "missing_", APPID,
				Clock.systemUTC());
		WechatTransportException failure = assertThrows(WechatTransportException.class, () -> store.getToken("o-user"));
		assertThat(failure).hasMessageContaining("missing_user_token")
			.hasMessageContaining("schema-<platform>.sql")
			.hasMessageContaining("wechat.store.jdbc.initialize-schema=always");
	}

	@Test
	void jdbcStoresNameNoValueWhenTheDatabaseRefusesARow() {
		TestDatabase database = TestDatabase.h2();
		this.resources.add(database);
		JdbcTokenStore store = new JdbcTokenStore(database.dataSource(), JdbcStoreDialect.H2, database.tablePrefix(),
				APPID, Clock.systemUTC());
		String tooLong = SECRET_VALUE.repeat(200);
		WechatTransportException failure = assertThrows(WechatTransportException.class,
				() -> store.saveToken("o-user", token(tooLong)));
		assertThat(failure).hasMessageContaining("refused the row").hasNoCause();
		assertThat(failure.getMessage()).doesNotContain(SECRET_VALUE);
	}

	private void assertFailsQuickly(TokenStore tokens, SharedStore credentials) {
		StoredValue credential = new StoredValue(SECRET_VALUE, Instant.now(), Instant.now().plus(Duration.ofHours(2)));
		assertFailsQuickly(() -> tokens.getToken("o-user"));
		assertFailsQuickly(() -> tokens.saveToken("o-user", token(SECRET_VALUE)));
		assertFailsQuickly(() -> tokens.removeToken("o-user"));
		assertFailsQuickly(() -> credentials.get("access_token"));
		assertFailsQuickly(() -> credentials.put("access_token", credential));
		assertFailsQuickly(() -> credentials.remove("access_token", SECRET_VALUE));
		assertFailsQuickly(() -> credentials.tryAcquireLease("access_token", Duration.ofSeconds(15)));
	}

	private void assertFailsQuickly(Executable call) {
		long start = System.nanoTime();
		WechatTransportException failure = assertThrows(WechatTransportException.class, call);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
		assertThat(failure.getMessage()).contains("store could not").doesNotContain(SECRET_VALUE);
	}

	private static UserToken token(String accessToken) {
		return new UserToken(accessToken, 7200, "refresh-token", "o-user", "snsapi_base", null, Instant.now());
	}

	private StringRedisTemplate redis(int port) {
		LettuceConnectionFactory connectionFactory = TestRedis.connectionFactory(port, Duration.ofMillis(500));
		this.resources.add(connectionFactory::destroy);
		return new StringRedisTemplate(connectionFactory);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Starts a server on the loopback address that accepts connections and never says a
	 * word.
	 */
	private int silentServer() throws IOException {
		ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		List<Socket> accepted = new ArrayList<>();
		Thread acceptor = new Thread(() -> {
			try {
				while (!server.isClosed()) {
					Socket socket = server.accept();
					synchronized (accepted) {
						accepted.add(socket);
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}, "silent-server");
		acceptor.setDaemon(true);
		acceptor.start();
		this.resources.add(() -> {
			server.close();
			synchronized (accepted) {
				for (Socket socket : accepted) {
					socket.close();
				}
			}
		});
		return server.getLocalPort();
	}

}
