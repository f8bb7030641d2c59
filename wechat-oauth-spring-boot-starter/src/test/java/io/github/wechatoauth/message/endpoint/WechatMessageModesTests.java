package io.github.wechatoauth.message.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import io.github.wechatoauth.autoconfigure.WechatMessageEndpointAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatOAuthClientAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatQrLoginAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatStoreAutoConfiguration;
import io.github.wechatoauth.message.GenericMessage;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.TextMessage;
import io.github.wechatoauth.testsupport.WechatPushes;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Message modes ({@code wechat.message.mode}), replayed nonces, hostile numbers and a
 * Mini Program's JSON pushes, through the endpoint.
 */
@ExtendWith(CapturedLogsExtension.class)
class WechatMessageModesTests {

	private static final String PATH = "/wechat/message";

	/** The safe-mode account of wechat-api.md §11. */
	private static final String APPID = "wxba5fad812f8e6fb9";

	private static final String TOKEN = "AAAAA";

	private static final String KEY = "A".repeat(43);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
		.withUserConfiguration(WechatMessageEndpointTests.WebMvcConfiguration.class,
				WechatMessageEndpointTests.HandlerConfiguration.class)
		// Handlers run on the request's thread: done when the answer is.
		.withBean("applicationTaskExecutor", Executor.class, SyncTaskExecutor::new)
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				"wechat.token=" + TOKEN, "wechat.store.type=memory");

	private final WechatPushes wechat = new WechatPushes(PATH, TOKEN, KEY, APPID);

	private static ContextConsumer<AssertableWebApplicationContext> withMockMvc(
			WechatMessageEndpointTests.MockMvcTest test) {
		return WechatMessageEndpointTests.withMockMvc(test);
	}

	@Test
	void safeModeIsTheDefaultWithAKeyAndRefusesEveryPlaintextPush(CapturedLogs logs) {
		this.contextRunner.withPropertyValues("wechat.encoding-aes-key=" + KEY).run(withMockMvc((context, mvc) -> {
			for (int i = 0; i < 20; i++) {
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", Integer.toString(100 + i), "forged " + i)))
					.andExpect(status().isForbidden())
					.andExpect(content().string(""));
			}
			assertThat(handled(context)).isEmpty();
			assertThat(logs.all()).contains("403 (UNENCRYPTED)").doesNotContain("forged");
			mvc.perform(this.wechat.encryptedPush(WechatPushes.text("o-user", "200", "hello")))
				.andExpect(status().isOk());
			assertThat(handled(context)).hasSize(1);
		}));
	}

	@Test
	void compatibleModeAcceptsPushesInClearAndEncrypted() {
		this.contextRunner.withPropertyValues("wechat.encoding-aes-key=" + KEY, "wechat.message.mode=compatible")
			.run(withMockMvc((context, mvc) -> {
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "301", "clear")))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("You said: clear")));
				mvc.perform(this.wechat.compatiblePush(WechatPushes.text("o-user", "302", "both")))
					.andExpect(status().isOk());
				assertThat(handled(context)).hasSize(2);
			}));
	}

	@Test
	void plaintextModeCanBeChosenWithAKey() {
		this.contextRunner.withPropertyValues("wechat.encoding-aes-key=" + KEY, "wechat.message.mode=PLAINTEXT")
			.run(withMockMvc((context, mvc) -> mvc.perform(this.wechat.push(WechatPushes.text("o-user", "401", "hi")))
				.andExpect(status().isOk())));
	}

	@Test
	void safeOrCompatibleModeWithoutAKeyStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("wechat.message.mode=safe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("wechat.message.mode is safe, but wechat.encoding-aes-key is not set");
		});
		this.contextRunner
			.withPropertyValues("wechat.apps.shop.appid=wx00000000000000a1",
					"wechat.apps.shop.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.apps.shop.token=shop-token",
					"wechat.apps.shop.message.path=/wechat/shop", "wechat.apps.shop.message.mode=compatible")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("wechat.apps.shop.message.mode is compatible");
			});
	}

	@Test
	void eachAccountHasItsOwnMode() {
		this.contextRunner
			.withPropertyValues("wechat.encoding-aes-key=" + KEY, "wechat.apps.shop.appid=wx00000000000000a1",
					"wechat.apps.shop.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.apps.shop.token=shop-token",
					"wechat.apps.shop.encoding-aes-key=" + KEY, "wechat.apps.shop.message.path=/wechat/shop",
					"wechat.apps.shop.message.mode=plaintext")
			.run(withMockMvc((context, mvc) -> {
				WechatPushes shop = new WechatPushes("/wechat/shop", "shop-token", KEY, "wx00000000000000a1");
				mvc.perform(shop.push(WechatPushes.text("o-user", "501", "hi"))).andExpect(status().isOk());
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "502", "hi")))
					.andExpect(status().isForbidden());
			}));
	}

	@Test
	void refusesANonceReplayedWithAnotherBodyAndAnswersTheSameRequestAgainWithSuccess(CapturedLogs logs) {
		this.contextRunner.run(withMockMvc((context, mvc) -> {
			String push = WechatPushes.text("o-user", "601", "hello");
			// One signed timestamp: the nonce is remembered with it.
			Instant signedAt = Instant.now();
			mvc.perform(this.wechat.pushWithNonce(push, signedAt, "123456789")).andExpect(status().isOk());
			mvc.perform(this.wechat.pushWithNonce(WechatPushes.text("o-user", "602", "forged"), signedAt, "123456789"))
				.andExpect(status().isForbidden());
			mvc.perform(this.wechat.pushWithNonce(push, signedAt, "123456789"))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));
			assertThat(handled(context)).singleElement()
				.isInstanceOfSatisfying(TextMessage.class, (text) -> assertThat(text.content()).isEqualTo("hello"));
			assertThat(logs.all()).containsOnlyOnce("403 (REPLAYED)");
		}));
	}

	@Test
	void refusesAHostileCreateTimeWith400NamingItWithoutAStackTrace(CapturedLogs logs) {
		this.contextRunner.run(withMockMvc((context, mvc) -> {
			String push = WechatPushes.text("o-user", "701", "hello")
				.replaceFirst("<CreateTime>[0-9]+</CreateTime>", "<CreateTime>9223372036854775807</CreateTime>");
			mvc.perform(this.wechat.push(push)).andExpect(status().isBadRequest()).andExpect(content().string(""));
			String location = "<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>"
					+ Instant.now().getEpochSecond() + "</CreateTime><MsgType>event</MsgType><Event>LOCATION</Event>"
					+ "<Latitude>1e309</Latitude><Longitude>113.3</Longitude><Precision>30</Precision></xml>";
			mvc.perform(this.wechat.push(location)).andExpect(status().isBadRequest());
			assertThat(handled(context)).isEmpty();
			assertThat(logs.all()).contains("400 (MALFORMED): the message's CreateTime is out of its range")
				.doesNotContain("ERROR")
				.doesNotContain("DateTimeException")
				.doesNotContain("\tat ");
			assertThat(logs.all()).contains("the message's Latitude is not a finite number");
		}));
	}

	@Test
	void takesAMiniProgramsJsonPushAndAnswersSuccessWhateverTheHandlerReplies() {
		this.contextRunner.run(withMockMvc((context, mvc) -> {
			mvc.perform(this.wechat.jsonPush(WechatPushes.jsonText("o-user", "801", "hello")))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
				.andExpect(content().string("success"));
			assertThat(handled(context)).singleElement()
				.isInstanceOfSatisfying(TextMessage.class, (text) -> assertThat(text.content()).isEqualTo("hello"));
		}));
	}

	@Test
	void takesAMiniProgramsJsonPushInSafeMode() {
		this.contextRunner.withPropertyValues("wechat.encoding-aes-key=" + KEY).run(withMockMvc((context, mvc) -> {
			mvc.perform(this.wechat.encryptedJsonPush(WechatPushes.jsonText("o-user", "901", "你好")))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));
			mvc.perform(this.wechat.jsonPush(WechatPushes.jsonText("o-user", "902", "forged")))
				.andExpect(status().isForbidden());
			assertThat(handled(context)).singleElement()
				.isInstanceOfSatisfying(TextMessage.class, (text) -> assertThat(text.content()).isEqualTo("你好"));
		}));
	}

	@Test
	void tellsAJsonPushByItsBodyWhenTheContentTypeSaysNothing() {
		this.contextRunner.run(withMockMvc((context, mvc) -> {
			mvc.perform(
					this.wechat.jsonPush(WechatPushes.jsonText("o-user", "1001", "plain")).contentType("text/plain"))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));
			assertThat(handled(context)).singleElement().isInstanceOf(TextMessage.class);
		}));
	}

	@Test
	void refusesAHostileOrOversizedJsonPush() {
		this.contextRunner.withPropertyValues("wechat.message.max-body-size=1KB").run(withMockMvc((context, mvc) -> {
			String hostile = WechatPushes.jsonText("o-user", "1101", "x")
				.replaceFirst("\"CreateTime\":[0-9]+", "\"CreateTime\":9223372036854775807");
			mvc.perform(this.wechat.jsonPush(hostile)).andExpect(status().isBadRequest());
			mvc.perform(this.wechat.jsonPush(WechatPushes.jsonText("o-user", "1102", "x".repeat(1024))))
				.andExpect(status().is(413));
			mvc.perform(this.wechat.jsonPush("[\"not an object\"]")).andExpect(status().isBadRequest());
			assertThat(handled(context)).isEmpty();
		}));
	}

	@Test
	void opensTheOfficialSafeModeJsonVector() {
		// wechat-api.md §11, safe-mode vector, on a clock at its timestamp.
		Clock signedAt = Clock.fixed(Instant.ofEpochSecond(1714112445), ZoneOffset.UTC);
		List<InboundMessage> received = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("wechat.encoding-aes-key=" + KEY)
			.withBean(WechatMessageDispatcher.class,
					() -> new WechatMessageDispatcher(List.of(),
							(event) -> received.add(((WechatMessageEvent<?>) event).getMessage()), Runnable::run))
			.withBean(Clock.class, () -> signedAt)
			.run(withMockMvc((context, mvc) -> {
				String body = "{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4"
						+ "FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUX"
						+ "Q7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajA"
						+ "sjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=\"}";
				mvc.perform(post(PATH).param("timestamp", "1714112445")
					.param("nonce", "415670741")
					.param("encrypt_type", "aes")
					.param("msg_signature", "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3")
					.contentType(MediaType.APPLICATION_JSON)
					.content(body.getBytes(StandardCharsets.UTF_8)))
					.andExpect(status().isOk())
					.andExpect(content().string("success"));
				assertThat(received).singleElement().isInstanceOfSatisfying(GenericMessage.class, (message) -> {
					assertThat(message.event()).isEqualTo("debug_demo");
					assertThat(message.fields()).containsEntry("debug_str", "hello world");
				});
			}));
	}

	private static List<InboundMessage> handled(AssertableWebApplicationContext context) {
		return context.getBean(WechatMessageEndpointTests.RecordingHandler.class).handled;
	}

}
