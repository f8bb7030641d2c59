package io.github.wechatoauth.message;

/**
 * A message a user sent to the account (WeChat's "ordinary message"), identified by its
 * {@code MsgId}.
 */
public sealed interface UserMessage extends InboundMessage
		permits TextMessage, ImageMessage, VoiceMessage, VideoMessage, ShortVideoMessage, LocationMessage, LinkMessage {

	/**
	 * Returns {@code MsgId}, the same on each retry of the push.
	 * @return the message id, a 64-bit number as text
	 */
	String msgId();

	/**
	 * Returns the {@code MsgId}.
	 * @return the key
	 */
	@Override
	default String deduplicationKey() {
		return msgId();
	}

}
