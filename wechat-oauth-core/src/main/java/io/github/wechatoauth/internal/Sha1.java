package io.github.wechatoauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-1 digests WeChat signs with, in lowercase hexadecimal. Internal.
 */
public final class Sha1 {

	private Sha1() {
	}

	/**
	 * Returns the SHA-1 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the digest, 40 lowercase hexadecimal characters
	 */
	public static String hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JVM", ex);
		}
	}

}
