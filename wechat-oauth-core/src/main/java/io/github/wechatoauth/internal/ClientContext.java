package io.github.wechatoauth.internal;

import java.time.Clock;

import io.github.wechatoauth.internal.http.WechatHttp;

/**
 * What every capability of one client shares: the account, where WeChat is, the HTTP
 * layer and the clock. Built once by {@link io.github.wechatoauth.WechatOAuthClient},
 * which checks the values. Internal.
 *
 * @param appId the appid
 * @param appSecret the AppSecret (secret: masked in {@link #toString()})
 * @param http the HTTP layer
 * @param apiBaseUrl the API base URL, normally {@code https://api.weixin.qq.com}
 * @param openBaseUrl the base URL of the authorization pages, normally
 * {@code https://open.weixin.qq.com}
 * @param mpBaseUrl the base URL of QR code images, normally
 * {@code https://mp.weixin.qq.com}
 * @param clock the clock that stamps and expires tokens
 */
public record ClientContext(String appId, String appSecret, WechatHttp http, String apiBaseUrl, String openBaseUrl,
		String mpBaseUrl, Clock clock) {

	@Override
	public String toString() {
		return "ClientContext[appId=" + this.appId + ", appSecret=****, apiBaseUrl=" + this.apiBaseUrl
				+ ", openBaseUrl=" + this.openBaseUrl + ", mpBaseUrl=" + this.mpBaseUrl + ", clock=" + this.clock + "]";
	}

}
