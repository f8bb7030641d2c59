package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

/**
 * What WeChat pushes: a message a user sent ({@link UserMessage}), an event
 * ({@link InboundEvent}), or anything this library has no type for
 * ({@link GenericMessage}). Every raw field stays available through {@link #fields()}.
 */
public sealed interface InboundMessage permits UserMessage, InboundEvent, GenericMessage {

	/**
	 * Returns {@code ToUserName}: the account's original id ({@code gh_...}).
	 * @return the account
	 */
	String toUserName();

	/**
	 * Returns {@code FromUserName}: the user's openid.
	 * @return the user
	 */
	String fromUserName();

	/**
	 * Returns {@code CreateTime}.
	 * @return when WeChat created the message, in whole seconds
	 */
	Instant createTime();

	/**
	 * Returns {@code MsgType}.
	 * @return such as {@code text} or {@code event}
	 */
	String msgType();

	/**
	 * Returns every field as it came, in document order; nested elements by path, see
	 * {@link MessageXml#parse(String)}.
	 * @return the fields, unmodifiable
	 */
	Map<String, String> fields();

	/**
	 * Returns the key that is the same for each of WeChat's retries of one push:
	 * {@code MsgId} for messages, {@code FromUserName:CreateTime:Event} for events. Scope
	 * it by account when several accounts share one store.
	 * @return the key
	 */
	String deduplicationKey();

	/**
	 * Types a message from its fields: a known message or event becomes its record, and
	 * anything else, or a known type lacking one of its fields, a {@link GenericMessage}.
	 * @param fields the fields, such as from {@link MessageXml#parse(String)}
	 * @return the message
	 * @throws WechatMessageException with {@link WechatMessageException.Reason#MALFORMED}
	 * if {@code ToUserName}, {@code FromUserName}, {@code CreateTime} or {@code MsgType}
	 * is missing, or a number the message holds ({@code CreateTime}, {@code MsgId}, a
	 * latitude, ...) is not a number or out of its range; the message names the field
	 */
	static InboundMessage of(Map<String, String> fields) {
		return MessageFields.toMessage(fields);
	}

}
