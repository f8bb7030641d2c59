package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * An image the user sent.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgId {@code MsgId}
 * @param picUrl {@code PicUrl}: a link to the image
 * @param mediaId {@code MediaId}: the image's media id, for downloading it
 * @param fields every field as it came
 */
public record ImageMessage(String toUserName, String fromUserName, Instant createTime, String msgId, String picUrl,
		String mediaId, Map<String, String> fields) implements UserMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgId not null
	 * @param picUrl not null
	 * @param mediaId not null
	 * @param fields not null; copied
	 */
	public ImageMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgId, "msgId");
		Arguments.requireNonNull(picUrl, "picUrl");
		Arguments.requireNonNull(mediaId, "mediaId");
		fields = MessageFields.copy(fields);
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
