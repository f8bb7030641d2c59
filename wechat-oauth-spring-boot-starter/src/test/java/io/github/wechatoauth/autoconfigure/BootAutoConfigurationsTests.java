package io.github.wechatoauth.autoconfigure;

import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestRedis;
import io.github.wechatoauth.testsupport.SpringBootLines;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter next to Spring Boot's own Redis, DataSource and RestClient
 * auto-configurations, of whichever generation (3.5 or 4.x) is on the classpath: they run
 * first, and what they create is what the starter uses.
 */
class BootAutoConfigurationsTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private static final String APPID = "wx1234567890abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatOAuthClientAutoConfiguration.class, WechatStoreAutoConfiguration.class))
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7");

	@Test
	void keepsStateInRedisThroughBootsRedisAutoConfiguration() {
		try (TestRedis redis = TestRedis.start()) {
			String appId = TestServices.randomAppId();
			this.contextRunner
				.withConfiguration(AutoConfigurations
					.of(boot("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
							"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration")))
				.withPropertyValues("spring.data.redis.host=" + TestServices.HOST,
						"spring.data.redis.port=" + TestServices.REDIS_PORT, "wechat.appid=" + appId,
						"wechat.store.key-prefix=" + redis.keyPrefix())
				.run((context) -> {
					assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
					assertThat(context.getBean(SharedStore.class)).isInstanceOf(RedisSharedStore.class);
					UserToken token = new UserToken("access", 7200, "refresh", "o-user", "snsapi_base", null,
							Instant.ofEpochMilli(System.currentTimeMillis()));
					context.getBean(TokenStore.class).saveToken("o-user", token);
					assertThat(redis.template().hasKey(redis.keyPrefix() + ":" + appId + ":user-token:o-user"))
						.isTrue();
				});
		}
	}

	@Test
	void keepsStateInTheDatabaseThroughBootsDataSourceAutoConfiguration() {
		this.contextRunner
			.withConfiguration(AutoConfigurations
				.of(boot("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
						"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + TestServices.randomName("boot"))
			.run((context) -> {
				assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
				assertThat(context.getBean(SharedStore.class)).isInstanceOf(JdbcSharedStore.class);
				assertThat(context.getBean(TokenStore.class).getToken("o-user")).isEmpty();
			});
	}

	@Test
	void prefersBootsRedisToBootsDataSource() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(
					boot("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
							"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration"),
					boot("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
							"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + TestServices.randomName("boot"))
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class));
	}

	@Test
	void callsWechatThroughBootsRestClientBuilder() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		this.contextRunner
			.withConfiguration(AutoConfigurations
				.of(boot("org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
						"org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration")))
			.withBean("headerCustomizer", SpringBootLines.restClientCustomizerType(),
					() -> SpringBootLines
						.restClientCustomizer((builder) -> builder.defaultHeader("X-Customized", "by-boot")))
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				context.getBean(WechatOAuthClient.class).getClientAccessToken();
				wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withHeader("X-Customized",
						equalTo("by-boot")));
			});
	}

	/**
	 * Returns the auto-configuration of whichever Spring Boot generation is on the class
	 * path.
	 */
	private static Class<?> boot(String boot4Name, String boot3Name) {
		ClassLoader classLoader = BootAutoConfigurationsTests.class.getClassLoader();
		String name = ClassUtils.isPresent(boot4Name, classLoader) ? boot4Name : boot3Name;
		return ClassUtils.resolveClassName(name, classLoader);
	}

}
