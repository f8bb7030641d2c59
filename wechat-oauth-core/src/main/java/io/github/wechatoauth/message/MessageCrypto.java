package io.github.wechatoauth.message;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The message-push server's cryptography: {@code signature} and {@code msg_signature}
 * (SHA-1 over the sorted values), and safe mode's AES-256-CBC with the layout
 * {@code random(16) ‖ length(4, big-endian) ‖ message ‖ appid}, padded PKCS#7-style to a
 * multiple of 32 bytes. Thread-safe; holds the token and key, which it never shows.
 */
public final class MessageCrypto {

	private static final int RANDOM_LENGTH = 16;

	private static final int LENGTH_FIELD = 4;

	private static final int PAD_BLOCK = 32;

	private static final int AES_BLOCK = 16;

	private static final int ENCODING_AES_KEY_LENGTH = 43;

	private final String token;

	private final @Nullable SecretKeySpec key;

	private final byte @Nullable [] iv;

	private final byte[] appId;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Creates the cryptography for one account.
	 * @param token the Token
	 * @param encodingAesKey the EncodingAESKey (43 characters of {@code a-zA-Z0-9}), or
	 * {@code null} to check signatures only
	 * @param appId the appid that encrypted messages carry
	 * @throws IllegalArgumentException if a value is missing or the key breaks its rule
	 */
	public MessageCrypto(String token, @Nullable String encodingAesKey, String appId) {
		this.token = Arguments.requireText(token, "token");
		this.appId = Arguments.requireText(appId, "appId").getBytes(StandardCharsets.UTF_8);
		if (encodingAesKey != null) {
			byte[] aesKey = Base64.getDecoder().decode(checkEncodingAesKey(encodingAesKey) + "=");
			this.key = new SecretKeySpec(aesKey, "AES");
			this.iv = Arrays.copyOf(aesKey, AES_BLOCK);
		}
		else {
			this.key = null;
			this.iv = null;
		}
	}

	/**
	 * Creates the cryptography from the message settings.
	 * @param settings the settings
	 */
	public MessageCrypto(MessageSettings settings) {
		this(settings.token(), settings.encodingAesKey(), settings.appId());
	}

	/**
	 * Checks an EncodingAESKey without ever putting it in the message.
	 * @param encodingAesKey the key
	 * @return the key
	 */
	static String checkEncodingAesKey(String encodingAesKey) {
		if (encodingAesKey.length() != ENCODING_AES_KEY_LENGTH) {
			throw new IllegalArgumentException("encodingAesKey must be exactly 43 characters of a-z, A-Z and 0-9 "
					+ "(the EncodingAESKey of the WeChat admin console's server configuration), but has "
					+ encodingAesKey.length() + " characters");
		}
		for (int i = 0; i < encodingAesKey.length(); i++) {
			char c = encodingAesKey.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
				throw new IllegalArgumentException("encodingAesKey must be exactly 43 characters of a-z, A-Z and 0-9 "
						+ "(the EncodingAESKey of the WeChat admin console's server configuration), but holds "
						+ "another character at position " + (i + 1));
			}
		}
		return encodingAesKey;
	}

	/**
	 * Tells whether an EncodingAESKey is configured, so that safe mode can be used.
	 * @return whether messages can be encrypted and decrypted
	 */
	public boolean hasAesKey() {
		return this.key != null;
	}

	/**
	 * Computes the {@code signature} of URL verification and plaintext pushes:
	 * {@code sha1(sort(token, timestamp, nonce))}, lowercase hex.
	 * @param timestamp the {@code timestamp} parameter
	 * @param nonce the {@code nonce} parameter
	 * @return the signature
	 */
	public String signature(String timestamp, String nonce) {
		return sha1Sorted(this.token, timestamp, nonce);
	}

	/**
	 * Computes the {@code msg_signature} of safe mode:
	 * {@code sha1(sort(token, timestamp, nonce, encrypt))}, lowercase hex.
	 * @param timestamp the timestamp
	 * @param nonce the nonce
	 * @param encrypt the Base64 ciphertext
	 * @return the signature
	 */
	public String msgSignature(String timestamp, String nonce, String encrypt) {
		return sha1Sorted(this.token, timestamp, nonce, encrypt);
	}

	/**
	 * Checks a {@code signature} in constant time.
	 * @param signature the signature received, or {@code null} if none came
	 * @param timestamp the timestamp received
	 * @param nonce the nonce received
	 * @return whether it matches
	 */
	public boolean isValidSignature(@Nullable String signature, String timestamp, String nonce) {
		return matches(signature, signature(timestamp, nonce));
	}

	/**
	 * Checks a {@code msg_signature} in constant time.
	 * @param msgSignature the signature received, or {@code null} if none came
	 * @param timestamp the timestamp received
	 * @param nonce the nonce received
	 * @param encrypt the Base64 ciphertext received
	 * @return whether it matches
	 */
	public boolean isValidMsgSignature(@Nullable String msgSignature, String timestamp, String nonce, String encrypt) {
		return matches(msgSignature, msgSignature(timestamp, nonce, encrypt));
	}

	/**
	 * Encrypts a message with a fresh random prefix.
	 * @param plaintext the message, such as a reply's XML
	 * @return the Base64 ciphertext for {@code Encrypt}
	 * @throws IllegalStateException if no EncodingAESKey is configured
	 */
	public String encrypt(String plaintext) {
		byte[] prefix = new byte[RANDOM_LENGTH];
		this.random.nextBytes(prefix);
		return encrypt(plaintext, prefix);
	}

	/**
	 * Encrypts a message with a given random prefix; for test vectors.
	 * @param plaintext the message
	 * @param random the 16 bytes that open the plaintext
	 * @return the Base64 ciphertext for {@code Encrypt}
	 * @throws IllegalStateException if no EncodingAESKey is configured
	 */
	public String encrypt(String plaintext, byte[] random) {
		Arguments.requireNonNull(plaintext, "plaintext");
		if (Arguments.requireNonNull(random, "random").length != RANDOM_LENGTH) {
			throw new IllegalArgumentException("random must be 16 bytes, was " + random.length);
		}
		byte[] message = plaintext.getBytes(StandardCharsets.UTF_8);
		int length = RANDOM_LENGTH + LENGTH_FIELD + message.length + this.appId.length;
		int pad = PAD_BLOCK - (length % PAD_BLOCK);
		ByteBuffer plain = ByteBuffer.allocate(length + pad);
		plain.put(random).putInt(message.length).put(message).put(this.appId);
		while (plain.hasRemaining()) {
			plain.put((byte) pad);
		}
		byte[] bytes = plain.array();
		try {
			return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, bytes));
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	/**
	 * Decrypts an {@code Encrypt} value and checks its padding, its length field and the
	 * appid at its end. Check the {@code msg_signature} first: it is what makes the
	 * ciphertext trustworthy.
	 * @param encrypt the Base64 ciphertext
	 * @return the message as sent: XML, or JSON for accounts that chose that format
	 * @throws WechatMessageException with {@link Reason#BAD_CIPHERTEXT} or
	 * {@link Reason#WRONG_APPID}
	 * @throws IllegalStateException if no EncodingAESKey is configured
	 */
	public String decrypt(String encrypt) {
		byte[] ciphertext;
		try {
			ciphertext = Base64.getDecoder().decode(Arguments.requireNonNull(encrypt, "encrypt").strip());
		}
		catch (IllegalArgumentException ex) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT, "Encrypt is not Base64");
		}
		if (ciphertext.length == 0 || ciphertext.length % AES_BLOCK != 0) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT,
					"Encrypt is " + ciphertext.length + " bytes, not a whole number of AES blocks");
		}
		byte[] plain = aes(Cipher.DECRYPT_MODE, ciphertext);
		try {
			return unpack(plain);
		}
		finally {
			Arrays.fill(plain, (byte) 0);
		}
	}

	private String unpack(byte[] plain) {
		int pad = plain[plain.length - 1] & 0xff;
		if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT, "the decrypted message has bad padding");
		}
		int wrongPadBytes = 0;
		for (int i = plain.length - pad; i < plain.length; i++) {
			wrongPadBytes |= (plain[i] & 0xff) ^ pad;
		}
		if (wrongPadBytes != 0) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT, "the decrypted message has bad padding");
		}
		int end = plain.length - pad;
		if (end < RANDOM_LENGTH + LENGTH_FIELD) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT, "the decrypted message is too short");
		}
		int length = ByteBuffer.wrap(plain, RANDOM_LENGTH, LENGTH_FIELD).getInt();
		int start = RANDOM_LENGTH + LENGTH_FIELD;
		if (length < 0 || length > end - start) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT,
					"the decrypted message's length field is out of bounds");
		}
		byte[] appId = Arrays.copyOfRange(plain, start + length, end);
		if (!MessageDigest.isEqual(appId, this.appId)) {
			throw new WechatMessageException(Reason.WRONG_APPID,
					"the decrypted message is not for this account's appid");
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(plain, start, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new WechatMessageException(Reason.BAD_CIPHERTEXT, "the decrypted message is not UTF-8");
		}
	}

	private byte[] aes(int mode, byte[] input) {
		SecretKeySpec aesKey = this.key;
		byte[] aesIv = this.iv;
		if (aesKey == null || aesIv == null) {
			throw new IllegalStateException("encodingAesKey is not configured: safe mode needs the EncodingAESKey");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(mode, aesKey, new IvParameterSpec(aesIv));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			// The cause's message may describe the key; keep only its type.
			throw new IllegalStateException("AES/CBC/NoPadding failed: " + ex.getClass().getSimpleName());
		}
	}

	private static boolean matches(@Nullable String received, String expected) {
		if (received == null) {
			return false;
		}
		return MessageDigest.isEqual(received.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

	private static String sha1Sorted(String... values) {
		for (String value : values) {
			Arguments.requireNonNull(value, "signed value");
		}
		String[] sorted = values.clone();
		Arrays.sort(sorted);
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			for (String value : sorted) {
				sha1.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(value)));
			}
			return HexFormat.of().formatHex(sha1.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JVM", ex);
		}
	}

	/**
	 * Describes the cryptography without the token or key.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MessageCrypto[appId=" + new String(this.appId, StandardCharsets.UTF_8) + ", aesKey="
				+ (hasAesKey() ? "configured" : "none") + "]";
	}

}
