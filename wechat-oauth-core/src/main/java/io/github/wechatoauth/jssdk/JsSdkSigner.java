package io.github.wechatoauth.jssdk;

import java.time.Clock;

import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;

/**
 * Signs page URLs for {@code wx.config} with the cached {@code jsapi_ticket}, a fresh
 * random nonce and the current time. Use it through
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class JsSdkSigner {

	private final String appId;

	private final AppCredentials credentials;

	private final Clock clock;

	/**
	 * Creates the signer of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's appid and clock, which gives the timestamp
	 * @param credentials where the ticket comes from
	 */
	public JsSdkSigner(ClientContext context, AppCredentials credentials) {
		this.appId = context.appId();
		this.credentials = credentials;
		this.clock = context.clock();
	}

	/**
	 * Signs a page URL.
	 * @param url the page's full URL; a {@code #fragment} is dropped
	 * @return the {@code wx.config} values
	 */
	public JsSdkSignature sign(String url) {
		Arguments.requireHttpUrl(url, "url");
		int fragment = url.indexOf('#');
		String page = (fragment >= 0) ? url.substring(0, fragment) : url;
		long timestamp = Math.floorDiv(this.clock.millis(), 1000);
		String ticket = this.credentials.getJsApiTicket().ticket();
		return SignatureText.signWithNewNonce(this.appId, ticket, timestamp, page);
	}

}
