package io.github.wechatoauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-1 digests WeChat signs with, in lowercase hexadecimal. Internal.
 */
public final class Sha1 {

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final MessageDigest PROTOTYPE = newDigest();

	/**
	 * One digest per thread, copied once from the prepared one and reset before each use:
	 * a copy per call costs its working arrays every time.
	 */
	private static final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Sha1::copy);

	private Sha1() {
	}

	/**
	 * Returns the SHA-1 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the digest, 40 lowercase hexadecimal characters
	 */
	public static String hex(String text) {
		MessageDigest digest = digests.get();
		digest.reset();
		return hex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String hex(byte[] hash) {
		byte[] hex = new byte[hash.length * 2];
		for (int i = 0; i < hash.length; i++) {
			hex[2 * i] = HEX_DIGITS[(hash[i] >> 4) & 0xf];
			hex[2 * i + 1] = HEX_DIGITS[hash[i] & 0xf];
		}
		return new String(hex, StandardCharsets.ISO_8859_1);
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

}
