package io.github.wechatoauth.jssdk;

import java.security.NoSuchAlgorithmException;
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

	/**
	 * Bytes below this map onto the alphabet evenly (4 × 62); the others are skipped, so
	 * that no character is likelier than another.
	 */
	private static final int UNBIASED_BOUND = 248;

	/**
	 * Generators picked by thread, so that concurrent signers rarely share one. Each is a
	 * DRBG of its own: {@code new SecureRandom()} on Linux is {@code NativePRNG}, whose
	 * instances all share one lock.
	 */
	private static final SecureRandom[] generators = generators();

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
		String nonce = nonce();
		long timestamp = this.clock.instant().getEpochSecond();
		String ticket = this.credentials.getJsApiTicket().ticket();
		return new JsSdkSignature(this.appId, nonce, timestamp, page,
				JsSdkSignature.sign(ticket, nonce, timestamp, page));
	}

	/**
	 * Makes a nonce of 16 letters and digits from one draw of random bytes (two in a very
	 * rare case, when more than half the bytes were skipped).
	 */
	static String nonce() {
		SecureRandom random = generators[(int) Thread.currentThread().getId() & (generators.length - 1)];
		byte[] bytes = new byte[NONCE_LENGTH * 2];
		char[] nonce = new char[NONCE_LENGTH];
		int length = 0;
		while (length < NONCE_LENGTH) {
			random.nextBytes(bytes);
			for (int i = 0; i < bytes.length && length < NONCE_LENGTH; i++) {
				int value = bytes[i] & 0xff;
				if (value < UNBIASED_BOUND) {
					nonce[length++] = NONCE_ALPHABET[value % NONCE_ALPHABET.length];
				}
			}
		}
		return new String(nonce);
	}

	private static SecureRandom[] generators() {
		// A power of two at least twice the processors, for the mask above.
		int count = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2) * 2;
		SecureRandom[] generators = new SecureRandom[count];
		for (int i = 0; i < count; i++) {
			try {
				generators[i] = SecureRandom.getInstance("DRBG");
			}
			catch (NoSuchAlgorithmException ex) {
				generators[i] = new SecureRandom();
			}
		}
		return generators;
	}

}
