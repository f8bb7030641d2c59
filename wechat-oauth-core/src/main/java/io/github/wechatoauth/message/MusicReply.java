package io.github.wechatoauth.message;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * A music reply.
 *
 * @param title the title, or {@code null}
 * @param description the description, or {@code null}
 * @param musicUrl the music's link, or {@code null}
 * @param hqMusicUrl the high-quality link, played on Wi-Fi, or {@code null}
 * @param thumbMediaId the {@code media_id} of the thumbnail, which WeChat requires
 */
public record MusicReply(@Nullable String title, @Nullable String description, @Nullable String musicUrl,
		@Nullable String hqMusicUrl, String thumbMediaId) implements Reply {

	/**
	 * Checks the values.
	 * @param title optional
	 * @param description optional
	 * @param musicUrl optional
	 * @param hqMusicUrl optional
	 * @param thumbMediaId not blank
	 */
	public MusicReply {
		Arguments.requireText(thumbMediaId, "thumbMediaId");
	}

	/**
	 * Returns {@code music}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "music";
	}

}
