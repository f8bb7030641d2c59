package io.github.wechatoauth.message;

/**
 * How an account's pushes come, as the message-encryption setting of WeChat's console
 * names it (消息加解密方式). The mode decides which pushes are accepted: in {@link #SAFE} mode a
 * push that is not encrypted is refused before its body is read, because the plain
 * {@code signature} covers only the token, timestamp and nonce, never the body.
 */
public enum MessageMode {

	/**
	 * 明文模式: pushes come in clear, signed with {@code signature}. A push with
	 * {@code encrypt_type=aes} is opened too: decrypted with the EncodingAESKey if one is
	 * set, else read from its clear fields.
	 */
	PLAINTEXT,

	/**
	 * 兼容模式: pushes come both in clear and encrypted. Both are accepted; encrypted ones
	 * are checked with {@code msg_signature} and decrypted. Needs the EncodingAESKey.
	 */
	COMPATIBLE,

	/**
	 * 安全模式: only pushes with {@code encrypt_type=aes} and a valid {@code msg_signature}
	 * are accepted; anything else is refused with
	 * {@link WechatMessageException.Reason#UNENCRYPTED}. Needs the EncodingAESKey.
	 */
	SAFE;

	/**
	 * Returns the mode used when none is configured: {@link #SAFE} when an EncodingAESKey
	 * is set, {@link #PLAINTEXT} otherwise.
	 * @param hasEncodingAesKey whether an EncodingAESKey is set
	 * @return the default mode
	 */
	public static MessageMode defaultFor(boolean hasEncodingAesKey) {
		return hasEncodingAesKey ? SAFE : PLAINTEXT;
	}

	/**
	 * Tells whether this mode needs the EncodingAESKey.
	 * @return whether it is {@link #COMPATIBLE} or {@link #SAFE}
	 */
	public boolean needsEncodingAesKey() {
		return this != PLAINTEXT;
	}

}
