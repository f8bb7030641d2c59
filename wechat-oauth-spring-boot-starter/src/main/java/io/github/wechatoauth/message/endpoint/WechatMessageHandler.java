package io.github.wechatoauth.message.endpoint;

import java.util.Optional;

import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;
import org.jspecify.annotations.Nullable;

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
 * <p>
 * With several accounts ({@code wechat.apps.<name>.token}), every account's pushes reach
 * the same handlers. {@link #forAccount(String, WechatMessageHandler)} keeps a handler to
 * one account; a handler that serves them all in different ways overrides
 * {@link #handle(InboundMessage, MessageAccount)}.
 *
 * <pre>{@code
 * // a @Bean method of a @Configuration class
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

	/**
	 * Handles a message that came for a given account; this is what the endpoint calls.
	 * By default, {@link #handle(InboundMessage)}, whatever the account.
	 * @param message the message
	 * @param account the account whose endpoint took the message
	 * @return the reply to send back, or empty to let the next handler answer
	 */
	default Optional<Reply> handle(InboundMessage message, MessageAccount account) {
		return handle(message);
	}

	/**
	 * Returns a handler that passes on the messages of one account to the given handler,
	 * and answers nothing to the others. Asked without an account, through
	 * {@link #handle(InboundMessage)}, it answers nothing either. <pre>{@code
	 * // a @Bean method of a @Configuration class
	 * WechatMessageHandler shopWelcome() {
	 *     return WechatMessageHandler.forAccount("shop", (message) -> (message instanceof SubscribeEvent)
	 *             ? Optional.of(new TextReply("Welcome to the shop!")) : Optional.empty());
	 * }
	 * }</pre>
	 * @param name the account's name under {@code wechat.apps}, or {@code null} for the
	 * account of {@code wechat.*}
	 * @param handler the handler of that account's messages
	 * @return the handler
	 */
	static WechatMessageHandler forAccount(@Nullable String name, WechatMessageHandler handler) {
		return new WechatMessageHandler() {

			@Override
			public Optional<Reply> handle(InboundMessage message) {
				return Optional.empty();
			}

			@Override
			public Optional<Reply> handle(InboundMessage message, MessageAccount account) {
				return account.is(name) ? handler.handle(message, account) : Optional.empty();
			}

			@Override
			public String toString() {
				return "WechatMessageHandler.forAccount(" + name + ", " + handler + ")";
			}

		};
	}

}
