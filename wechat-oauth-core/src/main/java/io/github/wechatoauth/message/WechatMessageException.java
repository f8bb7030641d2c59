package io.github.wechatoauth.message;

import io.github.wechatoauth.WechatException;

/**
 * A push or a URL verification was refused. {@link #getReason()} tells an endpoint how to
 * answer; the message is short, names no secret and quotes nothing from the body.
 */
public class WechatMessageException extends WechatException {

	private static final long serialVersionUID = 1L;

	/** Why the request was refused. */
	private final Reason reason;

	/**
	 * Creates an exception.
	 * @param reason why the request was refused
	 * @param message what was wrong, free of secrets and of the body's content
	 */
	public WechatMessageException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns why the request was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a request was refused, with the HTTP status an endpoint should answer.
	 */
	public enum Reason {

		/**
		 * {@code signature} or {@code msg_signature} is missing or does not match: the
		 * request did not come from WeChat.
		 */
		BAD_SIGNATURE(403),

		/**
		 * The signed timestamp lies outside the accepted window: a replay, or a clock
		 * that is off.
		 */
		STALE_TIMESTAMP(403),

		/**
		 * The account is in {@link MessageMode#SAFE safe mode} and the push came without
		 * {@code encrypt_type=aes}: it did not come from WeChat, since the plain
		 * {@code signature} does not cover the body. Refused before the body is read.
		 */
		UNENCRYPTED(403),

		/**
		 * The signed nonce was used within the timestamp window with another body: a
		 * captured request replayed with a forged body.
		 */
		REPLAYED(403),

		/** The body is larger than the configured limit; it was not parsed. */
		BODY_TOO_LARGE(413),

		/**
		 * The body is not acceptable XML or JSON (malformed, a DOCTYPE, an entity
		 * reference, not UTF-8), lacks a field every message has, or holds a number that
		 * is not a number or out of its range; the message names the field.
		 */
		MALFORMED(400),

		/** {@code Encrypt} is not Base64, or its padding or length field is wrong. */
		BAD_CIPHERTEXT(400),

		/** The decrypted message names another appid. */
		WRONG_APPID(400),

		/**
		 * The push came in safe mode only, but no EncodingAESKey is configured: a
		 * configuration error on this side.
		 */
		AES_KEY_MISSING(500);

		private final int httpStatus;

		Reason(int httpStatus) {
			this.httpStatus = httpStatus;
		}

		/**
		 * Returns the HTTP status an endpoint should answer with.
		 * @return 403, 413, 400 or 500
		 */
		public int httpStatus() {
			return this.httpStatus;
		}

	}

}
