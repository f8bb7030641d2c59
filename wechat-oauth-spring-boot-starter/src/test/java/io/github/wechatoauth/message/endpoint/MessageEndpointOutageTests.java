package io.github.wechatoauth.message.endpoint;

import java.time.Clock;
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
import io.github.wechatoauth.testsupport.MutableClock;
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
 * Lettuce's default command timeout of 60 s) is paused: each push is answered after at
 * most the store's budget (1 s, within WeChat's 5 s), handled once though it cannot be
 * marked seen (so a retried push would be handled again), with one WARN for the outage
 * and one INFO when the store is back and probed (by the application's clock).
 */
@ExtendWith(CapturedLogsExtension.class)
class MessageEndpointOutageTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String TOKEN = "test-token";

	private static final String PATH = "/wechat/message";

	private final PrivateRedis redis = PrivateRedis.start();

	/**
	 * Starts now, as the pushes' timestamps do; moved on to make the store's probe due.
	 */
	private final MutableClock clock = new MutableClock();

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
		.withBean(Clock.class, () -> this.clock)
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
	void pushesAreHandledWithinTheStoreBudgetWhileTheStoreIsPausedAndDeduplicatedOnceItIsBack(CapturedLogs logs) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			WechatMessageEndpointTests.RecordingHandler handler = context
				.getBean(WechatMessageEndpointTests.RecordingHandler.class);
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7000", "before"))).andExpect(status().isOk());

			this.redis.pause();
			for (int i = 1; i <= 5; i++) {
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "700" + i, "during")))
					.andExpect(status().isOk())
					.andExpect(content().string(org.hamcrest.Matchers.containsString("You said: during")));
			}
			this.redis.resume();
			assertThat(handler.handled).hasSize(6);
			// The first push waited for the store's budget (1 s, a quarter of the reply's
			// 4.5 s: within WeChat's 5 s), not for Lettuce's 60 s; the next four did not
			// ask
			// the store at all.
			assertThat(logs.all()).contains(" within PT1S")
				.containsOnlyOnce("Pushes are handled without de-duplication until the store answers "
						+ "again: a push WeChat retries may be handled twice");

			// Back: once the probe is due by the clock, marks are made again, and a
			// repeat
			// is answered without handling. A probe can still meet the pause's backlog,
			// so it is tried a few times, each a clock step later.
			for (int probe = 1; probe <= 10 && !logs.all().contains("Pushes are de-duplicated again"); probe++) {
				this.clock.advance(Duration.ofSeconds(5));
				mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7100", "after"))).andExpect(status().isOk());
			}
			assertThat(logs.all()).contains("Pushes are de-duplicated again");
			int handled = handler.handled.size();
			mvc.perform(this.wechat.push(WechatPushes.text("o-user", "7100", "after"))).andExpect(status().isOk());
			assertThat(handler.handled).hasSize(handled);
		});
	}

}
