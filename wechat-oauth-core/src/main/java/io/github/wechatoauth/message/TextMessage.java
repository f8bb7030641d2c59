package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * A text message the user sent.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgId {@code MsgId}
 * @param content {@code Content}: the text
 * @param fields every field as it came
 */
public record TextMessage(String toUserName, String fromUserName, Instant createTime, String msgId, String content,
		Map<String, String> fields) implements UserMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgId not null
	 * @param content not null
	 * @param fields not null; copied
	 */
	public TextMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgId, "msgId");
		Arguments.requireNonNull(content, "content");
		fields = MessageFields.copy(fields);
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
