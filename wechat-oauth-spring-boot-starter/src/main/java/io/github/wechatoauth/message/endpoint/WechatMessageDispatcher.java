package io.github.wechatoauth.message.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hands a message to the application, on an executor, and waits a bounded time for the
 * reply: the {@link WechatMessageHandler handlers} run in order until one replies, then
 * the message is published as a {@link WechatMessageEvent} whose payload is the message
 * record, so that {@code @EventListener void on(ScanEvent event)} receives it. Listeners
 * therefore never delay the reply. Shared by the endpoints of every account, each of
 * which names its account; thread-safe. A message still being handled when the
 * application context closes is not published, and one WARN says so.
 */
public final class WechatMessageDispatcher {

	private static final Log logger = LogFactory.getLog(WechatMessageDispatcher.class);

	private final List<WechatMessageHandler> handlers;

	private final ApplicationEventPublisher eventPublisher;

	private final Executor executor;

	/**
	 * Creates a dispatcher.
	 * @param handlers the handlers, in the order they are asked
	 * @param eventPublisher where each message is published after the handlers ran
	 * @param executor where handlers and listeners run, off the request's thread
	 */
	public WechatMessageDispatcher(List<WechatMessageHandler> handlers, ApplicationEventPublisher eventPublisher,
			Executor executor) {
		this.handlers = List.copyOf(handlers);
		this.eventPublisher = eventPublisher;
		this.executor = executor;
	}

	/**
	 * Runs the handlers on the executor and waits for their reply. A handler that fails
	 * is logged at ERROR and ends the search for a reply; the message is still published.
	 * When no reply comes within the timeout, one WARN names the handler still running;
	 * it runs on, and its reply, if any, is dropped.
	 * @param message the message
	 * @param account the account it came for, which handlers and listeners are told
	 * @param replyTimeout the longest wait for the reply
	 * @return the first reply, or empty when no handler replied in time
	 * @throws RejectedExecutionException if the executor refuses the work; nothing ran
	 */
	public Optional<Reply> dispatch(InboundMessage message, MessageAccount account, Duration replyTimeout) {
		CompletableFuture<Optional<Reply>> reply = new CompletableFuture<>();
		AtomicReference<String> running = new AtomicReference<>("waiting for a thread of the executor");
		this.executor.execute(() -> {
			try {
				reply.complete(askHandlers(message, account, running));
			}
			catch (RuntimeException ex) {
				reply.completeExceptionally(ex);
			}
			publish(message, account);
		});
		try {
			return reply.get(replyTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("No reply to the WeChat " + describe(message) + " within " + replyTimeout + " (" + running.get()
					+ "); answered \"success\"; " + "a reply that comes later is dropped");
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			logger.error("A WechatMessageHandler failed on the WeChat " + describe(message) + ": answered \"success\"",
					ex.getCause());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private Optional<Reply> askHandlers(InboundMessage message, MessageAccount account,
			AtomicReference<String> running) {
		for (WechatMessageHandler handler : this.handlers) {
			running.set("in " + handler.getClass().getName());
			Optional<Reply> reply = handler.handle(message, account);
			if (reply.isPresent()) {
				return reply;
			}
		}
		return Optional.empty();
	}

	private void publish(InboundMessage message, MessageAccount account) {
		try {
			this.eventPublisher.publishEvent(new WechatMessageEvent<>(this, message, account));
		}
		catch (RuntimeException ex) {
			if (this.eventPublisher instanceof ConfigurableApplicationContext context && context.isClosed()) {
				// Shutting down while the handlers ran: no listener failed, and none is
				// left.
				logger.warn("The WeChat " + describe(message)
						+ " was not published to @EventListeners: the application context closed while it was handled");
				return;
			}
			logger.error("An @EventListener failed on the WeChat " + describe(message), ex);
		}
	}

	static String describe(InboundMessage message) {
		return "push " + message.msgType() + " " + message.deduplicationKey();
	}

	/**
	 * Describes the dispatcher.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "WechatMessageDispatcher[handlers=" + this.handlers.size() + ", executor=" + this.executor + "]";
	}

}
