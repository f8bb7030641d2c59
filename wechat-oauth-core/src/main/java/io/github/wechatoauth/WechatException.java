package io.github.wechatoauth;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception this library throws. Unchecked; no message ever contains the
 * app secret, an access token, a refresh token, a session key or the EncodingAESKey.
 */
public class WechatException extends RuntimeException {

	/** Serialization version. */
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message what went wrong, free of secrets
	 */
	public WechatException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what went wrong, free of secrets
	 * @param cause the underlying failure, free of secrets
	 */
	public WechatException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
