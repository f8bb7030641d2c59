package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * A message or event this library has no record for (such as
 * {@code TEMPLATESENDJOBFINISH} or a menu's {@code scancode_push}), or a known type that
 * lacked one of its fields. Nothing is lost: read {@link #fields()}.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgType {@code MsgType}
 * @param fields every field as it came
 */
public record GenericMessage(String toUserName, String fromUserName, Instant createTime, String msgType,
		Map<String, String> fields) implements InboundMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgType not null
	 * @param fields not null; copied
	 */
	public GenericMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgType, "msgType");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code Event}, for an event.
	 * @return the event, or {@code null} for a message that is not one
	 */
	public @Nullable String event() {
		return this.fields.get("Event");
	}

	/**
	 * Returns {@code FromUserName:CreateTime:Event} for an event, else {@code MsgId},
	 * else {@code FromUserName:CreateTime:MsgType}.
	 * @return the key
	 */
	@Override
	public String deduplicationKey() {
		String event = event();
		if ("event".equalsIgnoreCase(this.msgType) || event != null) {
			return this.fromUserName + ":" + this.createTime.getEpochSecond() + ":" + ((event != null) ? event : "");
		}
		String msgId = this.fields.get("MsgId");
		if (msgId != null && !msgId.isBlank()) {
			return msgId;
		}
		return this.fromUserName + ":" + this.createTime.getEpochSecond() + ":" + this.msgType;
	}

}
