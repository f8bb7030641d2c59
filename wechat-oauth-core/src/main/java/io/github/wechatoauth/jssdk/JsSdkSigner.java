package io.github.wechatoauth.jssdk;

import java.security.SecureRandom;
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

	private static final char[] NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final int NONCE_LENGTH = 16;

	private final String appId;

	private final AppCredentials credentials;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

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
		String nonce = nonce();
		long timestamp = this.clock.instant().getEpochSecond();
		String ticket = this.credentials.getJsApiTicket().ticket();
		return new JsSdkSignature(this.appId, nonce, timestamp, page,
				JsSdkSignature.sign(ticket, nonce, timestamp, page));
	}

	private String nonce() {
		char[] nonce = new char[NONCE_LENGTH];
		for (int i = 0; i < nonce.length; i++) {
			nonce[i] = NONCE_ALPHABET[this.random.nextInt(NONCE_ALPHABET.length)];
		}
		return new String(nonce);
	}

}
