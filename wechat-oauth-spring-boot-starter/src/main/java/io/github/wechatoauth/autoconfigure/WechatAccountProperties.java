package io.github.wechatoauth.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Properties of one WeChat Official Account (or Mini Program): the keys that
 * {@link WechatProperties} binds under {@code wechat.*} and {@code wechat.apps.<name>.*},
 * and that {@link WechatAccounts} reads and checks once.
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

	@NestedConfigurationProperty
	private final WechatAccessTokenProperties accessToken = new WechatAccessTokenProperties();

	@NestedConfigurationProperty
	private final WechatOAuthProperties oauth = new WechatOAuthProperties();

	@NestedConfigurationProperty
	private final WechatMessageProperties message = new WechatMessageProperties();

	@NestedConfigurationProperty
	private final WechatQrLoginProperties qrLogin = new WechatQrLoginProperties();

	@NestedConfigurationProperty
	private final WechatLoginProperties login = new WechatLoginProperties();

	@NestedConfigurationProperty
	private final WechatCredentialProperties credential = new WechatCredentialProperties();

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

	public String getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	public void setApiBaseUrl(String apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	public String getOpenBaseUrl() {
		return this.openBaseUrl;
	}

	public void setOpenBaseUrl(String openBaseUrl) {
		this.openBaseUrl = openBaseUrl;
	}

	public String getMpBaseUrl() {
		return this.mpBaseUrl;
	}

	public void setMpBaseUrl(String mpBaseUrl) {
		this.mpBaseUrl = mpBaseUrl;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable String getEncodingAesKey() {
		return this.encodingAesKey;
	}

	public void setEncodingAesKey(@Nullable String encodingAesKey) {
		this.encodingAesKey = encodingAesKey;
	}

	public WechatAccessTokenProperties getAccessToken() {
		return this.accessToken;
	}

	public WechatOAuthProperties getOauth() {
		return this.oauth;
	}

	public WechatMessageProperties getMessage() {
		return this.message;
	}

	public WechatQrLoginProperties getQrLogin() {
		return this.qrLogin;
	}

	public WechatLoginProperties getLogin() {
		return this.login;
	}

	public WechatCredentialProperties getCredential() {
		return this.credential;
	}

}
