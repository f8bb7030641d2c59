package io.github.wechatoauth.message.endpoint;

import java.util.Optional;

import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;

/**
 * Handles what WeChat pushes to the message endpoint, and may answer with a passive
 * reply. Declare beans of this type; they are called in their
 * {@link org.springframework.core.annotation.Order order}, on the endpoint's executor,
 * until one returns a reply, which goes back to the user. A handler that needs no reply
 * returns {@link Optional#empty()}; to observe every message without replying, an
 * {@code @EventListener} method on the message's type ({@code ScanEvent},
 * {@code TextMessage}, ... or {@code InboundMessage}) is the simpler choice.
 * <p>
 * Each push reaches the handlers once, even when WeChat retries it. A reply that takes
 * longer than {@code wechat.message.reply-timeout} is dropped: WeChat has been answered
 * {@code success} by then.
 *
 * <pre>{@code
 * &#64;Bean
 * WechatMessageHandler echo() {
 *     return (message) -> (message instanceof TextMessage text)
 *             ? Optional.of(new TextReply("You said: " + text.content())) : Optional.empty();
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WechatMessageHandler {

	/**
	 * Handles a message.
	 * @param message the message: a {@code UserMessage}, an {@code InboundEvent} or a
	 * {@code GenericMessage}
	 * @return the reply to send back, or empty to let the next handler answer
	 */
	Optional<Reply> handle(InboundMessage message);

}
