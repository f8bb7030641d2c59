package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * The user unfollowed the account.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param fields every field as it came
 */
public record UnsubscribeEvent(String toUserName, String fromUserName, Instant createTime,
		Map<String, String> fields) implements InboundEvent {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param fields not null; copied
	 */
	public UnsubscribeEvent {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code unsubscribe}.
	 * @return the {@code Event}
	 */
	@Override
	public String event() {
		return "unsubscribe";
	}

}
