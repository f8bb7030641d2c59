package io.github.wechatoauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-1 digests WeChat signs with, in lowercase hexadecimal. Internal.
 */
public final class Sha1 {

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final int HASH_LENGTH = 20;

	private static final MessageDigest PROTOTYPE = newDigest();

	/**
	 * One digest per thread, copied once from the prepared one, with the arrays its hash
	 * and hex are written to: a copy per call costs its working arrays every time.
	 */
	private static final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

	private Sha1() {
	}

	/**
	 * Returns the SHA-1 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the digest, 40 lowercase hexadecimal characters
	 */
	public static String hex(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return hex(bytes, bytes.length);
	}

	/**
	 * Returns the SHA-1 of the first bytes of an array.
	 * @param bytes the bytes
	 * @param length how many of them, from the first
	 * @return the digest, 40 lowercase hexadecimal characters
	 */
	public static String hex(byte[] bytes, int length) {
		return workspaces.get().hex(bytes, length);
	}

	/**
	 * A copy of the prepared digest: cheaper than looking SHA-1 up among the providers.
	 */
	private static MessageDigest copy() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newDigest();
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JVM", ex);
		}
	}

	/**
	 * A thread's digest and the arrays it writes to, so that a digest allocates only its
	 * string.
	 */
	private static final class Workspace {

		private final MessageDigest digest = copy();

		private final byte[] hash = new byte[HASH_LENGTH];

		private final byte[] hex = new byte[HASH_LENGTH * 2];

		String hex(byte[] bytes, int length) {
			this.digest.update(bytes, 0, length);
			try {
				this.digest.digest(this.hash, 0, HASH_LENGTH);
			}
			catch (DigestException ex) {
				// Not thrown: the hash array has room for a SHA-1.
				throw new IllegalStateException(ex);
			}
			for (int i = 0; i < HASH_LENGTH; i++) {
				this.hex[2 * i] = HEX_DIGITS[(this.hash[i] >> 4) & 0xf];
				this.hex[2 * i + 1] = HEX_DIGITS[this.hash[i] & 0xf];
			}
			return new String(this.hex, StandardCharsets.ISO_8859_1);
		}

	}

}
