package io.github.wechatoauth.sample;

import java.security.SecureRandom;

/**
 * Random codes, tokens and tickets in the alphabets WeChat's look like, and the app's
 * {@code state} values.
 */
public final class RandomStrings {

	private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final char[] URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	private static final SecureRandom random = new SecureRandom();

	private RandomStrings() {
	}

	/**
	 * Returns random letters and digits.
	 * @param length how many
	 * @return the string
	 */
	public static String alphanumeric(int length) {
		return of(ALPHANUMERIC, length);
	}

	/**
	 * Returns random letters, digits, {@code -} and {@code _}.
	 * @param length how many
	 * @return the string
	 */
	public static String urlSafe(int length) {
		return of(URL_SAFE, length);
	}

	/**
	 * Returns random bytes.
	 * @param length how many
	 * @return the bytes
	 */
	public static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String of(char[] alphabet, int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = alphabet[random.nextInt(alphabet.length)];
		}
		return new String(chars);
	}

}
