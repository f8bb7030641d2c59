package io.github.wechatoauth.message;

/**
 * An event the platform pushes about a user: following, scanning a parametric QR code,
 * reporting a location, using the menu. Its {@code MsgType} is {@code event}.
 */
public sealed interface InboundEvent extends InboundMessage
		permits SubscribeEvent, UnsubscribeEvent, ScanEvent, LocationEvent, ClickEvent, ViewEvent {

	/**
	 * Returns {@code event}.
	 * @return the {@code MsgType}
	 */
	@Override
	default String msgType() {
		return "event";
	}

	/**
	 * Returns {@code Event}.
	 * @return such as {@code subscribe} or {@code SCAN}
	 */
	String event();

	/**
	 * Returns {@code FromUserName:CreateTime:Event}.
	 * @return the key
	 */
	@Override
	default String deduplicationKey() {
		return fromUserName() + ":" + createTime().getEpochSecond() + ":" + event();
	}

}
