package io.github.wechatoauth.message.endpoint;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.autoconfigure.WechatMessageEndpointAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatOAuthClientAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatQrLoginAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatStoreAutoConfiguration;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;
import io.github.wechatoauth.message.ScanEvent;
import io.github.wechatoauth.message.TextMessage;
import io.github.wechatoauth.message.TextReply;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.WechatPushes;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The message endpoint through MockMvc: URL verification, pushes in each mode, each bad
 * request, hostile XML, WeChat's retries, a slow handler, and how the application
 * receives messages (handlers and {@code @EventListener}s).
 */
@ExtendWith(CapturedLogsExtension.class)
class WechatMessageEndpointTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String TOKEN = "test-token";

	/** The safe-mode account of wechat-api.md §11. */
	private static final String SAFE_APPID = "wxba5fad812f8e6fb9";

	private static final String SAFE_TOKEN = "AAAAA";

	private static final String SAFE_KEY = "A".repeat(43);

	private static final String PATH = "/wechat/message";

	@RegisterExtension
	static final WireMockExtension attacker = WechatStub.server();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
		.withUserConfiguration(WebMvcConfiguration.class, HandlerConfiguration.class)
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				"wechat.token=" + TOKEN, "wechat.store.type=memory");

	private final WechatPushes wechat = new WechatPushes(PATH, TOKEN, null, APPID);

	@Test
	void answersUrlVerificationWithEchostr() {
		run((context, mvc) -> mvc.perform(this.wechat.verifyUrl("4375120948345356249"))
			.andExpect(status().isOk())
			.andExpect(content().string("4375120948345356249")));
	}

	@Test
	void refusesUrlVerificationWithAWrongSignature(CapturedLogs logs) {
		run((context, mvc) -> {
			mvc.perform(new WechatPushes(PATH, "another-token", null, APPID).verifyUrl("42"))
				.andExpect(status().isForbidden())
				.andExpect(content().string(""));
			assertThat(logs.all()).containsOnlyOnce("Refused a WeChat URL verification");
		});
	}

	@Test
	void repliesToATextMessage() {
		run((context, mvc) -> {
			MvcResult result = mvc.perform(this.wechat.push(WechatPushes.text("o-user", "1001", "hello")))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/xml"))
				.andReturn();
			assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.contains("<ToUserName><![CDATA[o-user]]></ToUserName>")
				.contains("<FromUserName><![CDATA[gh_account]]></FromUserName>")
				.contains("<Content><![CDATA[You said: hello]]></Content>");
		});
	}

	@Test
	void answersSuccessWhenNoHandlerReplies() {
		run((context, mvc) -> {
			mvc.perform(this.wechat.push(WechatPushes.scan("o-user", "campaign-42")))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));
			assertThat(handler(context).handled).singleElement().isInstanceOf(ScanEvent.class);
		});
	}

	@Test
	void refusesAWrongSignatureWith403AndNoDetail(CapturedLogs logs) {
		run((context, mvc) -> {
			mvc.perform(this.wechat.pushWithWrongSignature(WechatPushes.text("o-user", "1001", "hello")))
				.andExpect(status().isForbidden())
				.andExpect(content().string(""));
			assertThat(handler(context).handled).isEmpty();
			assertThat(logs.all()).containsOnlyOnce("Refused a WeChat push").contains("403 (BAD_SIGNATURE)");
		});
	}

	@Test
	void refusesAPushSignedByAnotherTokenWith403() {
		run((context, mvc) -> {
			mvc.perform(new WechatPushes(PATH, "another-token", null, APPID)
				.push(WechatPushes.text("o-user", "1001", "hello"))).andExpect(status().isForbidden());
			assertThat(handler(context).handled).isEmpty();
		});
	}

	@Test
	void refusesAStaleTimestampWith403(CapturedLogs logs) {
		run((context, mvc) -> {
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "1001", "hello"),
					Instant.now().minus(Duration.ofMinutes(6))))
				.andExpect(status().isForbidden())
				.andExpect(content().string(""));
			assertThat(handler(context).handled).isEmpty();
			assertThat(logs.all()).containsOnlyOnce("Refused a WeChat push").contains("403 (STALE_TIMESTAMP)");
		});
	}

	@Test
	void acceptsATimestampWithinTheConfiguredWindow() {
		this.contextRunner.withPropertyValues("wechat.message.timestamp-window=10m")
			.run(withMockMvc((context, mvc) -> mvc
				.perform(this.wechat.push(WechatPushes.text("o-user", "1001", "hello"),
						Instant.now().minus(Duration.ofMinutes(6))))
				.andExpect(status().isOk())));
	}

	@Test
	void refusesMalformedXmlWith400(CapturedLogs logs) {
		run((context, mvc) -> {
			mvc.perform(this.wechat.push("<xml><ToUserName>gh_account</ToUserName><Content>secret-content"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(""));
			assertThat(handler(context).handled).isEmpty();
			assertThat(logs.all()).containsOnlyOnce("Refused a WeChat push")
				.contains("400 (MALFORMED)")
				.doesNotContain("secret-content");
		});
	}

	@Test
	void refusesAnOversizedBodyWith413(CapturedLogs logs) {
		this.contextRunner.withPropertyValues("wechat.message.max-body-size=1KB").run(withMockMvc((context, mvc) -> {
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "1001", "x".repeat(1024))))
				.andExpect(status().is(413))
				.andExpect(content().string(""));
			assertThat(handler(context).handled).isEmpty();
			assertThat(logs.all()).containsOnlyOnce("Refused a WeChat push").contains("413 (BODY_TOO_LARGE)");
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "1002", "x".repeat(700))))
				.andExpect(status().isOk());
		}));
	}

	@Test
	void refusesAnExternalEntityWithoutReadingTheFile(@TempDir Path directory) throws IOException {
		Path secret = Files.writeString(directory.resolve("secret.txt"), "file-content-never-read");
		String payload = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
				+ "<xml><ToUserName>gh_account</ToUserName><FromUserName>o-user</FromUserName>"
				+ "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";
		assertRefusedAsMalformed(payload, "file-content-never-read");
	}

	@Test
	void refusesAnExternalEntityWithoutFetchingIt() {
		String payload = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + attacker.baseUrl()
				+ "/entity\">]><xml><ToUserName>gh_account</ToUserName><FromUserName>o-user</FromUserName>"
				+ "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";
		assertRefusedAsMalformed(payload, "entity");
		attacker.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void refusesAParameterEntityWithoutFetchingItsDtd() {
		String payload = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % remote SYSTEM \"" + attacker.baseUrl()
				+ "/evil.dtd\"> %remote;]><xml><ToUserName>gh_account</ToUserName><FromUserName>o-user</FromUserName>"
				+ "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>";
		assertRefusedAsMalformed(payload, "evil");
		attacker.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void refusesBillionLaughsWithoutExpandingThem() {
		StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
		for (int i = 1; i <= 9; i++) {
			String previous = (i == 1) ? "&lol;" : "&lol" + (i - 1) + ";";
			entities.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
		}
		String payload = "<?xml version=\"1.0\"?><!DOCTYPE xml [" + entities + "]>"
				+ "<xml><ToUserName>gh_account</ToUserName><FromUserName>o-user</FromUserName>"
				+ "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>";
		assertRefusedAsMalformed(payload, "lollollol");
	}

	@Test
	void refusesAnExternalEntityInsideAnEncryptedPush() {
		this.contextRunner.withPropertyValues(safeModeAccount()).run(withMockMvc((context, mvc) -> {
			String payload = "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + attacker.baseUrl() + "/entity\">]>"
					+ "<xml><ToUserName>gh_account</ToUserName><FromUserName>o-user</FromUserName>"
					+ "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";
			mvc.perform(safeModeWechat().encryptedPush(payload)).andExpect(status().isBadRequest());
			assertThat(handler(context).handled).isEmpty();
			attacker.verify(0, anyRequestedFor(anyUrl()));
		}));
	}

	@Test
	void handlesAPushThatWechatSendsThreeTimesOnce() {
		run((context, mvc) -> {
			String push = WechatPushes.text("o-user", "5001", "hello");
			assertThat(body(mvc.perform(this.wechat.push(push)).andExpect(status().isOk())))
				.contains("You said: hello");
			for (int retry = 0; retry < 2; retry++) {
				mvc.perform(this.wechat.push(push)).andExpect(status().isOk()).andExpect(content().string("success"));
			}
			assertThat(handler(context).handled).hasSize(1);
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "5002", "hello"))).andExpect(status().isOk());
			assertThat(handler(context).handled).hasSize(2);
		});
	}

	@Test
	void handlesARepeatedEventOnce() {
		run((context, mvc) -> {
			String scan = WechatPushes.scan("o-user", "campaign-42");
			for (int attempt = 0; attempt < 3; attempt++) {
				mvc.perform(this.wechat.push(scan)).andExpect(status().isOk()).andExpect(content().string("success"));
			}
			assertThat(handler(context).handled).hasSize(1);
		});
	}

	@Test
	void answersSuccessWhenAHandlerIsSlowAndDropsItsReply(CapturedLogs logs) {
		this.contextRunner.withPropertyValues("wechat.message.reply-timeout=300ms").run(withMockMvc((context, mvc) -> {
			RecordingHandler handler = handler(context);
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch finished = new CountDownLatch(1);
			handler.behaviour = (message) -> {
				await(release);
				finished.countDown();
				return Optional.of(new TextReply("too late"));
			};
			String push = WechatPushes.text("o-user", "6001", "hello");
			mvc.perform(this.wechat.push(push)).andExpect(status().isOk()).andExpect(content().string("success"));
			assertThat(logs.all()).containsOnlyOnce("No reply to the WeChat push text 6001 within PT0.")
				.contains(RecordingHandler.class.getName());
			release.countDown();
			assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
			mvc.perform(this.wechat.push(push)).andExpect(status().isOk()).andExpect(content().string("success"));
			assertThat(handler.handled).hasSize(1);
			assertThat(logs.all()).containsOnlyOnce("No reply to the WeChat push");
		}));
	}

	@Test
	void answersSuccessWhenAHandlerFailsAndStillPublishesTheMessage() {
		try (CapturedLogs logs = CapturedLogs.of("io.github.wechatoauth.message.endpoint")) {
			run((context, mvc) -> {
				handler(context).behaviour = (message) -> {
					throw new IllegalStateException("handler bug");
				};
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7001", "hello")))
					.andExpect(status().isOk())
					.andExpect(content().string("success"));
				assertThat(context.getBean(Listener.class).await()).isInstanceOf(TextMessage.class);
			});
			assertThat(logs.at(Level.ERROR)).singleElement()
				.asString()
				.contains("A WechatMessageHandler failed on the WeChat push text 7001");
		}
	}

	@Test
	void asksHandlersInOrderUntilOneReplies() {
		this.contextRunner.withUserConfiguration(OrderedHandlers.class).run(withMockMvc((context, mvc) -> {
			assertThat(body(mvc.perform(this.wechat.push(WechatPushes.text("o-user", "8001", "hello")))))
				.contains("<Content><![CDATA[first]]></Content>");
			assertThat(context.getBean(OrderedHandlers.class).asked).containsExactly("observer", "first");
			assertThat(handler(context).handled).isEmpty();
		}));
	}

	@Test
	void publishesEachMessageToEventListenersOfItsType() {
		run((context, mvc) -> {
			mvc.perform(this.wechat.push(WechatPushes.scan("o-user", "campaign-42"))).andExpect(status().isOk());
			Listener listener = context.getBean(Listener.class);
			InboundMessage message = listener.await();
			assertThat(listener.scanReceived.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(listener.scans).singleElement().isSameAs(message).satisfies((scan) -> {
				assertThat(scan.scene()).isEqualTo("campaign-42");
				assertThat(scan.fromUserName()).isEqualTo("o-user");
			});
		});
	}

	@Test
	void repliesEncryptedToAnEncryptedPush() {
		this.contextRunner.withPropertyValues(safeModeAccount()).run(withMockMvc((context, mvc) -> {
			WechatPushes wechat = safeModeWechat();
			MvcResult result = mvc.perform(wechat.encryptedPush(WechatPushes.text("o-user", "9001", "你好 ]]> world")))
				.andExpect(status().isOk())
				.andReturn();
			String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(body).doesNotContain("You said");
			Map<String, String> reply = wechat.openEncryptedReply(body);
			assertThat(reply).containsEntry("ToUserName", "o-user")
				.containsEntry("MsgType", "text")
				.containsEntry("Content", "You said: 你好 ]]> world");
			assertThat(handler(context).handled).singleElement()
				.isInstanceOfSatisfying(TextMessage.class,
						(text) -> assertThat(text.content()).isEqualTo("你好 ]]> world"));
		}));
	}

	@Test
	void refusesAnEncryptedPushWithAWrongMsgSignature() {
		this.contextRunner.withPropertyValues(safeModeAccount()).run(withMockMvc((context, mvc) -> {
			WechatPushes forger = new WechatPushes(PATH, SAFE_TOKEN, "B".repeat(43), SAFE_APPID);
			mvc.perform(forger.encryptedPush(WechatPushes.text("o-user", "9002", "hi")))
				.andExpect(status().isBadRequest());
			mvc.perform(new WechatPushes(PATH, "BBBBB", SAFE_KEY, SAFE_APPID)
				.encryptedPush(WechatPushes.text("o-user", "9003", "hi"))).andExpect(status().isForbidden());
			assertThat(handler(context).handled).isEmpty();
		}));
	}

	@Test
	void handlesACompatibleModePushWithoutAKey() {
		run((context, mvc) -> {
			WechatPushes wechat = new WechatPushes(PATH, TOKEN, SAFE_KEY, APPID);
			assertThat(body(mvc.perform(wechat.compatiblePush(WechatPushes.text("o-user", "9101", "hello")))
				.andExpect(status().isOk()))).contains("<Content><![CDATA[You said: hello]]></Content>");
		});
	}

	@Test
	void answers500ToASafeModePushWithoutAKeyConfigured(CapturedLogs logs) {
		run((context, mvc) -> {
			WechatPushes wechat = new WechatPushes(PATH, TOKEN, SAFE_KEY, APPID);
			mvc.perform(wechat.encryptedPush(WechatPushes.text("o-user", "9201", "hello")))
				.andExpect(status().isInternalServerError());
			assertThat(logs.all()).contains("AES_KEY_MISSING");
			assertThat(handler(context).handled).isEmpty();
		});
	}

	@Test
	void servesTheConfiguredPath() {
		this.contextRunner.withPropertyValues("wechat.message.path=/hooks/wechat").run(withMockMvc((context, mvc) -> {
			mvc.perform(new WechatPushes("/hooks/wechat", TOKEN, null, APPID).verifyUrl("1"))
				.andExpect(content().string("1"));
			mvc.perform(this.wechat.verifyUrl("1")).andExpect(status().isNotFound());
		}));
	}

	@Test
	void answersTheDocumentedUrlVerification() {
		// wechat-api.md §11, vector 3, on a clock at its timestamp.
		Instant signedAt = Instant.ofEpochSecond(1714036504);
		this.contextRunner.withPropertyValues("wechat.token=AAAAA")
			.withBean(Clock.class, () -> Clock.fixed(signedAt, ZoneOffset.UTC))
			.run(withMockMvc((context, mvc) -> mvc
				.perform(get(PATH).param("signature", "f464b24fc39322e44b38aa78f5edd27bd1441696")
					.param("timestamp", "1714036504")
					.param("nonce", "1514711492")
					.param("echostr", "4375120948345356249"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/plain"))
				.andExpect(content().string("4375120948345356249"))));
	}

	@Test
	void answers503AndForgetsThePushWhenTheExecutorRefusesIt(CapturedLogs logs) {
		Executor full = (task) -> {
			throw new RejectedExecutionException("queue full");
		};
		this.contextRunner.withBean("applicationTaskExecutor", Executor.class, () -> full)
			.run(withMockMvc((context, mvc) -> {
				String push = WechatPushes.text("o-user", "9301", "hello");
				mvc.perform(this.wechat.push(push)).andExpect(status().isServiceUnavailable());
				mvc.perform(this.wechat.push(push)).andExpect(status().isServiceUnavailable());
				assertThat(handler(context).handled).isEmpty();
				assertThat(logs.all()).contains("the message executor is full (queue full)");
			}));
	}

	@Test
	void handlesThePushWhenTheStoreCannotTellARepeat(CapturedLogs logs) {
		this.contextRunner.withBean(SharedStore.class, UnreachableStore::new).run(withMockMvc((context, mvc) -> {
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "9401", "hello"))).andExpect(status().isOk());
			assertThat(handler(context).handled).hasSize(1);
			assertThat(logs.all())
				.contains("Could not check whether the WeChat push text 9401 is a repeat; handling it")
				.contains("Redis is down");
		}));
	}

	private void assertRefusedAsMalformed(String payload, String leaked) {
		run((context, mvc) -> {
			MvcResult result = mvc.perform(this.wechat.push(payload)).andExpect(status().isBadRequest()).andReturn();
			assertThat(result.getResponse().getContentAsString()).doesNotContain(leaked).isEmpty();
			assertThat(handler(context).handled).isEmpty();
		});
	}

	private String[] safeModeAccount() {
		return new String[] { "wechat.appid=" + SAFE_APPID, "wechat.token=" + SAFE_TOKEN,
				"wechat.encoding-aes-key=" + SAFE_KEY };
	}

	private WechatPushes safeModeWechat() {
		return new WechatPushes(PATH, SAFE_TOKEN, SAFE_KEY, SAFE_APPID);
	}

	private void run(MockMvcTest test) {
		this.contextRunner.run(withMockMvc(test));
	}

	static ContextConsumer<AssertableWebApplicationContext> withMockMvc(MockMvcTest test) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			test.run(context, MockMvcBuilders.webAppContextSetup(context).build());
		};
	}

	private static String body(ResultActions result) throws IOException {
		return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static RecordingHandler handler(AssertableWebApplicationContext context) {
		return context.getBean(RecordingHandler.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	interface MockMvcTest {

		void run(AssertableWebApplicationContext context, MockMvc mvc) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvcConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

	/**
	 * Replies to text messages by default, and records what it handled.
	 */
	static class RecordingHandler implements WechatMessageHandler {

		final List<InboundMessage> handled = new CopyOnWriteArrayList<>();

		volatile Function<InboundMessage, Optional<Reply>> behaviour = (
				message) -> (message instanceof TextMessage text)
						? Optional.of(new TextReply("You said: " + text.content())) : Optional.empty();

		@Override
		public Optional<Reply> handle(InboundMessage message) {
			this.handled.add(message);
			return this.behaviour.apply(message);
		}

	}

	/**
	 * Listens to every message and to scans.
	 */
	static class Listener {

		final CountDownLatch received = new CountDownLatch(1);

		final List<InboundMessage> messages = new CopyOnWriteArrayList<>();

		final CountDownLatch scanReceived = new CountDownLatch(1);

		final List<ScanEvent> scans = new CopyOnWriteArrayList<>();

		@EventListener
		void on(InboundMessage message) {
			this.messages.add(message);
			this.received.countDown();
		}

		@EventListener
		void on(ScanEvent scan) {
			this.scans.add(scan);
			this.scanReceived.countDown();
		}

		InboundMessage await() throws InterruptedException {
			assertThat(this.received.await(10, TimeUnit.SECONDS)).as("a published message").isTrue();
			return this.messages.get(0);
		}

	}

	/**
	 * A store whose server is down.
	 */
	static class UnreachableStore implements SharedStore {

		@Override
		public Optional<StoredValue> get(String key) {
			throw new WechatTransportException("Redis is down");
		}

		@Override
		public void put(String key, StoredValue credential) {
			throw new WechatTransportException("Redis is down");
		}

		@Override
		public boolean remove(String key, String expectedValue) {
			throw new WechatTransportException("Redis is down");
		}

		@Override
		public boolean replace(String key, String expectedValue, StoredValue newValue) {
			throw new WechatTransportException("Redis is down");
		}

		@Override
		public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
			throw new WechatTransportException("Redis is down");
		}

		@Override
		public void releaseLease(Lease lease) {
			throw new WechatTransportException("Redis is down");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedHandlers {

		final List<String> asked = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		WechatMessageHandler first() {
			return (message) -> {
				this.asked.add("first");
				return Optional.of(new TextReply("first"));
			};
		}

		@Bean
		@Order(1)
		WechatMessageHandler observer() {
			return (message) -> {
				this.asked.add("observer");
				return Optional.empty();
			};
		}

		@Bean
		@Order(3)
		WechatMessageHandler second() {
			return (message) -> {
				this.asked.add("second");
				return Optional.of(new TextReply("second"));
			};
		}

	}

}
