package io.github.wechatoauth;

import org.jspecify.annotations.Nullable;

/**
 * The exchange with WeChat (or with a store) failed before an answer could be read: an
 * I/O error, a timeout, an unexpected HTTP status or a body that is not JSON.
 */
public class WechatTransportException extends WechatException {

	/** Serialization version. */
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message what failed, free of secrets
	 */
	public WechatTransportException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what failed, free of secrets
	 * @param cause the underlying failure, free of secrets
	 */
	public WechatTransportException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
