package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * A video reply.
 *
 * @param mediaId the {@code media_id} of an uploaded video
 * @param title the title, or {@code null}
 * @param description the description, or {@code null}
 */
public record VideoReply(String mediaId, @Nullable String title, @Nullable String description) implements Reply {

	/**
	 * Checks the values.
	 * @param mediaId not blank
	 * @param title optional
	 * @param description optional
	 */
	public VideoReply {
		Arguments.requireText(mediaId, "mediaId");
	}

	/**
	 * Returns {@code video}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "video";
	}

}
