package io.github.wechatoauth.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.autoconfigure.WechatActuatorAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatOAuthClientAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatStoreAutoConfiguration;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.PrivateRedis;
import io.github.wechatoauth.testsupport.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.ReflectionUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code wechat} health indicator and info contributor, with Spring Boot's Actuator
 * of either line: the store up (memory), the store down (a redis-server of the test's
 * own, paused), and WeChat refusing the access token; never a token or secret in the
 * details.
 */
class WechatActuatorAutoConfigurationTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T08:00:00Z"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
				WechatOAuthClientAutoConfiguration.class, WechatActuatorAutoConfiguration.class))
		.withBean(java.time.Clock.class, () -> this.clock)
		.withPropertyValues("wechat.appid=" + WechatStub.APP_ID, "wechat.secret=" + SECRET,
				"wechat.api-base-url=" + wechat.baseUrl(), "wechat.apps.shop.appid=wxfedcba9876543210",
				"wechat.apps.shop.secret=" + SECRET, "wechat.apps.shop.api-base-url=" + wechat.baseUrl());

	@Test
	void upWithTheStoreAnsweringAndTheLastFetchDoneAndTheActuatorFindsItByType() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(WechatStub.json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}")));
		this.contextRunner.withPropertyValues("wechat.store.type=memory").run((context) -> {
			context.getBean(WechatOAuthClient.class).getClientAccessToken();
			Class<?> indicatorType = HealthIndicatorAdapter.indicatorType(getClass().getClassLoader());
			assertThat(context.getBeansOfType(indicatorType)).containsOnlyKeys("wechatHealthIndicator");
			Map<String, Object> health = health(context);
			assertThat(health).containsEntry("status", "UP");
			assertThat(health.get("details").toString()).isEqualTo("{store={type=InMemorySharedStore, timeout=PT1S, "
					+ "status=UP}, accounts={wechat={appid=wx01…cdef, accessToken=UP, fetchedAt=2026-01-01T08:00:00Z}, "
					+ "wechat.apps.shop={appid=wxfe…3210, accessToken=UNKNOWN}}}");
		});
	}

	@Test
	void downWithWechatsErrorCodeWhenWechatRefusesTheAccessToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(WechatStub.error(40164, "invalid ip 203.0.113.9, not in whitelist")));
		this.contextRunner.withPropertyValues("wechat.store.type=memory").run((context) -> {
			assertThatExceptionOfType(WechatApiException.class)
				.isThrownBy(() -> context.getBean(WechatOAuthClient.class).getClientAccessToken());
			Map<String, Object> health = health(context);
			assertThat(health).containsEntry("status", "DOWN");
			assertThat(health.get("details").toString())
				.contains("wechat={appid=wx01…cdef, accessToken=DOWN, "
						+ "errorCode=40164, error=WechatApiException, failedAt=2026-01-01T08:00:00Z}")
				.doesNotContain(SECRET);
		});
	}

	@Test
	void downWhenTheStoreDoesNotAnswerWithinItsBudget() {
		try (PrivateRedis redis = PrivateRedis.start()) {
			LettuceConnectionFactory connectionFactory = TestRedis.connectionFactory(redis.port(),
					Duration.ofSeconds(60));
			// Connected before the first check, which must answer within the budget. The
			// context owns the factory (the store is chosen by it) and destroys it.
			new StringRedisTemplate(connectionFactory).hasKey("warm-up");
			this.contextRunner.withBean(RedisConnectionFactory.class, () -> connectionFactory)
				.withBean(StringRedisTemplate.class, () -> new StringRedisTemplate(connectionFactory))
				.withPropertyValues("wechat.store.timeout=500ms")
				.run((context) -> {
					assertThat(health(context)).containsEntry("status", "UP");
					redis.pause();
					Map<String, Object> health;
					try (CapturedLogs logs = CapturedLogs.of("io.github.wechatoauth.store")) {
						health = health(context);
						assertThat(logs.at(Level.WARN)).singleElement()
							.asString()
							.contains("did not read health-probe within PT0.5S");
					}
					assertThat(health).containsEntry("status", "DOWN");
					assertThat(health.get("details").toString()).contains(
							"store={type=RedisSharedStore, timeout=PT0.5S, status=DOWN, error=WechatTransportException}");
					// Back before the context closes its connections to it.
					redis.resume();
				});
		}
	}

	@Test
	void infoShowsMaskedAppidsAndTheStore() {
		this.contextRunner.withPropertyValues("wechat.store.type=memory").run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean(InfoContributor.class).contribute(builder);
			assertThat(builder.build().getDetails()).hasToString(
					"{wechat={accounts={wechat=wx01…cdef, wechat.apps.shop=wxfe…3210}, store=InMemorySharedStore}}");
		});
	}

	@Test
	void healthCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("wechat.store.type=memory", "management.health.wechat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("wechatHealthIndicator")
				.doesNotHaveBean(AccessTokenOutcomes.class)
				.hasSingleBean(InfoContributor.class));
	}

	@Test
	void nothingWithoutTheActuator() {
		this.contextRunner.withPropertyValues("wechat.store.type=memory")
			.withClassLoader(new FilteredClassLoader(HealthIndicatorAdapter.BOOT_4, HealthIndicatorAdapter.BOOT_3,
					"org.springframework.boot.actuate.info.InfoContributor"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("wechatHealthIndicator")
				.doesNotHaveBean(WechatHealth.class)
				.doesNotHaveBean(WechatInfoContributor.class));
	}

	private static Map<String, Object> health(AssertableApplicationContext context) {
		Object indicator = context.getBean("wechatHealthIndicator");
		Object health = ReflectionUtils.invokeMethod(ReflectionUtils.findMethod(indicator.getClass(), "health"),
				indicator);
		Object status = ReflectionUtils.invokeMethod(ReflectionUtils.findMethod(health.getClass(), "getStatus"),
				health);
		Object details = ReflectionUtils.invokeMethod(ReflectionUtils.findMethod(health.getClass(), "getDetails"),
				health);
		return Map.of("status", String.valueOf(status), "details", String.valueOf(details));
	}

}
