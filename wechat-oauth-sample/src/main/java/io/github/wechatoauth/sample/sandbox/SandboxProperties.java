package io.github.wechatoauth.sample.sandbox;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the built-in WeChat sandbox ({@code sample.sandbox.*}).
 */
@ConfigurationProperties("sample.sandbox")
public class SandboxProperties {

	/** Appid of the one app the sandbox knows; {@code wechat.appid} defaults to it. */
	public static final String DEFAULT_APPID = "wx5a4db0c0ffee2024";

	/** AppSecret of the sandbox's app; {@code wechat.secret} defaults to it. */
	public static final String DEFAULT_SECRET = "5a4db0c05ec7e7c0ffee5a4db0c05ec7";

	/**
	 * Token of the sandbox's message server configuration; {@code wechat.token} defaults
	 * to it while the sandbox is on, so that the app has a message endpoint to push to.
	 */
	public static final String DEFAULT_TOKEN = "sandbox5a4db0c0ffee";

	/**
	 * EncodingAESKey of the sandbox's message server configuration (safe mode);
	 * {@code wechat.encoding-aes-key} defaults to it while the sandbox is on.
	 */
	public static final String DEFAULT_ENCODING_AES_KEY = "Sbx5a4db0c0ffee2024SafeModeKeyForTheSample0";

	/** Original id of the sandbox's account: the {@code ToUserName} of its pushes. */
	public static final String DEFAULT_ORIGINAL_ID = "gh_5a4db0c0ffee";

	/**
	 * Whether the sandbox answers under /sandbox. Unset, it is on unless wechat.appid is
	 * another app's (real credentials from WECHAT_APPID and WECHAT_SECRET).
	 */
	private boolean enabled = true;

	/**
	 * Appid of the app the sandbox knows; another appid is answered with errcode 40013.
	 */
	private String appid = DEFAULT_APPID;

	/**
	 * AppSecret of the app the sandbox knows; another secret is answered with errcode
	 * 40125 (40001 by cgi-bin/token).
	 */
	private String secret = DEFAULT_SECRET;

	/**
	 * Base URL the app reaches the sandbox at; wechat.api-base-url, wechat.open-base-url
	 * and wechat.mp-base-url point here. Set from server.port while the sandbox is on.
	 */
	private @Nullable String baseUrl;

	/**
	 * Hosts a redirect_uri may point at, like the authorization callback domain of an
	 * account; another host is refused with errcode 10003.
	 */
	private List<String> redirectHosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getAppid() {
		return this.appid;
	}

	public void setAppid(String appid) {
		this.appid = appid;
	}

	public String getSecret() {
		return this.secret;
	}

	public void setSecret(String secret) {
		this.secret = secret;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public List<String> getRedirectHosts() {
		return this.redirectHosts;
	}

	public void setRedirectHosts(List<String> redirectHosts) {
		this.redirectHosts = redirectHosts;
	}

}
