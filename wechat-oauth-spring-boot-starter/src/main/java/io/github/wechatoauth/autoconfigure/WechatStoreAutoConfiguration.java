package io.github.wechatoauth.autoconfigure;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.autoconfigure.WechatProperties.Store;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchema;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of where wechat-oauth keeps its
 * state: the {@link WechatStoreFactory} that gives the stores of any appid, and the
 * {@link TokenStore} and {@link SharedStore} of {@code wechat.appid} when it is set. With
 * {@code wechat.store.type=auto} (the default) the stores are in Redis when a
 * {@code StringRedisTemplate} or a single {@code RedisConnectionFactory} exists, else in
 * the database when a single {@code DataSource} exists, else in memory.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" })
@EnableConfigurationProperties(WechatProperties.class)
public final class WechatStoreAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatStoreAutoConfiguration() {
	}

	static final String STORE_TYPE = "wechat.store.type";

	private static final String STRING_REDIS_TEMPLATE = "org.springframework.data.redis.core.StringRedisTemplate";

	private static final String REDIS_CONNECTION_FACTORY = "org.springframework.data.redis.connection.RedisConnectionFactory";

	private static final String JDBC_TEMPLATE = "org.springframework.jdbc.core.JdbcTemplate";

	private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_]*");

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wechat", name = "appid")
	TokenStore wechatTokenStore(ObjectProvider<WechatStoreFactory> storeFactory, WechatProperties properties) {
		return storeFactory(storeFactory, properties).tokenStore(WechatClientFactory.appId("wechat", properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wechat", name = "appid")
	SharedStore wechatSharedStore(ObjectProvider<WechatStoreFactory> storeFactory, WechatProperties properties) {
		return storeFactory(storeFactory, properties).sharedStore(WechatClientFactory.appId("wechat", properties));
	}

	static WechatStoreFactory storeFactory(ObjectProvider<WechatStoreFactory> storeFactory,
			WechatProperties properties) {
		WechatStoreFactory factory = storeFactory.getIfAvailable();
		if (factory != null) {
			return factory;
		}
		// Only a forced type whose library is missing leaves no factory.
		boolean redis = properties.getStore().getType() == Store.Type.REDIS;
		String library = redis ? "spring-data-redis" : "spring-jdbc";
		String starter = redis ? "spring-boot-starter-data-redis" : "spring-boot-starter-jdbc and a database driver";
		throw new InvalidWechatPropertyException(STORE_TYPE,
				STORE_TYPE + " is '" + typeName(properties) + "', but " + library + " is not on the classpath.",
				"Add " + starter + " to the application, or set " + STORE_TYPE
						+ " to another store (auto, memory, redis or jdbc).");
	}

	private static String typeName(WechatProperties properties) {
		return properties.getStore().getType().name().toLowerCase(Locale.ROOT);
	}

	private static boolean forced(WechatProperties properties, Store.Type type) {
		return properties.getStore().getType() == type;
	}

	/**
	 * Stores in Redis.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@Conditional(RedisStoreCondition.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(WechatStoreFactory.class)
		WechatStoreFactory wechatRedisStoreFactory(WechatProperties properties,
				ObjectProvider<StringRedisTemplate> redisTemplate,
				ObjectProvider<RedisConnectionFactory> redisConnectionFactory, ObjectProvider<Clock> clockBean) {
			Clock clock = WechatClock.of(clockBean);
			String keyPrefix = properties.getStore().getKeyPrefix();
			if (keyPrefix.isBlank()) {
				throw new InvalidWechatPropertyException("wechat.store.key-prefix",
						"wechat.store.key-prefix is blank, but the Redis store's keys need a prefix.",
						"Set wechat.store.key-prefix to a word such as wechat, or remove it to use that default.");
			}
			String reason;
			StringRedisTemplate template = redisTemplate.getIfUnique();
			if (template != null) {
				reason = forced(properties, Store.Type.REDIS) ? STORE_TYPE + " is redis"
						: STORE_TYPE + " is auto and a StringRedisTemplate bean exists";
			}
			else {
				RedisConnectionFactory connectionFactory = redisConnectionFactory.getIfUnique();
				if (connectionFactory == null) {
					throw new InvalidWechatPropertyException(STORE_TYPE,
							STORE_TYPE + " is 'redis', but there is no StringRedisTemplate bean and no single "
									+ "RedisConnectionFactory bean.",
							"Add spring-boot-starter-data-redis and set spring.data.redis.host (or "
									+ "spring.data.redis.url), mark one RedisConnectionFactory @Primary, or set "
									+ STORE_TYPE + " to another store (auto, memory or jdbc).");
				}
				template = new StringRedisTemplate(connectionFactory);
				reason = forced(properties, Store.Type.REDIS) ? STORE_TYPE + " is redis"
						: STORE_TYPE + " is auto and a single RedisConnectionFactory bean exists";
			}
			StringRedisTemplate redis = template;
			return new ChosenStoreFactory("Redis, keys " + keyPrefix + ":<appid>:*", reason,
					(appId) -> new RedisTokenStore(redis, keyPrefix, appId, clock),
					(appId) -> new RedisSharedStore(redis, keyPrefix, appId, clock));
		}

	}

	/**
	 * Stores in a relational database.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@Conditional(JdbcStoreCondition.class)
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(WechatStoreFactory.class)
		WechatStoreFactory wechatJdbcStoreFactory(WechatProperties properties, ObjectProvider<DataSource> dataSources,
				ObjectProvider<Clock> clockBean) {
			Clock clock = WechatClock.of(clockBean);
			Store.Jdbc jdbc = properties.getStore().getJdbc();
			String tablePrefix = jdbc.getTablePrefix();
			if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
				throw new InvalidWechatPropertyException("wechat.store.jdbc.table-prefix",
						"wechat.store.jdbc.table-prefix is '" + tablePrefix
								+ "', but a table prefix may hold letters, digits and underscores only.",
						"Set wechat.store.jdbc.table-prefix to a prefix such as wechat_, or remove it to use that default.");
			}
			DataSource dataSource = dataSources.getIfUnique();
			if (dataSource == null) {
				throw new InvalidWechatPropertyException(STORE_TYPE,
						STORE_TYPE + " is 'jdbc', but there is no single DataSource bean.",
						"Add spring-boot-starter-jdbc and a database driver and set spring.datasource.url, mark one "
								+ "DataSource @Primary, or set " + STORE_TYPE
								+ " to another store (auto, memory or redis).");
			}
			Database database = Database.of(dataSource);
			boolean create = switch (jdbc.getInitializeSchema()) {
				case ALWAYS -> true;
				case EMBEDDED -> database.embedded();
				case NEVER -> false;
			};
			if (create) {
				JdbcStoreSchema.create(dataSource, database.dialect(), tablePrefix);
			}
			String reason = forced(properties, Store.Type.JDBC) ? STORE_TYPE + " is jdbc"
					: STORE_TYPE + " is auto, there is no Redis connection and a single DataSource bean exists";
			JdbcStoreDialect dialect = database.dialect();
			return new ChosenStoreFactory(
					"JDBC (" + database.productName() + ", tables " + tablePrefix + "user_token and " + tablePrefix
							+ "shared" + (create ? ", created if missing" : "") + ")",
					reason, (appId) -> new JdbcTokenStore(dataSource, dialect, tablePrefix, appId, clock),
					(appId) -> new JdbcSharedStore(dataSource, dialect, tablePrefix, appId, clock));
		}

	}

	/**
	 * Stores in this process's memory.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(InMemoryStoreCondition.class)
	static class InMemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(WechatStoreFactory.class)
		WechatStoreFactory wechatInMemoryStoreFactory(WechatProperties properties, ObjectProvider<Clock> clockBean) {
			Clock clock = WechatClock.of(clockBean);
			String reason = forced(properties, Store.Type.MEMORY) ? STORE_TYPE + " is memory" : STORE_TYPE
					+ " is auto and there is neither a Redis connection nor a single DataSource; state is lost on "
					+ "restart and not shared between instances";
			return new ChosenStoreFactory("memory", reason, (appId) -> new InMemoryTokenStore(clock),
					(appId) -> new InMemorySharedStore(clock));
		}

	}

	/**
	 * The database behind a DataSource, from its JDBC metadata.
	 */
	private record Database(String productName, JdbcStoreDialect dialect, boolean embedded) {

		static Database of(DataSource dataSource) {
			try {
				return JdbcUtils.extractDatabaseMetaData(dataSource, Database::of);
			}
			catch (MetaDataAccessException ex) {
				throw new WechatTransportException(
						"The JDBC store could not read the database's metadata at start-up: " + ex.getMessage(), ex);
			}
		}

		private static Database of(DatabaseMetaData metaData) throws SQLException {
			String productName = metaData.getDatabaseProductName();
			JdbcStoreDialect dialect;
			try {
				dialect = JdbcStoreDialect.forProductName(productName);
			}
			catch (IllegalStateException ex) {
				throw new InvalidWechatPropertyException(STORE_TYPE,
						"The JDBC store supports H2, PostgreSQL, MySQL and MariaDB, but the DataSource is "
								+ productName + ".",
						"Set " + STORE_TYPE + " to memory or redis, or declare your own TokenStore and "
								+ "SharedStore beans.");
			}
			return new Database(productName, dialect, JdbcStoreDialect.isEmbedded(metaData));
		}

	}

	/**
	 * Redis: forced, or auto with a StringRedisTemplate or a single
	 * RedisConnectionFactory.
	 */
	static class RedisStoreCondition extends AnyNestedCondition {

		RedisStoreCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = STORE_TYPE, havingValue = "redis")
		static class Forced {

		}

		@Conditional(RedisConnectionCondition.class)
		@ConditionalOnProperty(name = STORE_TYPE, havingValue = "auto", matchIfMissing = true)
		static class Auto {

		}

	}

	/**
	 * JDBC: forced, or auto without a Redis connection and with a single DataSource.
	 */
	static class JdbcStoreCondition extends AnyNestedCondition {

		JdbcStoreCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = STORE_TYPE, havingValue = "jdbc")
		static class Forced {

		}

		@Conditional({ NoRedisConnectionCondition.class, DataSourceCondition.class })
		@ConditionalOnProperty(name = STORE_TYPE, havingValue = "auto", matchIfMissing = true)
		static class Auto {

		}

	}

	/**
	 * Memory: forced, or auto without a Redis connection or a single DataSource.
	 */
	static class InMemoryStoreCondition extends AnyNestedCondition {

		InMemoryStoreCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = STORE_TYPE, havingValue = "memory")
		static class Forced {

		}

		@Conditional({ NoRedisConnectionCondition.class, NoDataSourceCondition.class })
		@ConditionalOnProperty(name = STORE_TYPE, havingValue = "auto", matchIfMissing = true)
		static class Auto {

		}

	}

	/**
	 * A StringRedisTemplate or a single RedisConnectionFactory exists (and so does
	 * spring-data-redis).
	 */
	static class RedisConnectionCondition extends AnyNestedCondition {

		RedisConnectionCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass(name = STRING_REDIS_TEMPLATE)
		@ConditionalOnSingleCandidate(type = STRING_REDIS_TEMPLATE)
		static class Template {

		}

		@ConditionalOnClass(name = STRING_REDIS_TEMPLATE)
		@ConditionalOnSingleCandidate(type = REDIS_CONNECTION_FACTORY)
		static class ConnectionFactory {

		}

	}

	/**
	 * Neither a StringRedisTemplate nor a single RedisConnectionFactory exists, or
	 * spring-data-redis is missing.
	 */
	static class NoRedisConnectionCondition extends NoneNestedConditions {

		NoRedisConnectionCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(RedisConnectionCondition.class)
		static class RedisConnection {

		}

	}

	/**
	 * A single DataSource exists, and so does spring-jdbc.
	 */
	static class DataSourceCondition extends AnyNestedCondition {

		DataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass(name = JDBC_TEMPLATE)
		@ConditionalOnSingleCandidate(DataSource.class)
		static class SingleDataSource {

		}

	}

	/**
	 * No single DataSource exists, or spring-jdbc is missing.
	 */
	static class NoDataSourceCondition extends NoneNestedConditions {

		NoDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(DataSourceCondition.class)
		static class SingleDataSource {

		}

	}

}
