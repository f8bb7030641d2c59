package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * A location the user shared in the chat.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param msgId {@code MsgId}
 * @param latitude {@code Location_X}: the latitude
 * @param longitude {@code Location_Y}: the longitude
 * @param scale {@code Scale}: the map's zoom level
 * @param label {@code Label}: the place's description
 * @param fields every field as it came
 */
public record LocationMessage(String toUserName, String fromUserName, Instant createTime, String msgId, double latitude,
		double longitude, int scale, String label, Map<String, String> fields) implements UserMessage {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param msgId not null
	 * @param latitude the value
	 * @param longitude the value
	 * @param scale the value
	 * @param label not null
	 * @param fields not null; copied
	 */
	public LocationMessage {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(msgId, "msgId");
		Arguments.requireNonNull(label, "label");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code location}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "location";
	}

}
