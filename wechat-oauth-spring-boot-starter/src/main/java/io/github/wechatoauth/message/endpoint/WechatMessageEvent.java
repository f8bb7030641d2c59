package io.github.wechatoauth.message.endpoint;

import io.github.wechatoauth.message.InboundMessage;

import org.springframework.context.PayloadApplicationEvent;

/**
 * The application event of a message, published once the handlers have run: its payload
 * is the message record, so that {@code @EventListener void on(ScanEvent scan)} receives
 * the message itself, while a listener that needs to know the account declares this type,
 * such as {@code @EventListener void on(WechatMessageEvent<ScanEvent> event)}.
 *
 * @param <T> the type of the message
 */
public class WechatMessageEvent<T extends InboundMessage> extends PayloadApplicationEvent<T> {

	private static final long serialVersionUID = 1L;

	/** The account the message came for. */
	private final MessageAccount account;

	/**
	 * Creates the event of a message.
	 * @param source what published it
	 * @param message the message
	 * @param account the account it came for
	 */
	public WechatMessageEvent(Object source, T message, MessageAccount account) {
		super(source, message);
		this.account = account;
	}

	/**
	 * Returns the message.
	 * @return the message, the same as {@link #getPayload()}
	 */
	public T getMessage() {
		return getPayload();
	}

	/**
	 * Returns the account the message came for.
	 * @return the account
	 */
	public MessageAccount getAccount() {
		return this.account;
	}

}
