package io.github.wechatoauth.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.http.WechatHttp;

/**
 * Mini Program login: exchanges the code of {@code wx.login()} for a session
 * ({@code sns/jscode2session}). Use it through
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class MiniProgramLogin {

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final String appId;

	private final String appSecret;

	/**
	 * Creates the service.
	 * @param http the HTTP layer
	 * @param apiBaseUrl the API base URL
	 * @param appId the Mini Program's appid
	 * @param appSecret the Mini Program's AppSecret
	 */
	public MiniProgramLogin(WechatHttp http, String apiBaseUrl, String appId, String appSecret) {
		this.http = http;
		this.apiBaseUrl = apiBaseUrl;
		this.appId = appId;
		this.appSecret = appSecret;
	}

	/**
	 * Exchanges a login code for a session.
	 * @param jsCode the code from {@code wx.login()}; single-use
	 * @return the session
	 */
	public Session code2Session(String jsCode) {
		Arguments.requireText(jsCode, "jsCode");
		Map<String, String> query = new LinkedHashMap<>();
		query.put("appid", this.appId);
		query.put("secret", this.appSecret);
		query.put("js_code", jsCode);
		query.put("grant_type", "authorization_code");
		String endpoint = "sns/jscode2session";
		Session session = this.http.get(this.apiBaseUrl, endpoint, query, Session.class);
		if (session.openid().isEmpty() || session.sessionKey().isEmpty()) {
			throw new WechatTransportException(endpoint + " answered without openid or session_key");
		}
		return session;
	}

}
