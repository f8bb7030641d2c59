package io.github.wechatoauth.message.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.TextMessage;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WechatMessageDispatcher} when the application context closes while a message is
 * being handled: WeChat still gets its answer, and the message, which no listener can
 * take any more, is dropped with one WARN, not an ERROR with a listener's stack trace.
 */
class WechatMessageDispatcherTests {

	private static final InboundMessage MESSAGE = new TextMessage("gh_account", "o-user", Instant.ofEpochSecond(1),
			"5001", "hello", Map.of());

	private static final MessageAccount ACCOUNT = new MessageAccount(null, "wx1234567890abcdef");

	@Test
	void publishesToTheListenersOfAnOpenContext() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Listener.class)) {
			WechatMessageDispatcher dispatcher = new WechatMessageDispatcher(List.of(), context, Runnable::run);

			assertThat(dispatcher.dispatch(MESSAGE, ACCOUNT, Duration.ofSeconds(5))).isEmpty();

			assertThat(context.getBean(Listener.class).received).containsExactly(MESSAGE);
		}
	}

	@Test
	void dropsAMessageWithOneWarnWhenTheContextClosesWhileItIsHandled() {
		ClosingContext context = new ClosingContext();
		context.register(Listener.class);
		context.refresh();
		Listener listener = context.getBean(Listener.class);
		WechatMessageDispatcher dispatcher = new WechatMessageDispatcher(List.of((message) -> {
			context.close();
			return Optional.empty();
		}), context, Runnable::run);

		try (CapturedLogs logs = CapturedLogs.of(WechatMessageDispatcher.class.getName())) {
			assertThat(dispatcher.dispatch(MESSAGE, ACCOUNT, Duration.ofSeconds(5))).isEmpty();

			assertThat(logs.at(Level.WARN)).singleElement()
				.asString()
				.isEqualTo("The WeChat push text 5001 was not published to @EventListeners: the application "
						+ "context closed while it was handled");
			assertThat(logs.at(Level.ERROR)).isEmpty();
			assertThat(logs.all()).doesNotContain("\tat ");
		}
		assertThat(listener.received).isEmpty();
	}

	/**
	 * Refuses the message's event once closing, as Spring's context does while it
	 * destroys its beans ("has been closed already", or a listener bean that can no
	 * longer be created): a race that a test cannot hit on purpose.
	 */
	static class ClosingContext extends AnnotationConfigApplicationContext {

		@Override
		public void publishEvent(ApplicationEvent event) {
			refuseOnceClosed(event);
			super.publishEvent(event);
		}

		@Override
		public void publishEvent(Object event) {
			refuseOnceClosed(event);
			super.publishEvent(event);
		}

		private void refuseOnceClosed(Object event) {
			if (event instanceof WechatMessageEvent<?> && isClosed()) {
				throw new IllegalStateException(this + " has been closed already");
			}
		}

	}

	/**
	 * Takes every message.
	 */
	static class Listener {

		final List<InboundMessage> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(InboundMessage message) {
			this.received.add(message);
		}

	}

}
