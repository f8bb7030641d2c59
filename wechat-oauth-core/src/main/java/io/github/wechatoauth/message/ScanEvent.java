package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * A user who already follows the account scanned a parametric QR code.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param scene {@code EventKey}: the QR code's scene ({@code scene_id} or
 * {@code scene_str})
 * @param ticket {@code Ticket}: the QR code's ticket, or {@code null}
 * @param fields every field as it came
 */
public record ScanEvent(String toUserName, String fromUserName, Instant createTime, String scene,
		@Nullable String ticket, Map<String, String> fields) implements InboundEvent {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param scene not null
	 * @param ticket optional
	 * @param fields not null; copied
	 */
	public ScanEvent {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		Arguments.requireNonNull(scene, "scene");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code SCAN}.
	 * @return the {@code Event}
	 */
	@Override
	public String event() {
		return "SCAN";
	}

}
