package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * A link the user sent.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgId {@code MsgId}
 * @param title {@code Title}
 * @param description {@code Description}
 * @param url {@code Url}
 * @param fields every field as it came
 */
public record LinkMessage(String toUserName, String fromUserName, Instant createTime, String msgId, String title,
		String description, String url, Map<String, String> fields) implements UserMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgId not null
	 * @param title not null
	 * @param description not null
	 * @param url not null
	 * @param fields not null; copied
	 */
	public LinkMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgId, "msgId");
		Arguments.requireNonNull(title, "title");
		Arguments.requireNonNull(description, "description");
		Arguments.requireNonNull(url, "url");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code link}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "link";
	}

}
