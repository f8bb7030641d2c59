package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;

/**
 * The user's location, reported when they open the chat (if the account asks and they
 * agreed).
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param latitude {@code Latitude}
 * @param longitude {@code Longitude}
 * @param precision {@code Precision}: the accuracy
 * @param fields every field as it came
 */
public record LocationEvent(String toUserName, String fromUserName, Instant createTime, double latitude,
		double longitude, double precision, Map<String, String> fields) implements InboundEvent {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param latitude the value
	 * @param longitude the value
	 * @param precision the value
	 * @param fields not null; copied
	 */
	public LocationEvent {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code LOCATION}.
	 * @return the {@code Event}
	 */
	@Override
	public String event() {
		return "LOCATION";
	}

}
