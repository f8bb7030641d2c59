package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;

/**
 * A push that passed every check: its message, and whether it was decrypted, which is how
 * the reply must go back.
 *
 * @param message the message
 * @param encrypted whether the message was decrypted (safe or compatible mode with an
 * EncodingAESKey); the reply is then encrypted too
 */
public record InboundPush(InboundMessage message, boolean encrypted) {

	/**
	 * Checks the values.
	 * @param message not null
	 * @param encrypted whether it was decrypted
	 */
	public InboundPush {
		Arguments.requireNonNull(message, "message");
	}

}
