package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.message.endpoint.WechatMessageEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;
import io.github.wechatoauth.message.TextMessage;
import io.github.wechatoauth.message.TextReply;
import io.github.wechatoauth.message.endpoint.MessageAccount;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.message.endpoint.WechatMessageEvent;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;
import io.github.wechatoauth.qrcode.QrLoginCode;
import io.github.wechatoauth.qrcode.QrLoginStatus;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import io.github.wechatoauth.testsupport.WechatPushes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Several accounts' message endpoints side by side, through MockMvc: each at the path of
 * {@code wechat.apps.<name>.message.path} with its own token, EncodingAESKey and appid,
 * handlers and listeners told the account, de-duplication per account, and start-up
 * failures for a shared path.
 */
class WechatAppsMessageEndpointTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SHOP = "wx00000000000000a1";

	private static final String NEWS = "wx00000000000000b2";

	private static final String NEWS_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@RegisterExtension
	static final WireMockExtension wechatApi = WechatStub.server();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
		.withUserConfiguration(WebMvc.class, Handlers.class)
		// Handlers and listeners run on the request's thread: done when the answer is.
		.withBean("applicationTaskExecutor", Executor.class, SyncTaskExecutor::new)
		.withPropertyValues("wechat.store.type=memory", "wechat.apps.shop.appid=" + SHOP,
				"wechat.apps.shop.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.apps.shop.token=shop-token",
				"wechat.apps.shop.message.path=/wechat/shop", "wechat.apps.news.appid=" + NEWS,
				"wechat.apps.news.secret=4e05a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.apps.news.token=news-token",
				"wechat.apps.news.encoding-aes-key=" + NEWS_KEY, "wechat.apps.news.message.path=/wechat/news");

	private final WechatPushes shop = new WechatPushes("/wechat/shop", "shop-token", null, SHOP);

	private final WechatPushes news = new WechatPushes("/wechat/news", "news-token", NEWS_KEY, NEWS);

	@BeforeEach
	void stubWechat() {
		wechatApi.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"app-token\",\"expires_in\":7200}")));
		wechatApi.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.willReturn(okJson("{\"ticket\":\"gQH47joAAAAAAAAAASxod\",\"expire_seconds\":300,"
					+ "\"url\":\"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI\"}")));
	}

	@Test
	void givesEachAccountWithATokenAnEndpointAtItsPath() {
		this.contextRunner
			.withPropertyValues("wechat.apps.blog.appid=wx00000000000000c3",
					"wechat.apps.blog.secret=b106a5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(WechatMessageEndpoint.class)
					.hasBean("wechatMessageRouterFunction");
				WechatMessageEndpoints endpoints = context.getBean(WechatMessageEndpoints.class);
				assertThat(endpoints.byName()).containsOnlyKeys("shop", "news");
				assertThat(endpoints.byName().get("shop").getPath()).isEqualTo("/wechat/shop");
				assertThat(endpoints.byName().get("news").getAccount()).isEqualTo(new MessageAccount("news", NEWS));
				assertThat(endpoints.byName().get("news").toString()).startsWith("WechatMessageEndpoint[account=news")
					.contains("mode=SAFE")
					.doesNotContain(NEWS_KEY)
					.doesNotContain("news-token");
			});
	}

	@Test
	void eachAccountAnswersItsOwnSignedPushes() {
		withDefaultAccount().run(withMockMvc((context, mvc) -> {
			WechatPushes single = new WechatPushes("/wechat/message", "default-token", null, APPID);
			assertThat(reply(mvc, single.push(WechatPushes.text("o-ann", "1001", "hi"))))
				.contains("<Content><![CDATA[default: hi]]></Content>");
			assertThat(reply(mvc, this.shop.push(WechatPushes.text("o-bob", "1002", "hi"))))
				.contains("<Content><![CDATA[Shop says: hi]]></Content>");
			assertThat(this.news
				.openEncryptedReply(reply(mvc, this.news.encryptedPush(WechatPushes.text("o-cat", "1003", "hi")))))
				.containsEntry("Content", "news: hi");
			mvc.perform(this.shop.verifyUrl("11")).andExpect(content().string("11"));
			mvc.perform(this.news.verifyUrl("12")).andExpect(content().string("12"));
			Handlers handlers = context.getBean(Handlers.class);
			assertThat(handlers.events).containsExactly("default:1001", "shop:1002", "news:1003");
			assertThat(handlers.texts).containsExactly("1001", "1002", "1003");
		}));
	}

	@Test
	void refusesAPushSignedForAnotherAccount() {
		this.contextRunner.run(withMockMvc((context, mvc) -> {
			WechatPushes shopAtNews = new WechatPushes("/wechat/news", "shop-token", null, SHOP);
			WechatPushes newsAtShop = new WechatPushes("/wechat/shop", "news-token", NEWS_KEY, NEWS);
			mvc.perform(shopAtNews.push(WechatPushes.text("o-bob", "2001", "hi"))).andExpect(status().isForbidden());
			mvc.perform(shopAtNews.verifyUrl("21")).andExpect(status().isForbidden());
			mvc.perform(newsAtShop.push(WechatPushes.text("o-cat", "2002", "hi"))).andExpect(status().isForbidden());
			assertThat(context.getBean(Handlers.class).events).isEmpty();
		}));
	}

	@Test
	void deduplicatesPushesPerAccount() {
		this.contextRunner.run(withMockMvc((context, mvc) -> {
			String push = WechatPushes.text("o-bob", "3001", "hi");
			mvc.perform(this.shop.push(push)).andExpect(status().isOk());
			mvc.perform(this.news.encryptedPush(push)).andExpect(status().isOk());
			mvc.perform(this.shop.push(push)).andExpect(content().string("success"));
			mvc.perform(this.news.encryptedPush(push)).andExpect(content().string("success"));
			assertThat(context.getBean(Handlers.class).events).containsExactly("shop:3001", "news:3001");
		}));
	}

	@Test
	void scanToLogInServesTheAccountOfWechatOnly() {
		withDefaultAccount().run(withMockMvc((context, mvc) -> {
			WechatQrLogin qrLogin = context.getBean(WechatQrLogin.class);
			QrLoginCode code = qrLogin.start();
			String scan = WechatPushes.scan("o-bob", WechatQrLogin.SCENE_PREFIX + code.loginId());
			mvc.perform(this.shop.push(scan)).andExpect(status().isOk());
			assertThat(qrLogin.poll(code.loginId())).isInstanceOf(QrLoginStatus.Pending.class);
			mvc.perform(new WechatPushes("/wechat/message", "default-token", null, APPID).push(scan))
				.andExpect(status().isOk());
			assertThat(qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Confirmed("o-bob"));
		}));
	}

	@Test
	void twoAccountsOnOnePathStopStartUp() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.news.message.path=/wechat/shop"),
				(analysis) -> {
					assertThat(analysis.getDescription())
						.isEqualTo("wechat.apps.news.message.path is '/wechat/shop', which is already the path of "
								+ "the message endpoint of wechat.apps.shop.*: each account's endpoint needs a path "
								+ "of its own.");
					assertThat(analysis.getAction())
						.startsWith("Set wechat.apps.news.message.path to a path of its own, such as "
								+ "/wechat/message/news");
				});
	}

	@Test
	void aNamedAccountOnThePathOfTheSingleAccountStopsStartUp() {
		assertFailure(withDefaultAccount().withPropertyValues("wechat.apps.shop.message.path=/wechat/message"),
				(analysis) -> assertThat(analysis.getDescription())
					.isEqualTo("wechat.apps.shop.message.path is '/wechat/message', which is already the path of "
							+ "the message endpoint of wechat.*: each account's endpoint needs a path of its own."));
	}

	@Test
	void blankTokenOfANamedAccountNamesItsProperty() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.shop.token="),
				(analysis) -> assertThat(analysis.getDescription())
					.isEqualTo("The WeChat message Token is not set: wechat.apps.shop.token has no value."));
	}

	@Test
	void malformedKeyOfANamedAccountNamesItsPropertyWithoutShowingIt() {
		String key = NEWS_KEY.substring(1);
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.news.encoding-aes-key=" + key), (analysis) -> {
			assertThat(analysis.getDescription()).startsWith("wechat.apps.news.encoding-aes-key has 42 characters");
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(key);
		});
	}

	private WebApplicationContextRunner withDefaultAccount() {
		return this.contextRunner.withPropertyValues("wechat.appid=" + APPID,
				"wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.token=default-token",
				"wechat.api-base-url=" + wechatApi.baseUrl());
	}

	private void assertFailure(WebApplicationContextRunner runner, Consumer<FailureAnalysis> analysis) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis result = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(result).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(result.getDescription() + result.getAction()).doesNotContain("shop-token")
				.doesNotContain("news-token");
			analysis.accept(result);
		});
	}

	private static String reply(MockMvc mvc, MockHttpServletRequestBuilder push) throws Exception {
		return mvc.perform(push)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static org.springframework.boot.test.context.runner.ContextConsumer<AssertableWebApplicationContext> withMockMvc(
			MockMvcTest test) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			test.run(context, MockMvcBuilders.webAppContextSetup(context).build());
		};
	}

	@FunctionalInterface
	interface MockMvcTest {

		void run(AssertableWebApplicationContext context, MockMvc mvc) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvc {

	}

	/**
	 * A handler of the shop alone, one told every account, and listeners of both kinds.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> texts = new CopyOnWriteArrayList<>();

		@Bean
		@Order(1)
		WechatMessageHandler shopHandler() {
			return WechatMessageHandler.forAccount("shop", (message) -> (message instanceof TextMessage text)
					? Optional.of(new TextReply("Shop says: " + text.content())) : Optional.empty());
		}

		@Bean
		@Order(2)
		WechatMessageHandler everyAccountHandler() {
			return new WechatMessageHandler() {

				@Override
				public Optional<Reply> handle(InboundMessage message) {
					return Optional.empty();
				}

				@Override
				public Optional<Reply> handle(InboundMessage message, MessageAccount account) {
					return (message instanceof TextMessage text)
							? Optional.of(new TextReply(
									(account.isDefault() ? "default" : account.name()) + ": " + text.content()))
							: Optional.empty();
				}

			};
		}

		@EventListener
		void onText(WechatMessageEvent<TextMessage> event) {
			MessageAccount account = event.getAccount();
			this.events.add((account.isDefault() ? "default" : account.name()) + ":" + event.getMessage().msgId());
		}

		@EventListener
		void onText(TextMessage text) {
			this.texts.add(text.msgId());
		}

	}

}
