package io.github.wechatoauth.jssdk;

import java.nio.charset.StandardCharsets;
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

	private static final byte[] NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.getBytes(StandardCharsets.US_ASCII);

	private static final int NONCE_LENGTH = 16;

	/**
	 * Bytes below this map onto the alphabet evenly (4 × 62); the others are skipped, so
	 * that no character is likelier than another.
	 */
	private static final int UNBIASED_BOUND = 248;

	/**
	 * Random bytes drawn per nonce: one SHA-1 block of {@code SHA1PRNG}, enough for 16
	 * characters unless more than 4 of the 20 bytes are skipped (about 1 draw in 3,000,
	 * which then draws again).
	 */
	private static final int DRAW_LENGTH = 20;

	/**
	 * Generators picked by thread, so that concurrent signers rarely share one. Each is a
	 * {@code SHA1PRNG} of its own, seeded from the operating system on first use: it
	 * makes a draw with one SHA-1 block, less than half the cost of a {@code DRBG}
	 * (Hash_DRBG hashes three SHA-256 blocks and copies its state on each draw), and
	 * {@code new SecureRandom()} on Linux is {@code NativePRNG}, whose instances all
	 * share one lock.
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
		long timestamp = Math.floorDiv(this.clock.millis(), 1000);
		String ticket = this.credentials.getJsApiTicket().ticket();
		return new JsSdkSignature(this.appId, nonce, timestamp, page,
				JsSdkSignature.sign(ticket, nonce, timestamp, page));
	}

	/**
	 * Makes a nonce of 16 letters and digits from one draw of random bytes (two in a rare
	 * case, when more than 4 bytes were skipped).
	 */
	static String nonce() {
		SecureRandom random = generators[(int) Thread.currentThread().getId() & (generators.length - 1)];
		byte[] bytes = new byte[DRAW_LENGTH];
		byte[] nonce = new byte[NONCE_LENGTH];
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
		return new String(nonce, StandardCharsets.US_ASCII);
	}

	private static SecureRandom[] generators() {
		// A power of two at least twice the processors, for the mask above.
		int count = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2) * 2;
		SecureRandom[] generators = new SecureRandom[count];
		for (int i = 0; i < count; i++) {
			try {
				generators[i] = SecureRandom.getInstance("SHA1PRNG");
			}
			catch (NoSuchAlgorithmException ex) {
				generators[i] = new SecureRandom();
			}
		}
		return generators;
	}

}
