package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * The user tapped a {@code click} menu button.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param eventKey {@code EventKey}: the button's key
 * @param fields every field as it came
 */
public record ClickEvent(String toUserName, String fromUserName, Instant createTime, String eventKey,
		Map<String, String> fields) implements InboundEvent {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param eventKey not null
	 * @param fields not null; copied
	 */
	public ClickEvent {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(eventKey, "eventKey");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code CLICK}.
	 * @return the {@code Event}
	 */
	@Override
	public String event() {
		return "CLICK";
	}

}
