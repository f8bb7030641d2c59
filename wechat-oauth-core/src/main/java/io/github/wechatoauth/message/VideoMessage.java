package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * A video the user sent.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgId {@code MsgId}
 * @param mediaId {@code MediaId}: the video's media id
 * @param thumbMediaId {@code ThumbMediaId}: the thumbnail's media id
 * @param fields every field as it came
 */
public record VideoMessage(String toUserName, String fromUserName, Instant createTime, String msgId, String mediaId,
		String thumbMediaId, Map<String, String> fields) implements UserMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgId not null
	 * @param mediaId not null
	 * @param thumbMediaId not null
	 * @param fields not null; copied
	 */
	public VideoMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgId, "msgId");
		Arguments.requireNonNull(mediaId, "mediaId");
		Arguments.requireNonNull(thumbMediaId, "thumbMediaId");
		fields = MessageFields.copy(fields);
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
