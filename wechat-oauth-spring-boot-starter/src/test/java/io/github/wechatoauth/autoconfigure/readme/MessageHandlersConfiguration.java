package io.github.wechatoauth.autoconfigure.readme;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wechatoauth.message.ScanEvent;
import io.github.wechatoauth.message.SubscribeEvent;
import io.github.wechatoauth.message.TextMessage;
import io.github.wechatoauth.message.TextReply;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The README's examples of receiving messages: the code between the tags appears in the
 * README verbatim, which {@code ReadmeTests} checks and runs.
 */
@Configuration(proxyBeanMethods = false)
public class MessageHandlersConfiguration {

	// tag::handlers[]
	@Bean
	@Order(1)
	WechatMessageHandler welcome() {
		return (message) -> (message instanceof SubscribeEvent)
				? Optional.of(new TextReply("Welcome! Send me anything.")) : Optional.empty();
	}

	@Bean
	@Order(2)
	WechatMessageHandler echo() {
		return (message) -> (message instanceof TextMessage text)
				? Optional.of(new TextReply("You said: " + text.content())) : Optional.empty();
	}
	// end::handlers[]

	// tag::apps[]
	@Bean
	@Order(0)
	WechatMessageHandler shopWelcome() {
		return WechatMessageHandler.forAccount("shop", (message) -> (message instanceof SubscribeEvent)
				? Optional.of(new TextReply("Welcome to the shop!")) : Optional.empty());
	}
	// end::apps[]

	// tag::listener[]
	@Component
	public static class ScanLog {

		private final List<String> scenes = new CopyOnWriteArrayList<>();

		@EventListener
		void onScan(ScanEvent scan) {
			this.scenes.add(scan.scene()); // who scanned what: scan.fromUserName(),
											// scan.scene()
		}

		public List<String> scenes() {
			return this.scenes;
		}

	}
	// end::listener[]

}
