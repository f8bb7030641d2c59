package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;

/**
 * A text reply.
 *
 * @param content the text; may hold newlines and links
 */
public record TextReply(String content) implements Reply {

	/**
	 * Checks the value.
	 * @param content not null
	 */
	public TextReply {
		Arguments.requireNonNull(content, "content");
	}

	/**
	 * Returns {@code text}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "text";
	}

}
