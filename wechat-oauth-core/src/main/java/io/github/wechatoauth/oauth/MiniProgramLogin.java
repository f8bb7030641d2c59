package io.github.wechatoauth.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
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
	 * Creates the service of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's Mini Program appid and AppSecret, HTTP layer and API
	 * base URL
	 */
	public MiniProgramLogin(ClientContext context) {
		this.http = context.http();
		this.apiBaseUrl = context.apiBaseUrl();
		this.appId = context.appId();
		this.appSecret = context.appSecret();
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
		Session session = this.http.call(this.apiBaseUrl, endpoint, query, null, Session.class, false);
		if (session.openid().isEmpty() || session.sessionKey().isEmpty()) {
			throw new WechatTransportException(endpoint + " answered without openid or session_key");
		}
		return session;
	}

}
