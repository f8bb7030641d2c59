package io.github.wechatoauth.jssdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The nonces of JS-SDK signatures: 16 letters and digits, each equally likely and
 * unpredictable.
 * <p>
 * The random bits are the AES-CTR keystream of a key and counter drawn from a
 * {@link SecureRandom}, with a new key after every MiB: the generate step of NIST SP
 * 800-90A's CTR_DRBG. With the CPU's AES instructions a nonce's 13 bytes cost a few
 * nanoseconds, where {@code SHA1PRNG} hashes a SHA-1 block for every 20 bytes and the
 * default {@code NativePRNG} takes one lock for all its instances. (The JDK's own
 * {@code DRBG} can run CTR_DRBG, but only when chosen for the whole JVM by the security
 * property {@code securerandom.drbg.config}.) The keystream is drawn a kilobyte at a time
 * by sources picked by thread, so that concurrent signers rarely share one; sources are
 * not kept per thread, so that a virtual thread per request costs no cipher.
 */
final class Nonces {

	/** Characters in a nonce. */
	static final int LENGTH = 16;

	private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.getBytes(StandardCharsets.US_ASCII);

	/**
	 * Where keys, counters and, without AES-CTR, the random bytes themselves come from.
	 */
	private static final SecureRandom seeds = new SecureRandom();

	private static final Source[] sources = sources();

	private Nonces() {
	}

	/**
	 * Writes a new nonce, as ASCII bytes.
	 * @param into the array
	 * @param at where the nonce's {@value #LENGTH} bytes start
	 */
	static void write(byte[] into, int at) {
		sources[(int) Thread.currentThread().getId() & (sources.length - 1)].write(into, at);
	}

	/**
	 * Makes a new nonce.
	 * @return 16 letters and digits
	 */
	static String next() {
		byte[] nonce = new byte[LENGTH];
		write(nonce, 0);
		return new String(nonce, StandardCharsets.ISO_8859_1);
	}

	private static Source[] sources() {
		// A power of two at least twice the processors, for the mask above.
		int count = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2) * 2;
		Source[] sources = new Source[count];
		for (int i = 0; i < count; i++) {
			sources[i] = new Source();
		}
		return sources;
	}

	/**
	 * A keystream and the bytes it drew ahead, which nonces take six bits at a time: a
	 * value below 62 picks a character, 62 and 63 are skipped, so that no character is
	 * likelier than another (about 13 bytes a nonce). A lock, not {@code synchronized},
	 * so that a virtual thread waiting for it does not pin its carrier on JDK 17 to 21.
	 */
	private static final class Source {

		/**
		 * Bytes drawn at a time: 63 AES blocks, a multiple of the 3 bytes taken at once.
		 */
		private static final int POOL_LENGTH = 1008;

		/** Bytes of keystream after which a new key is drawn. */
		private static final long REKEY_AFTER = 1L << 20;

		private static final byte[] ZEROS = new byte[POOL_LENGTH];

		private final ReentrantLock lock = new ReentrantLock();

		private final byte[] pool = new byte[POOL_LENGTH];

		private int position = POOL_LENGTH;

		private @Nullable Cipher keystream;

		private long drawn = REKEY_AFTER;

		void write(byte[] into, int at) {
			this.lock.lock();
			try {
				int length = 0;
				while (length < LENGTH) {
					if (this.position == POOL_LENGTH) {
						refill();
					}
					// Three bytes, four values of six bits.
					int bits = (this.pool[this.position] & 0xff) << 16 | (this.pool[this.position + 1] & 0xff) << 8
							| (this.pool[this.position + 2] & 0xff);
					this.position += 3;
					for (int shift = 18; shift >= 0 && length < LENGTH; shift -= 6) {
						int value = (bits >>> shift) & 0x3f;
						if (value < ALPHABET.length) {
							into[at + length++] = ALPHABET[value];
						}
					}
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		private void refill() {
			if (this.drawn >= REKEY_AFTER) {
				this.keystream = newKeystream();
				this.drawn = 0;
			}
			Cipher cipher = this.keystream;
			if (cipher == null || !encryptZeros(cipher)) {
				seeds.nextBytes(this.pool);
			}
			this.drawn += POOL_LENGTH;
			this.position = 0;
		}

		private boolean encryptZeros(Cipher cipher) {
			try {
				return cipher.update(ZEROS, 0, POOL_LENGTH, this.pool, 0) == POOL_LENGTH;
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		/** AES-128 in counter mode with a random key and counter, or null without it. */
		private static @Nullable Cipher newKeystream() {
			byte[] key = new byte[16];
			byte[] counter = new byte[16];
			seeds.nextBytes(key);
			seeds.nextBytes(counter);
			try {
				Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
				cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
				return cipher;
			}
			catch (GeneralSecurityException ex) {
				// Every JDK has it; a restricted provider set falls back to SecureRandom.
				return null;
			}
		}

	}

}
