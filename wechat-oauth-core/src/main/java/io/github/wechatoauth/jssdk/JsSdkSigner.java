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
	 * Random bytes drawn at a time: three SHA-1 blocks of {@code SHA1PRNG}, enough for
	 * about four nonces, in one call.
	 */
	private static final int POOL_LENGTH = 60;

	/**
	 * Sources picked by thread, so that concurrent signers rarely share one. Each has a
	 * {@code SHA1PRNG} of its own, seeded from the operating system on first use: it
	 * makes 20 bytes with one SHA-1 block, less than half the cost of a {@code DRBG}
	 * (Hash_DRBG hashes three SHA-256 blocks and copies its state on each draw), and
	 * {@code new SecureRandom()} on Linux is {@code NativePRNG}, whose instances all
	 * share one lock. Sources are not kept per thread, so that a virtual thread per
	 * request costs no generator and no pool.
	 */
	private static final NonceSource[] sources = sources();

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
	 * Makes a nonce of 16 letters and digits, each equally likely.
	 */
	static String nonce() {
		return sources[(int) Thread.currentThread().getId() & (sources.length - 1)].nonce();
	}

	private static NonceSource[] sources() {
		// A power of two at least twice the processors, for the mask above.
		int count = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2) * 2;
		NonceSource[] sources = new NonceSource[count];
		for (int i = 0; i < count; i++) {
			sources[i] = new NonceSource(generator());
		}
		return sources;
	}

	private static SecureRandom generator() {
		try {
			return SecureRandom.getInstance("SHA1PRNG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	/**
	 * A generator and the random bytes it drew ahead, which nonces take six bits at a
	 * time: a value below 62 picks a character, 62 and 63 are skipped, so that no
	 * character is likelier than another. A nonce takes about 13 bytes, where one byte
	 * per character (skipping bytes from 248) took about 17, and the bytes are drawn
	 * three SHA-1 blocks at a time rather than one block per nonce.
	 */
	private static final class NonceSource {

		private static final int ALPHABET_SIZE = NONCE_ALPHABET.length;

		private final SecureRandom random;

		private final byte[] pool = new byte[POOL_LENGTH];

		private int position = POOL_LENGTH;

		NonceSource(SecureRandom random) {
			this.random = random;
		}

		synchronized String nonce() {
			byte[] nonce = new byte[NONCE_LENGTH];
			int length = 0;
			while (length < NONCE_LENGTH) {
				if (this.position == POOL_LENGTH) {
					this.random.nextBytes(this.pool);
					this.position = 0;
				}
				// Three bytes, four values of six bits.
				int bits = (this.pool[this.position] & 0xff) << 16 | (this.pool[this.position + 1] & 0xff) << 8
						| (this.pool[this.position + 2] & 0xff);
				this.position += 3;
				for (int shift = 18; shift >= 0 && length < NONCE_LENGTH; shift -= 6) {
					int value = (bits >>> shift) & 0x3f;
					if (value < ALPHABET_SIZE) {
						nonce[length++] = NONCE_ALPHABET[value];
					}
				}
			}
			return new String(nonce, StandardCharsets.US_ASCII);
		}

	}

}
