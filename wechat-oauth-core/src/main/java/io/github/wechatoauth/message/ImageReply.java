package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;

/**
 * An image reply.
 *
 * @param mediaId the {@code media_id} of an uploaded image
 */
public record ImageReply(String mediaId) implements Reply {

	/**
	 * Checks the value.
	 * @param mediaId not blank
	 */
	public ImageReply {
		Arguments.requireText(mediaId, "mediaId");
	}

	/**
	 * Returns {@code image}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "image";
	}

}
