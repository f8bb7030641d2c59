package io.github.wechatoauth.autoconfigure;

import java.time.Duration;

import io.github.wechatoauth.credential.AccessTokenSource;
import io.github.wechatoauth.oauth.Lang;
import org.jspecify.annotations.Nullable;

/**
 * Properties of one WeChat Official Account (or Mini Program): the keys that
 * {@link WechatProperties} binds under {@code wechat.*}, and that a
 * {@link WechatClientFactory} turns into a client.
 *
 * @see WechatProperties
 */
public class WechatAccountProperties {

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
	 * Connect timeout of calls to WeChat.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Read timeout of calls to WeChat: the longest a call waits for an answer.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	private final AccessToken accessToken = new AccessToken();

	private final OAuth oauth = new OAuth();

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
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets the connect timeout.
	 * @param connectTimeout the connect timeout
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Returns the read timeout.
	 * @return the read timeout
	 */
	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Sets the read timeout.
	 * @param readTimeout the read timeout
	 */
	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
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
	 * App access token properties.
	 */
	public static class AccessToken {

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

}
