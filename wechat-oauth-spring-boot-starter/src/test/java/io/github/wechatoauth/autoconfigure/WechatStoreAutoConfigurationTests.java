package io.github.wechatoauth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchemaInitializer;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchemaInitializer.Action;
import io.github.wechatoauth.store.jdbc.MissingJdbcStoreTablesException;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestDatabase;
import io.github.wechatoauth.testsupport.TestRedis;
import io.github.wechatoauth.testsupport.TestServices;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link WechatStoreAutoConfiguration}: which store each setup gets, under
 * {@code auto} and when forced, with the Redis and JDBC libraries there or not, and a
 * user's own beans winning.
 */
@ExtendWith(CapturedLogsExtension.class)
class WechatStoreAutoConfigurationTests {

	private static final String APPID = "wx1234567890abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class))
		.withPropertyValues("wechat.appid=" + APPID);

	@Test
	void keepsStateInMemoryWithoutRedisOrDataSource(CapturedLogs logs) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WechatStoreFactory.class);
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
			assertThat(context.getBean(SharedStore.class)).isInstanceOf(InMemorySharedStore.class);
		});
		assertThat(logs.all()).containsOnlyOnce("WeChat stores: memory, because wechat.store.type is auto and there is "
				+ "neither a Redis connection nor a single DataSource");
	}

	@Test
	void keepsStateInRedisWhenAStringRedisTemplateExists(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(StringRedisTemplateConfiguration.class).run((context) -> {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
			assertThat(context.getBean(SharedStore.class)).isInstanceOf(RedisSharedStore.class);
		});
		assertThat(logs.all()).containsOnlyOnce("WeChat stores: Redis, keys wechat:<appid>:*, because "
				+ "wechat.store.type is auto and a StringRedisTemplate bean exists");
	}

	@Test
	void keepsStateInRedisWhenASingleRedisConnectionFactoryExists(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(RedisConnectionFactoryConfiguration.class).run((context) -> {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
			assertThat(context.getBean(SharedStore.class)).isInstanceOf(RedisSharedStore.class);
		});
		assertThat(logs.all())
			.contains("because wechat.store.type is auto and a single RedisConnectionFactory bean exists");
	}

	@Test
	void keepsStateInRedisWhenOneOfTwoRedisConnectionFactoriesIsPrimary() {
		this.contextRunner.withUserConfiguration(TwoRedisConnectionFactoriesConfiguration.class)
			.withBean("primaryRedis", RedisConnectionFactory.class,
					() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration()),
					(bean) -> bean.setPrimary(true))
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class));
	}

	@Test
	void doesNotGuessBetweenTwoRedisConnectionFactories() {
		this.contextRunner.withUserConfiguration(TwoRedisConnectionFactoriesConfiguration.class)
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class));
	}

	@Test
	void keepsStateInTheDatabaseWhenASingleDataSourceExists(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(H2Configuration.class).run((context) -> {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
			assertThat(context.getBean(SharedStore.class)).isInstanceOf(JdbcSharedStore.class);
			assertThat(tableExists(context.getBean(DataSource.class), "wechat_user_token")).isTrue();
			assertThat(tableExists(context.getBean(DataSource.class), "wechat_shared")).isTrue();
			assertStoresWork(context.getBean(TokenStore.class));
		});
		assertThat(logs.all()).containsOnlyOnce("WeChat stores: JDBC (H2, tables wechat_user_token and "
				+ "wechat_shared, created if missing), because wechat.store.type is auto, there is no Redis "
				+ "connection and a single DataSource bean exists");
	}

	@Test
	void prefersRedisToTheDatabase() {
		this.contextRunner.withUserConfiguration(StringRedisTemplateConfiguration.class, H2Configuration.class)
			.run((context) -> {
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
				assertThat(tableExists(context.getBean(DataSource.class), "wechat_user_token")).isFalse();
			});
	}

	@Test
	void doesNotGuessBetweenTwoDataSources() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class)
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class));
	}

	@Test
	void keepsStateInMemoryWhenForced(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(StringRedisTemplateConfiguration.class, H2Configuration.class)
			.withPropertyValues("wechat.store.type=memory")
			.run((context) -> {
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
				assertThat(context.getBean(SharedStore.class)).isInstanceOf(InMemorySharedStore.class);
			});
		assertThat(logs.all()).contains("WeChat stores: memory, because wechat.store.type is memory");
	}

	@Test
	void keepsStateInTheDatabaseWhenForcedDespiteRedis(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(StringRedisTemplateConfiguration.class, H2Configuration.class)
			.withPropertyValues("wechat.store.type=jdbc")
			.run((context) -> {
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
				assertThat(context.getBean(SharedStore.class)).isInstanceOf(JdbcSharedStore.class);
			});
		assertThat(logs.all()).contains("because wechat.store.type is jdbc");
	}

	@Test
	void keepsStateInRedisWhenForced(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(RedisConnectionFactoryConfiguration.class, H2Configuration.class)
			.withPropertyValues("wechat.store.type=REDIS")
			.run((context) -> {
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
				assertThat(context.getBean(SharedStore.class)).isInstanceOf(RedisSharedStore.class);
			});
		assertThat(logs.all()).contains("because wechat.store.type is redis");
	}

	@Test
	void keepsStateInTheDatabaseWithoutSpringDataRedis() {
		this.contextRunner.withUserConfiguration(H2Configuration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class));
	}

	@Test
	void keepsStateInMemoryWithoutSpringJdbc() {
		this.contextRunner.withUserConfiguration(H2Configuration.class)
			.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class));
	}

	@Test
	void keepsStateInMemoryWithoutRedisOrJdbcLibraries() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "org.springframework.jdbc"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
			});
	}

	@Test
	void writesRedisKeysUnderTheKeyPrefix() {
		try (TestRedis redis = TestRedis.start()) {
			String appId = TestServices.randomAppId();
			// A connection factory of the context's own, which it destroys.
			this.contextRunner
				.withBean(RedisConnectionFactory.class,
						() -> TestRedis.connectionFactory(TestServices.REDIS_PORT, Duration.ofSeconds(5)))
				.withPropertyValues("wechat.appid=" + appId, "wechat.store.key-prefix=" + redis.keyPrefix())
				.run((context) -> {
					context.getBean(TokenStore.class).saveToken("o-user", token());
					assertThat(redis.keys(redis.keyPrefix() + ":*"))
						.containsExactly(redis.keyPrefix() + ":" + appId + ":user-token:o-user");
				});
		}
	}

	@Test
	void createsTablesWithTheTablePrefix(CapturedLogs logs) {
		this.contextRunner.withUserConfiguration(H2Configuration.class)
			.withPropertyValues("wechat.store.jdbc.table-prefix=shop_")
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(tableExists(dataSource, "shop_user_token")).isTrue();
				assertThat(tableExists(dataSource, "shop_shared")).isTrue();
				assertThat(tableExists(dataSource, "wechat_user_token")).isFalse();
				assertStoresWork(context.getBean(TokenStore.class));
			});
		assertThat(logs.all()).contains("tables shop_user_token and shop_shared");
	}

	@Test
	void createsNoTablesWhenToldNever() {
		this.contextRunner.withUserConfiguration(H2Configuration.class)
			.withPropertyValues("wechat.store.jdbc.initialize-schema=never")
			.run((context) -> {
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
				assertThat(tableExists(context.getBean(DataSource.class), "wechat_user_token")).isFalse();
			});
	}

	@Test
	void checksForTheTablesInH2() {
		this.contextRunner.withUserConfiguration(H2Configuration.class).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			JdbcStoreDialect dialect = JdbcStoreDialect.of(dataSource);
			new JdbcStoreSchemaInitializer(dataSource, dialect, "wechat_", Action.CHECK).afterPropertiesSet();
			assertThatException()
				.isThrownBy(() -> new JdbcStoreSchemaInitializer(dataSource, dialect, "shop_", Action.CHECK)
					.afterPropertiesSet())
				.isInstanceOf(MissingJdbcStoreTablesException.class)
				.withMessageContaining("shop_user_token")
				.withMessageContaining("shop_shared");
		});
	}

	@Test
	void stopsStartUpWhenTheTablesAreMissingInPostgresql() {
		TestServices.assumeReachable("PostgreSQL", TestServices.POSTGRESQL_PORT);
		try (HikariDataSource postgresql = TestDatabase.postgresqlDataSource()) {
			assertServerDatabaseTablesAreCreatedOnlyWhenToldAlways(postgresql, "postgresql");
		}
	}

	@Test
	void stopsStartUpWhenTheTablesAreMissingInMariadb() {
		TestServices.assumeReachable("MariaDB", TestServices.MARIADB_PORT);
		try (HikariDataSource mariadb = TestDatabase.mariadbDataSource();
				CapturedLogs driverLogs = CapturedLogs.of("org.mariadb.jdbc.message.server.ErrorPacket")) {
			assertServerDatabaseTablesAreCreatedOnlyWhenToldAlways(mariadb, "mysql");
			// The check for missing tables makes no failing statement, which the driver
			// would log as a warning.
			assertThat(driverLogs.all()).isEmpty();
		}
	}

	private void assertServerDatabaseTablesAreCreatedOnlyWhenToldAlways(DataSource database, String platform) {
		String prefix = TestServices.randomName("wt") + "_";
		// A wrapper the context does not close: the test drops the tables after it.
		ApplicationContextRunner runner = this.contextRunner
			.withBean(DataSource.class, () -> new DelegatingDataSource(database))
			.withPropertyValues("wechat.store.jdbc.table-prefix=" + prefix);
		try {
			runner.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MissingJdbcStoreTablesException.class);
				FailureAnalysis analysis = new MissingJdbcStoreTablesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(prefix + "user_token", prefix + "shared",
						"wechat.store.jdbc.initialize-schema is embedded");
				assertThat(analysis.getAction()).contains("wechat.store.jdbc.initialize-schema to always",
						"schema-" + platform + ".sql");
				assertThat(tableExists(database, prefix + "user_token")).isFalse();
			});
			runner.withPropertyValues("wechat.store.jdbc.initialize-schema=always").run((context) -> {
				assertThat(tableExists(database, prefix + "user_token")).isTrue();
				assertThat(tableExists(database, prefix + "shared")).isTrue();
				assertStoresWork(context.getBean(TokenStore.class));
			});
			runner.run((context) -> assertThat(context).hasNotFailed());
			runner.withPropertyValues("wechat.store.jdbc.initialize-schema=never")
				.run((context) -> assertThat(context).hasNotFailed());
		}
		finally {
			JdbcTemplate jdbc = new JdbcTemplate(database);
			jdbc.execute("DROP TABLE IF EXISTS " + prefix + "user_token");
			jdbc.execute("DROP TABLE IF EXISTS " + prefix + "shared");
		}
	}

	@Test
	void usesTheApplicationsTokenStore() {
		this.contextRunner.withUserConfiguration(H2Configuration.class)
			.withBean("myTokenStore", TokenStore.class, InMemoryTokenStore::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(TokenStore.class).hasBean("myTokenStore");
				assertThat(context.getBean(SharedStore.class)).isInstanceOf(JdbcSharedStore.class);
			});
	}

	@Test
	void usesTheApplicationsSharedStore() {
		this.contextRunner.withUserConfiguration(H2Configuration.class)
			.withBean("mySharedStore", SharedStore.class, InMemorySharedStore::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(SharedStore.class).hasBean("mySharedStore");
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
			});
	}

	@Test
	void usesTheApplicationsStoreFactory() {
		InMemoryTokenStore tokenStore = new InMemoryTokenStore();
		InMemorySharedStore sharedStore = new InMemorySharedStore();
		this.contextRunner.withUserConfiguration(StringRedisTemplateConfiguration.class)
			.withBean(WechatStoreFactory.class, () -> new WechatStoreFactory() {

				@Override
				public TokenStore tokenStore(String appId) {
					return tokenStore;
				}

				@Override
				public SharedStore sharedStore(String appId) {
					return sharedStore;
				}

			})
			.run((context) -> {
				assertThat(context).hasSingleBean(WechatStoreFactory.class)
					.doesNotHaveBean("wechatRedisStoreFactory")
					.doesNotHaveBean("wechatInMemoryStoreFactory");
				assertThat(context.getBean(TokenStore.class)).isSameAs(tokenStore);
				assertThat(context.getBean(SharedStore.class)).isSameAs(sharedStore);
			});
	}

	@Test
	void givesOneStorePerAppid() {
		this.contextRunner.run((context) -> {
			WechatStoreFactory factory = context.getBean(WechatStoreFactory.class);
			assertThat(factory.tokenStore(APPID)).isSameAs(context.getBean(TokenStore.class));
			assertThat(factory.sharedStore(APPID)).isSameAs(context.getBean(SharedStore.class));
			assertThat(factory.tokenStore("wxfedcba0987654321")).isNotSameAs(factory.tokenStore(APPID));
		});
	}

	@Test
	void givesNoStoresOfTheAccountWithoutAppid() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(WechatStoreFactory.class)
				.doesNotHaveBean(TokenStore.class)
				.doesNotHaveBean(SharedStore.class));
	}

	@Test
	void refusesAMalformedAppidForTheStores() {
		this.contextRunner.withPropertyValues("wechat.appid=wx-bad").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidWechatPropertyException.class)
				.hasMessageContaining("wechat.appid is 'wx-bad'");
		});
	}

	private static void assertStoresWork(TokenStore store) {
		UserToken token = token();
		store.saveToken("o-user", token);
		assertThat(store.getToken("o-user")).contains(token);
	}

	private static UserToken token() {
		return new UserToken("access", 7200, "refresh", "o-user", "snsapi_base", null,
				Instant.ofEpochMilli(System.currentTimeMillis()));
	}

	private static boolean tableExists(DataSource dataSource, String table) {
		// Not by querying the table: MariaDB's driver warns about a failing statement.
		Long count = new JdbcTemplate(dataSource).queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?", Long.class,
				table.toLowerCase(Locale.ROOT));
		return count != null && count > 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class H2Configuration {

		@Bean(destroyMethod = "close")
		HikariDataSource dataSource() {
			return TestDatabase.h2DataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean(destroyMethod = "close")
		HikariDataSource firstDataSource() {
			return TestDatabase.h2DataSource();
		}

		@Bean(destroyMethod = "close")
		HikariDataSource secondDataSource() {
			return TestDatabase.h2DataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RedisConnectionFactoryConfiguration {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StringRedisTemplateConfiguration {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration());
		}

		@Bean
		StringRedisTemplate stringRedisTemplate(RedisConnectionFactory redisConnectionFactory) {
			return new StringRedisTemplate(redisConnectionFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRedisConnectionFactoriesConfiguration {

		@Bean
		LettuceConnectionFactory firstRedis() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration());
		}

		@Bean
		LettuceConnectionFactory secondRedis() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration());
		}

	}

}
