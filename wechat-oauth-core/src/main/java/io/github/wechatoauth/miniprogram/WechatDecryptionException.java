package io.github.wechatoauth.miniprogram;

import io.github.wechatoauth.WechatException;

/**
 * A Mini Program's {@code encryptedData} could not be used: the session key or iv is not
 * Base64 of 16 bytes, the data does not decrypt (most often because a newer
 * {@code wx.login()} replaced the session key), the plaintext is not the JSON expected,
 * or its watermark names another appid. The message says which; it never holds the
 * session key or the decrypted data, except the appid a foreign watermark names.
 */
public class WechatDecryptionException extends WechatException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed, free of the session key and of the plaintext
	 */
	public WechatDecryptionException(String message) {
		super(message);
	}

}
