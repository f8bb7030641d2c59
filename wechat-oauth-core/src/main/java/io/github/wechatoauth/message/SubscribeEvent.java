package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * The user followed the account; by scanning a parametric QR code when {@link #scene()}
 * is not null.
 *
 * @param toUserName {@code ToUserName}: the account
 * @param fromUserName {@code FromUserName}: the user's openid
 * @param createTime {@code CreateTime}
 * @param scene the QR code's scene: {@code EventKey} without its {@code qrscene_} prefix,
 * or {@code null} when the follow did not come from a parametric QR code
 * @param ticket {@code Ticket}: the QR code's ticket, or {@code null}
 * @param fields every field as it came
 */
public record SubscribeEvent(String toUserName, String fromUserName, Instant createTime, @Nullable String scene,
		@Nullable String ticket, Map<String, String> fields) implements InboundEvent {

	/**
	 * Checks the values.
	 * @param toUserName not null
	 * @param fromUserName not null
	 * @param createTime not null
	 * @param scene optional
	 * @param ticket optional
	 * @param fields not null; copied
	 */
	public SubscribeEvent {
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		fields = MessageFields.copy(fields);
	}

	/**
	 * Returns {@code subscribe}.
	 * @return the {@code Event}
	 */
	@Override
	public String event() {
		return "subscribe";
	}

	/**
	 * Tells whether the user followed by scanning a parametric QR code.
	 * @return whether {@link #scene()} is set
	 */
	public boolean fromQrCode() {
		return this.scene != null;
	}

}
