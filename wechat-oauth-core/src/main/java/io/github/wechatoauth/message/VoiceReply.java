package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;

/**
 * A voice reply.
 *
 * @param mediaId the {@code media_id} of an uploaded voice
 */
public record VoiceReply(String mediaId) implements Reply {

	/**
	 * Checks the value.
	 * @param mediaId not blank
	 */
	public VoiceReply {
		Arguments.requireText(mediaId, "mediaId");
	}

	/**
	 * Returns {@code voice}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "voice";
	}

}
