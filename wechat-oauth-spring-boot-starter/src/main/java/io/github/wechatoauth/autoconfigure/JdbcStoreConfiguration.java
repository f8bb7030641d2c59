package io.github.wechatoauth.autoconfigure;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.autoconfigure.WechatProperties.Store;
import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcStoreFactory;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchemaInitializer;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchemaInitializer.Action;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Stores in the application's single {@link DataSource}, whose tables a
 * {@link JdbcStoreSchemaInitializer} creates (or checks) at start-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(WechatStoreFactory.class)
@Conditional(StoreTypeCondition.class)
class JdbcStoreConfiguration {

	private static final Log logger = LogFactory.getLog(JdbcStoreConfiguration.class);

	private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_]*");

	@Bean
	@ConditionalOnMissingBean
	JdbcStoreSchemaInitializer wechatJdbcStoreSchemaInitializer(DataSource dataSource, WechatProperties properties) {
		Database database = Database.of(dataSource);
		Action action = switch (properties.getStore().getJdbc().getInitializeSchema()) {
			case ALWAYS -> Action.CREATE;
			case EMBEDDED -> database.embedded() ? Action.CREATE : Action.CHECK;
			case NEVER -> Action.NONE;
		};
		return new JdbcStoreSchemaInitializer(dataSource, database.dialect(), tablePrefix(properties), action);
	}

	@Bean
	WechatStoreFactory wechatJdbcStoreFactory(DataSource dataSource, WechatProperties properties,
			JdbcStoreSchemaInitializer schemaInitializer, ObjectProvider<Clock> clock) {
		Database database = Database.of(dataSource);
		String tablePrefix = tablePrefix(properties);
		String reason = (properties.getStore().getType() == Store.Type.JDBC)
				? WechatStoreAutoConfiguration.STORE_TYPE + " is jdbc" : WechatStoreAutoConfiguration.STORE_TYPE
						+ " is auto, there is no Redis connection and a single DataSource bean exists";
		logger.info("WeChat stores: JDBC (" + database.productName() + ", tables " + tablePrefix + "user_token and "
				+ tablePrefix + "shared"
				+ ((schemaInitializer.getAction() == Action.CREATE) ? ", created if missing" : "") + "), because "
				+ reason);
		return new JdbcStoreFactory(dataSource, database.dialect(), tablePrefix, clock.getIfUnique(Clock::systemUTC));
	}

	private static String tablePrefix(WechatProperties properties) {
		String tablePrefix = properties.getStore().getJdbc().getTablePrefix();
		if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
			throw new InvalidWechatPropertyException("wechat.store.jdbc.table-prefix",
					"wechat.store.jdbc.table-prefix is '" + tablePrefix
							+ "', but a table prefix may hold letters, digits and underscores only.",
					"Set wechat.store.jdbc.table-prefix to a prefix such as wechat_, or remove it to use that default.");
		}
		return tablePrefix;
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
				throw new InvalidWechatPropertyException(WechatStoreAutoConfiguration.STORE_TYPE,
						"The JDBC store supports H2, PostgreSQL, MySQL and MariaDB, but the DataSource is "
								+ productName + ".",
						"Set " + WechatStoreAutoConfiguration.STORE_TYPE + " to memory or redis, or declare your own "
								+ "TokenStore and SharedStore beans.");
			}
			return new Database(productName, dialect, JdbcStoreDialect.isEmbedded(metaData));
		}

	}

}
