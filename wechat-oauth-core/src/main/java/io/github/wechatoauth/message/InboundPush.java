package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;

/**
 * A push that passed every check: its message, whether it was decrypted, which is how the
 * reply must go back, and its format.
 *
 * @param message the message
 * @param encrypted whether the message was decrypted (safe or compatible mode with an
 * EncodingAESKey); the reply is then encrypted too
 * @param format whether it came as XML or as JSON; a JSON push takes no passive reply
 */
public record InboundPush(InboundMessage message, boolean encrypted, PushFormat format) {

	/**
	 * Checks the values.
	 * @param message not null
	 * @param encrypted whether it was decrypted
	 * @param format not null
	 */
	public InboundPush {
		Arguments.requireNonNull(message, "message");
		Arguments.requireNonNull(format, "format");
	}

	/**
	 * Creates an XML push.
	 * @param message not null
	 * @param encrypted whether it was decrypted
	 */
	public InboundPush(InboundMessage message, boolean encrypted) {
		this(message, encrypted, PushFormat.XML);
	}

	/**
	 * Tells whether a passive reply can go back: only to an XML push.
	 * @return whether the push came as XML
	 */
	public boolean takesReply() {
		return this.format == PushFormat.XML;
	}

}
