package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * The user tapped a {@code view} menu button, which opens a link.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param eventKey {@code EventKey}: the link opened
 * @param menuId {@code MenuId}: the personalized menu's id, or {@code null}
 * @param fields every field as it came
 */
public record ViewEvent(String toUserName, String fromUserName, Instant createTime, String eventKey,
		@Nullable String menuId, Map<String, String> fields) implements InboundEvent {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param eventKey not null
	 * @param menuId optional
	 * @param fields not null; copied
	 */
	public ViewEvent {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(eventKey, "eventKey");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code VIEW}.
	 * @return the {@code Event}
	 */
	@Override
	public String event() {
		return "VIEW";
	}

}
