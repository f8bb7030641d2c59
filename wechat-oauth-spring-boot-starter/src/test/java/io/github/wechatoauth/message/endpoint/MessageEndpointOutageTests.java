package io.github.wechatoauth.message.endpoint;

import java.time.Duration;

import io.github.wechatoauth.autoconfigure.WechatMessageEndpointAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatOAuthClientAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatQrLoginAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatStoreAutoConfiguration;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.testsupport.PrivateRedis;
import io.github.wechatoauth.testsupport.TestRedis;
import io.github.wechatoauth.testsupport.WechatPushes;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The message endpoint while its store (a {@code redis-server} of the test's own, with
 * Lettuce's default command timeout of 60 s) is paused: each push is answered within
 * WeChat's 5 s, handled once though it cannot be marked seen (so a retried push would be
 * handled again), with one WARN for the outage and one INFO when the store is back.
 */
@ExtendWith(CapturedLogsExtension.class)
class MessageEndpointOutageTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String TOKEN = "test-token";

	private static final String PATH = "/wechat/message";

	/** WeChat gives up on an answer after 5 s. */
	private static final Duration WECHAT_PATIENCE = Duration.ofSeconds(5);

	private final PrivateRedis redis = PrivateRedis.start();

	private final LettuceConnectionFactory connectionFactory = TestRedis.connectionFactory(this.redis.port(),
			Duration.ofSeconds(60));

	private final RedisSharedStore store = new RedisSharedStore(new StringRedisTemplate(this.connectionFactory), APPID);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
		.withUserConfiguration(WechatMessageEndpointTests.WebMvcConfiguration.class,
				WechatMessageEndpointTests.HandlerConfiguration.class)
		.withBean(SharedStore.class, () -> this.store)
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				"wechat.token=" + TOKEN);

	private final WechatPushes wechat = new WechatPushes(PATH, TOKEN, null, APPID);

	@AfterEach
	void stopRedis() {
		this.redis.close();
		this.store.close();
		this.connectionFactory.destroy();
	}

	@Test
	void pushesAreAnsweredWithinFiveSecondsAndHandledWhileTheStoreIsPaused(CapturedLogs logs) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			WechatMessageEndpointTests.RecordingHandler handler = context
				.getBean(WechatMessageEndpointTests.RecordingHandler.class);
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7000", "before"))).andExpect(status().isOk());

			this.redis.pause();
			for (int i = 1; i <= 5; i++) {
				long start = System.nanoTime();
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "700" + i, "during")))
					.andExpect(status().isOk())
					.andExpect(content().string(org.hamcrest.Matchers.containsString("You said: during")));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answer to push " + i)
					.isLessThan(WECHAT_PATIENCE);
			}
			this.redis.resume();
			assertThat(handler.handled).hasSize(6);
			assertThat(logs.all()).containsOnlyOnce("Pushes are handled without de-duplication until the store answers "
					+ "again: a push WeChat retries may be handled twice");

			// Back: marks are made again, and a repeat is answered without handling.
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!logs.all().contains("Pushes are de-duplicated again") && System.nanoTime() < deadline) {
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7100", "after"))).andExpect(status().isOk());
				Thread.sleep(100);
			}
			int handled = handler.handled.size();
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7100", "after"))).andExpect(status().isOk());
			assertThat(handler.handled).hasSize(handled);
		});
	}

}
