package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * A voice message the user sent.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgId {@code MsgId}
 * @param mediaId {@code MediaId}: the voice's media id
 * @param format {@code Format}: such as {@code amr} or {@code speex}
 * @param recognition {@code Recognition}: the recognized text, when speech recognition is
 * on, else {@code null}
 * @param fields every field as it came
 */
public record VoiceMessage(String toUserName, String fromUserName, Instant createTime, String msgId, String mediaId,
		String format, @Nullable String recognition, Map<String, String> fields) implements UserMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgId not null
	 * @param mediaId not null
	 * @param format not null
	 * @param recognition optional
	 * @param fields not null; copied
	 */
	public VoiceMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgId, "msgId");
		Arguments.requireNonNull(mediaId, "mediaId");
		Arguments.requireNonNull(format, "format");
		fields = MessageFields.copy(fields);
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
