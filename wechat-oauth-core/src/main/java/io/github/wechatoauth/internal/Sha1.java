package io.github.wechatoauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-1 digests WeChat signs with, in lowercase hexadecimal. Internal.
 */
public final class Sha1 {

	private static final MessageDigest PROTOTYPE = newDigest();

	private Sha1() {
	}

	/**
	 * Returns the SHA-1 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the digest, 40 lowercase hexadecimal characters
	 */
	public static String hex(String text) {
		return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** A copy of a prepared digest: cheaper than looking SHA-1 up among the providers. */
	private static MessageDigest digest() {
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
