package io.github.wechatoauth.autoconfigure;

import java.time.Duration;

import io.github.wechatoauth.credential.AccessTokenSource;
import io.github.wechatoauth.message.MessageMode;
import io.github.wechatoauth.oauth.Lang;
import io.github.wechatoauth.oauth.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Properties of one WeChat Official Account (or Mini Program): the keys that
 * {@link WechatProperties} binds under {@code wechat.*} and {@code wechat.apps.<name>.*},
 * and that {@link WechatAccounts} reads and checks once.
 *
 * @see WechatProperties
 */
public class WechatAccountProperties {

	/** Creates the properties with their defaults; Spring Boot binds them. */
	public WechatAccountProperties() {
	}

	/**
	 * AppID of the account: "wx" followed by 16 hexadecimal characters, shown in the
	 * WeChat Official Accounts Platform under Settings and Development > Basic
	 * Configuration.
	 */
	private @Nullable String appid;

	/**
	 * AppSecret of the account. Keep it out of source control, for example as
	 * ${WECHAT_SECRET}; it appears in no message or log line.
	 */
	private @Nullable String secret;

	/**
	 * Base URL of WeChat's API, for a proxy, a test stub or a sandbox.
	 */
	private String apiBaseUrl = "https://api.weixin.qq.com";

	/**
	 * Base URL of WeChat's authorization pages.
	 */
	private String openBaseUrl = "https://open.weixin.qq.com";

	/**
	 * Base URL of QR code images.
	 */
	private String mpBaseUrl = "https://mp.weixin.qq.com";

	/**
	 * Connect timeout of calls to WeChat. Unset, it is that of
	 * spring.http.client(s).connect-timeout, or 5s when that is unset too.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Read timeout of calls to WeChat: the longest a call waits for an answer. Unset, it
	 * is that of spring.http.client(s).read-timeout, or 10s when that is unset too.
	 */
	private @Nullable Duration readTimeout;

	/**
	 * Token of the message server, as set in the WeChat Official Accounts Platform under
	 * Settings and Development > Basic Configuration > Server Configuration. Setting it
	 * enables the message endpoint in a Spring MVC application.
	 */
	private @Nullable String token;

	/**
	 * EncodingAESKey of the message server (43 characters of a-z, A-Z and 0-9), from the
	 * same page, for safe and compatible mode. Keep it out of source control; it appears
	 * in no message or log line.
	 */
	private @Nullable String encodingAesKey;

	private final AccessToken accessToken = new AccessToken();

	private final OAuth oauth = new OAuth();

	private final Message message = new Message();

	private final QrLogin qrLogin = new QrLogin();

	private final Login login = new Login();

	private final Credential credential = new Credential();

	/**
	 * Returns the appid.
	 * @return the appid
	 */
	public @Nullable String getAppid() {
		return this.appid;
	}

	/**
	 * Sets the appid.
	 * @param appid the appid
	 */
	public void setAppid(@Nullable String appid) {
		this.appid = appid;
	}

	/**
	 * Returns the secret.
	 * @return the secret
	 */
	public @Nullable String getSecret() {
		return this.secret;
	}

	/**
	 * Sets the secret.
	 * @param secret the secret
	 */
	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	/**
	 * Returns the api base URL.
	 * @return the api base URL
	 */
	public String getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	/**
	 * Sets the api base URL.
	 * @param apiBaseUrl the api base URL
	 */
	public void setApiBaseUrl(String apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	/**
	 * Returns the open base URL.
	 * @return the open base URL
	 */
	public String getOpenBaseUrl() {
		return this.openBaseUrl;
	}

	/**
	 * Sets the open base URL.
	 * @param openBaseUrl the open base URL
	 */
	public void setOpenBaseUrl(String openBaseUrl) {
		this.openBaseUrl = openBaseUrl;
	}

	/**
	 * Returns the mp base URL.
	 * @return the mp base URL
	 */
	public String getMpBaseUrl() {
		return this.mpBaseUrl;
	}

	/**
	 * Sets the mp base URL.
	 * @param mpBaseUrl the mp base URL
	 */
	public void setMpBaseUrl(String mpBaseUrl) {
		this.mpBaseUrl = mpBaseUrl;
	}

	/**
	 * Returns the connect timeout.
	 * @return the connect timeout
	 */
	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets the connect timeout.
	 * @param connectTimeout the connect timeout
	 */
	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Returns the read timeout.
	 * @return the read timeout
	 */
	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Sets the read timeout.
	 * @param readTimeout the read timeout
	 */
	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	/**
	 * Returns the token.
	 * @return the token
	 */
	public @Nullable String getToken() {
		return this.token;
	}

	/**
	 * Sets the token.
	 * @param token the token
	 */
	public void setToken(@Nullable String token) {
		this.token = token;
	}

	/**
	 * Returns the EncodingAESKey.
	 * @return the EncodingAESKey
	 */
	public @Nullable String getEncodingAesKey() {
		return this.encodingAesKey;
	}

	/**
	 * Sets the EncodingAESKey.
	 * @param encodingAesKey the EncodingAESKey
	 */
	public void setEncodingAesKey(@Nullable String encodingAesKey) {
		this.encodingAesKey = encodingAesKey;
	}

	/**
	 * Returns the access token.
	 * @return the access token
	 */
	public AccessToken getAccessToken() {
		return this.accessToken;
	}

	/**
	 * Returns the OAuth.
	 * @return the OAuth
	 */
	public OAuth getOauth() {
		return this.oauth;
	}

	/**
	 * Returns the message endpoint's properties.
	 * @return the message endpoint's properties
	 */
	public Message getMessage() {
		return this.message;
	}

	/**
	 * Returns the QR log-in properties.
	 * @return the QR log-in properties
	 */
	public QrLogin getQrLogin() {
		return this.qrLogin;
	}

	/**
	 * Returns the login.
	 * @return the login
	 */
	public Login getLogin() {
		return this.login;
	}

	/**
	 * Returns how the access token and ticket are refreshed and waited for.
	 * @return the credential properties
	 */
	public Credential getCredential() {
		return this.credential;
	}

	/**
	 * App access token properties.
	 */
	public static class AccessToken {

		/** Creates the properties with their defaults; Spring Boot binds them. */
		public AccessToken() {
		}

		/**
		 * Where the app access token comes from: "stable" (cgi-bin/stable_token, every
		 * caller gets the same token while it is valid) or "classic" (cgi-bin/token, each
		 * fetch replaces the previous token).
		 */
		private AccessTokenSource source = AccessTokenSource.STABLE;

		/**
		 * Returns the source.
		 * @return the source
		 */
		public AccessTokenSource getSource() {
			return this.source;
		}

		/**
		 * Sets the source.
		 * @param source the source
		 */
		public void setSource(AccessTokenSource source) {
			this.source = source;
		}

	}

	/**
	 * Web authorization properties.
	 */
	public static class OAuth {

		/** Creates the properties with their defaults; Spring Boot binds them. */
		public OAuth() {
		}

		/**
		 * Language of the place names in user info when a call names none.
		 */
		private Lang defaultLang = Lang.ZH_CN;

		/**
		 * Returns the default lang.
		 * @return the default lang
		 */
		public Lang getDefaultLang() {
			return this.defaultLang;
		}

		/**
		 * Sets the default lang.
		 * @param defaultLang the default lang
		 */
		public void setDefaultLang(Lang defaultLang) {
			this.defaultLang = defaultLang;
		}

	}

	/**
	 * Message endpoint properties: where WeChat pushes what users send and do.
	 */
	public static class Message {

		/** Creates the properties with their defaults; Spring Boot binds them. */
		public Message() {
		}

		/**
		 * Path of the message endpoint: the path of the server URL set in the WeChat
		 * Official Accounts Platform.
		 */
		private String path = "/wechat/message";

		/**
		 * How far a push's signed timestamp may be from now, either way, before the push
		 * is refused as a replay.
		 */
		private Duration timestampWindow = Duration.ofMinutes(5);

		/**
		 * Longest wait for the handlers' reply to a push. A slower push is answered
		 * "success" and its reply dropped: WeChat gives up after 5 seconds.
		 */
		private Duration replyTimeout = Duration.ofMillis(4500);

		/**
		 * Largest request body that is read; a larger push is refused with 413.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		/**
		 * Which pushes are accepted, as the message encryption setting of the WeChat
		 * console names it: plaintext, compatible or safe. Safe refuses every push that
		 * is not encrypted with 403. Defaults to safe when an EncodingAESKey is set,
		 * plaintext otherwise.
		 */
		private @Nullable MessageMode mode;

		/**
		 * Returns the path.
		 * @return the path
		 */
		public String getPath() {
			return this.path;
		}

		/**
		 * Sets the path.
		 * @param path the path
		 */
		public void setPath(String path) {
			this.path = path;
		}

		/**
		 * Returns the timestamp window.
		 * @return the timestamp window
		 */
		public Duration getTimestampWindow() {
			return this.timestampWindow;
		}

		/**
		 * Sets the timestamp window.
		 * @param timestampWindow the timestamp window
		 */
		public void setTimestampWindow(Duration timestampWindow) {
			this.timestampWindow = timestampWindow;
		}

		/**
		 * Returns the reply timeout.
		 * @return the reply timeout
		 */
		public Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		/**
		 * Sets the reply timeout.
		 * @param replyTimeout the reply timeout
		 */
		public void setReplyTimeout(Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		/**
		 * Returns the max body size.
		 * @return the max body size
		 */
		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		/**
		 * Sets the max body size.
		 * @param maxBodySize the max body size
		 */
		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		/**
		 * Returns the mode.
		 * @return the mode, or {@code null} for the default
		 */
		public @Nullable MessageMode getMode() {
			return this.mode;
		}

		/**
		 * Sets the mode.
		 * @param mode the mode, or {@code null} for the default
		 */
		public void setMode(@Nullable MessageMode mode) {
			this.mode = mode;
		}

	}

	/**
	 * Scan-to-log-in properties.
	 */
	public static class QrLogin {

		/** Creates the properties with their defaults; Spring Boot binds them. */
		public QrLogin() {
		}

		/**
		 * How long a log-in QR code, and the login id it carries, stay valid: whole
		 * seconds, at most 30 days.
		 */
		private Duration lifetime = Duration.ofMinutes(5);

		/**
		 * Returns the lifetime.
		 * @return the lifetime
		 */
		public Duration getLifetime() {
			return this.lifetime;
		}

		/**
		 * Sets the lifetime.
		 * @param lifetime the lifetime
		 */
		public void setLifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

	}

	/**
	 * Spring Security login properties: the client registrations of the account, when
	 * spring-security-oauth2-client is on the classpath.
	 */
	public static class Login {

		/** Creates the properties with their defaults; Spring Boot binds them. */
		public Login() {
		}

		/**
		 * Scope of the account's client registration ("wechat", or "wechat-<name>" for
		 * wechat.apps.<name>): "snsapi_userinfo" (consent page; nickname and avatar),
		 * "snsapi_base" (silent; openid only) or "snsapi_login" (website QR login, for
		 * the appid of an Open Platform website application).
		 */
		private Scope scope = Scope.SNSAPI_USERINFO;

		/**
		 * Whether to register "wechat-web", website QR login (connect/qrconnect, scope
		 * snsapi_login), when wechat.website.appid and wechat.website.secret are set.
		 * Read from wechat.login.website only.
		 */
		private boolean website = true;

		/**
		 * Whether Spring Security's login lets snapshot users in: people who opened the
		 * page from a Moments snapshot (WeChat's "is_snapshotuser": 1), whose openid and
		 * unionid are virtual. Refused by default with the error code
		 * "wechat_snapshot_user".
		 */
		private boolean allowSnapshotUsers;

		/**
		 * Returns the scope.
		 * @return the scope
		 */
		public Scope getScope() {
			return this.scope;
		}

		/**
		 * Sets the scope.
		 * @param scope the scope
		 */
		public void setScope(Scope scope) {
			this.scope = scope;
		}

		/**
		 * Returns whether to register the website login too.
		 * @return whether to register the website login too
		 */
		public boolean isWebsite() {
			return this.website;
		}

		/**
		 * Sets whether to register the website login too.
		 * @param website whether to register the website login too
		 */
		public void setWebsite(boolean website) {
			this.website = website;
		}

		/**
		 * Returns whether the login lets snapshot users in.
		 * @return whether the login lets snapshot users in
		 */
		public boolean isAllowSnapshotUsers() {
			return this.allowSnapshotUsers;
		}

		/**
		 * Sets whether the login lets snapshot users in.
		 * @param allowSnapshotUsers whether the login lets snapshot users in
		 */
		public void setAllowSnapshotUsers(boolean allowSnapshotUsers) {
			this.allowSnapshotUsers = allowSnapshotUsers;
		}

	}

	/**
	 * How the app access token and jsapi_ticket are refreshed and waited for. Every
	 * instance that shares the store fetches each once per expiry: one refreshes, the
	 * others read its result from the store.
	 */
	public static class Credential {

		/** Creates the properties with their defaults; Spring Boot binds them. */
		public Credential() {
		}

		/**
		 * How long before expiry the access token and ticket are refreshed, while the
		 * current ones stay in use. Each instance takes off a little jitter (a tenth, at
		 * most 30s) so that a fleet does not refresh in the same second.
		 */
		private Duration refreshMargin = Duration.ofMinutes(5);

		/**
		 * Longest a caller waits for another thread or instance to refresh an expired
		 * credential; then it gets an error that says what it waited for.
		 */
		private Duration maxWait = Duration.ofSeconds(5);

		/**
		 * How long the instance that refreshes a credential holds the store's lease. If
		 * it dies mid-refresh, another instance takes over once the lease lapses. Keep it
		 * longer than a call to WeChat may take (read-timeout).
		 */
		private Duration leaseTtl = Duration.ofSeconds(15);

		/**
		 * Returns the refresh margin.
		 * @return the refresh margin
		 */
		public Duration getRefreshMargin() {
			return this.refreshMargin;
		}

		/**
		 * Sets the refresh margin.
		 * @param refreshMargin the refresh margin
		 */
		public void setRefreshMargin(Duration refreshMargin) {
			this.refreshMargin = refreshMargin;
		}

		/**
		 * Returns the maximum wait.
		 * @return the maximum wait
		 */
		public Duration getMaxWait() {
			return this.maxWait;
		}

		/**
		 * Sets the maximum wait.
		 * @param maxWait the maximum wait
		 */
		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		/**
		 * Returns the lease lifetime.
		 * @return the lease lifetime
		 */
		public Duration getLeaseTtl() {
			return this.leaseTtl;
		}

		/**
		 * Sets the lease lifetime.
		 * @param leaseTtl the lease lifetime
		 */
		public void setLeaseTtl(Duration leaseTtl) {
			this.leaseTtl = leaseTtl;
		}

	}

}
