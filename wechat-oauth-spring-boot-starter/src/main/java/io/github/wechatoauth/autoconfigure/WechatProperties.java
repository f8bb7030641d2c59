package io.github.wechatoauth.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of wechat-oauth: the account ({@code wechat.appid},
 * {@code wechat.secret} and the rest of {@link WechatAccountProperties}), where its state
 * is kept ({@code wechat.store.*}), and further accounts by name
 * ({@code wechat.apps.<name>.*}).
 */
@ConfigurationProperties("wechat")
public class WechatProperties extends WechatAccountProperties {

	private final Store store = new Store();

	/**
	 * Further accounts of the application, by name (lowercase letters, digits and
	 * dashes): wechat.apps.<name>.appid, .secret and the other keys of one account. Each
	 * gets its own client (WechatOAuthClients#get(name)), Spring Security registration
	 * ("wechat-<name>") and, when its token is set, message endpoint at
	 * wechat.apps.<name>.message.path; all keep their state in the store of
	 * wechat.store.*, scoped by appid.
	 */
	private final Map<String, WechatAccountProperties> apps = new LinkedHashMap<>();

	private final Website website = new Website();

	public Store getStore() {
		return this.store;
	}

	public Map<String, WechatAccountProperties> getApps() {
		return this.apps;
	}

	public Website getWebsite() {
		return this.website;
	}

	/**
	 * Credentials of an Open Platform website application, whose website QR login
	 * (connect/qrconnect, scope snsapi_login) the "wechat-web" registration and
	 * WechatOAuthClients#getWebsite() serve. An Official Account's appid cannot use
	 * snsapi_login, so without them there is no "wechat-web".
	 */
	public static class Website {

		/**
		 * AppID of the website application ("wx" followed by 16 hexadecimal characters),
		 * shown in the WeChat Open Platform under Management Center > Website
		 * Application.
		 */
		private @Nullable String appid;

		/**
		 * AppSecret of the website application. Keep it out of source control, for
		 * example as ${WECHAT_WEBSITE_SECRET}; it appears in no message or log line.
		 */
		private @Nullable String secret;

		public @Nullable String getAppid() {
			return this.appid;
		}

		public void setAppid(@Nullable String appid) {
			this.appid = appid;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

	}

	/**
	 * Where user tokens and app credentials are kept.
	 */
	public static class Store {

		/**
		 * Store to use. "auto" picks Redis when a single RedisConnectionFactory bean
		 * exists, else JDBC when a single DataSource bean exists, else memory.
		 */
		private Type type = Type.AUTO;

		/**
		 * Prefix of the Redis store's keys, which read
		 * "<prefix>:<appid>:user-token:<openid>" and "<prefix>:<appid>:shared:<key>".
		 */
		private String keyPrefix = "wechat";

		/**
		 * Longest wait for one call to the store (Redis, JDBC or a store bean of the
		 * application's). A call that fails or takes longer marks the store as down:
		 * later calls skip it until a probe every 5 s succeeds, and meanwhile each
		 * instance fetches the access token and ticket from WeChat itself. Keep it well
		 * under wechat.credential.max-wait.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		private final Jdbc jdbc = new Jdbc();

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Jdbc getJdbc() {
			return this.jdbc;
		}

		/**
		 * Kinds of store.
		 */
		public enum Type {

			/**
			 * Redis when a single RedisConnectionFactory bean exists, else JDBC when a
			 * single DataSource bean exists, else memory.
			 */
			AUTO,

			/**
			 * This process's memory: right for a single instance; lost on restart.
			 */
			MEMORY,

			/**
			 * Redis, through a StringRedisTemplate.
			 */
			REDIS,

			/**
			 * A relational database (H2, PostgreSQL, MySQL or MariaDB), through the
			 * DataSource.
			 */
			JDBC

		}

		/**
		 * JDBC store properties.
		 */
		public static class Jdbc {

			/**
			 * When to create the JDBC store's tables at start-up (if they do not exist).
			 */
			private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

			/**
			 * Prefix of the JDBC store's table names, which read "<prefix>user_token" and
			 * "<prefix>shared": letters, digits and underscores.
			 */
			private String tablePrefix = "wechat_";

			public SchemaInitialization getInitializeSchema() {
				return this.initializeSchema;
			}

			public void setInitializeSchema(SchemaInitialization initializeSchema) {
				this.initializeSchema = initializeSchema;
			}

			public String getTablePrefix() {
				return this.tablePrefix;
			}

			public void setTablePrefix(String tablePrefix) {
				this.tablePrefix = tablePrefix;
			}

		}

		/**
		 * When the JDBC store's tables are created.
		 */
		public enum SchemaInitialization {

			/**
			 * Only in an embedded database, such as H2 in memory or in a file.
			 */
			EMBEDDED,

			/**
			 * In any database.
			 */
			ALWAYS,

			/**
			 * Never: the tables are created by hand or by a migration tool.
			 */
			NEVER

		}

	}

}
