package io.github.wechatoauth.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A store whose server is down, or answers nothing, fails each call with a
 * {@link WechatTransportException} within its timeout, and says so without a token in the
 * message. No real server is needed: the "servers" here are a closed port and a socket
 * that accepts and never answers.
 */
class StoreOutageTests {

	private static final String APPID = "wx0123456789abcdef";

	private static final String SECRET_VALUE = "secret-token-value";

	private static final Duration BOUND = Duration.ofSeconds(5);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
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
