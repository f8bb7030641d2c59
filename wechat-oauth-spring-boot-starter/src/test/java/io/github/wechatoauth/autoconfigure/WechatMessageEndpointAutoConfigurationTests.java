package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.message.endpoint.WechatMessageDispatcher;
import io.github.wechatoauth.message.endpoint.QrLoginMessageHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WechatMessageEndpointAutoConfiguration} and
 * {@link WechatQrLoginAutoConfiguration}: when the endpoint exists, what each property
 * does, and how a wrong one stops start-up.
 */
class WechatMessageEndpointAutoConfigurationTests {

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
		.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7");

	@Test
	void createsTheEndpointWhenTheTokenIsSet() {
		this.contextRunner.withPropertyValues("wechat.token=test-token").run((context) -> {
			assertThat(context).hasSingleBean(WechatMessageEndpoint.class)
				.hasSingleBean(WechatMessageDispatcher.class)
				.hasSingleBean(RouterFunction.class)
				.hasBean("wechatMessageRouterFunction")
				.hasSingleBean(QrLoginMessageHandler.class);
			assertThat(context.getBean(WechatMessageEndpoint.class).getPath()).isEqualTo("/wechat/message");
			WechatProperties properties = context.getBean(WechatProperties.class);
			assertThat(properties.getMessage().getTimestampWindow()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getMessage().getReplyTimeout()).isEqualTo(Duration.ofMillis(4500));
			assertThat(properties.getMessage().getMaxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.getEncodingAesKey()).isNull();
		});
	}

	@Test
	void noEndpointWithoutAToken() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(WechatMessageEndpoint.class)
				.doesNotHaveBean(RouterFunction.class)
				.doesNotHaveBean(QrLoginMessageHandler.class);
			assertThat(context).hasSingleBean(WechatQrLogin.class);
		});
	}

	@Test
	void noEndpointOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
							WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
			.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
					"wechat.token=test-token")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WechatMessageEndpoint.class)
				.hasSingleBean(WechatQrLogin.class));
	}

	@Test
	void noEndpointWithoutSpringMvc() {
		this.contextRunner.withPropertyValues("wechat.token=test-token")
			.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatMessageEndpoint.class));
	}

	@Test
	void bindsEveryMessageProperty() {
		this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.encoding-aes-key=" + AES_KEY,
				"wechat.message.path=/hooks/wechat", "wechat.message.timestamp-window=2m",
				"wechat.message.reply-timeout=3s", "wechat.message.max-body-size=16KB", "wechat.qr-login.lifetime=2m")
			.run((context) -> {
				WechatProperties properties = context.getBean(WechatProperties.class);
				assertThat(properties.getToken()).isEqualTo("test-token");
				assertThat(properties.getEncodingAesKey()).isEqualTo(AES_KEY);
				assertThat(properties.getMessage().getPath()).isEqualTo("/hooks/wechat");
				assertThat(properties.getMessage().getTimestampWindow()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getMessage().getReplyTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getMessage().getMaxBodySize()).isEqualTo(DataSize.ofKilobytes(16));
				assertThat(properties.getQrLogin().getLifetime()).isEqualTo(Duration.ofMinutes(2));
				WechatMessageEndpoint endpoint = context.getBean(WechatMessageEndpoint.class);
				assertThat(endpoint.getPath()).isEqualTo("/hooks/wechat");
				assertThat(endpoint.toString()).contains("replyTimeout=PT3S")
					.contains("mode=SAFE")
					.contains("timestampWindow=PT2M")
					.contains("maxBodySize=16384")
					.doesNotContain(AES_KEY)
					.doesNotContain("test-token");
				assertThat(context.getBean(WechatQrLogin.class).getLifetime()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void usesTheApplicationTaskExecutor() {
		this.contextRunner.withPropertyValues("wechat.token=test-token")
			.withBean("applicationTaskExecutor", Executor.class, SyncTaskExecutor::new)
			.run((context) -> assertThat(context.getBean(WechatMessageDispatcher.class)).asString()
				.contains("SyncTaskExecutor"));
	}

	@Test
	void applicationsOwnBeansWin() {
		this.contextRunner.withPropertyValues("wechat.token=test-token")
			.withUserConfiguration(OwnQrLoginConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(WechatQrLogin.class).hasSingleBean(QrLoginMessageHandler.class);
				assertThat(context.getBean(WechatQrLogin.class)).isSameAs(context.getBean("ownQrLogin"));
			});
	}

	@Test
	void feedsScansToTheQrLoginFirst() {
		this.contextRunner.withPropertyValues("wechat.token=test-token")
			.withBean("lateHandler", WechatMessageHandler.class, () -> (message) -> Optional.empty())
			.run((context) -> assertThat(context.getBeanProvider(WechatMessageHandler.class).orderedStream()).first()
				.isInstanceOf(QrLoginMessageHandler.class));
	}

	@Test
	void blankToken() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.token="), "7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				(analysis) -> {
					assertThat(analysis.getDescription())
						.isEqualTo("The WeChat message Token is not set: wechat.token has no value.");
					assertThat(analysis.getAction()).contains("Server Configuration");
				});
	}

	@Test
	void encodingAesKeyOfTheWrongLengthStopsStartUpWithoutShowingIt() {
		String key = AES_KEY.substring(1);
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.encoding-aes-key=" + key), key,
				(analysis) -> {
					assertThat(analysis.getDescription()).isEqualTo("wechat.encoding-aes-key has 42 characters, but an "
							+ "EncodingAESKey is exactly 43 characters of a-z, A-Z and 0-9.");
					assertThat(analysis.getAction()).contains("${WECHAT_ENCODING_AES_KEY}");
				});
	}

	@Test
	void encodingAesKeyWithAnotherCharacterStopsStartUpWithoutShowingIt() {
		String key = AES_KEY.substring(0, 42) + "=";
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.encoding-aes-key=" + key),
				key.substring(0, 42),
				(analysis) -> assertThat(analysis.getDescription())
					.isEqualTo("wechat.encoding-aes-key holds characters other than a-z, A-Z and 0-9, but an "
							+ "EncodingAESKey is exactly 43 characters of a-z, A-Z and 0-9."));
	}

	@Test
	void replyTimeoutOfWechatsFiveSecondsOrMore() {
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.message.reply-timeout=5s"),
				"test-token",
				(analysis) -> assertThat(analysis.getDescription())
					.isEqualTo("wechat.message.reply-timeout is PT5S, but it must be positive and shorter than the 5 "
							+ "seconds WeChat waits for an answer."));
	}

	@Test
	void pathWithoutALeadingSlash() {
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.message.path=wechat/message"),
				"test-token", (analysis) -> assertThat(analysis.getDescription()).isEqualTo(
						"wechat.message.path is 'wechat/message', but a path starts with / and holds no spaces."));
	}

	@Test
	void nonPositiveTimestampWindowAndBodySize() {
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.message.timestamp-window=0s"),
				"test-token", (analysis) -> assertThat(analysis.getDescription())
					.startsWith("wechat.message.timestamp-window is PT0S"));
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.token=test-token", "wechat.message.max-body-size=0"),
				"test-token",
				(analysis) -> assertThat(analysis.getDescription()).startsWith("wechat.message.max-body-size is 0B"));
	}

	@Test
	void qrLoginLifetimeWechatWouldRefuse() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.qr-login.lifetime=31d"),
				"7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				(analysis) -> assertThat(analysis.getDescription()).isEqualTo("wechat.qr-login.lifetime is PT744H, "
						+ "but a QR code lives whole seconds, from 1 second to 30 days."));
	}

	@Test
	void tokenWithoutAppidAsksForTheAppid() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
					WechatMessageEndpointAutoConfiguration.class))
			.withPropertyValues("wechat.token=test-token")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
					.isEqualTo("The WeChat appid is not set: wechat.appid has no value.");
			});
	}

	private void assertFailure(WebApplicationContextRunner runner, String secret, Consumer<FailureAnalysis> analysis) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis result = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(result).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(result.getDescription()).doesNotContain(secret);
			assertThat(result.getAction()).doesNotContain(secret);
			analysis.accept(result);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnQrLoginConfiguration {

		@Bean
		WechatQrLogin ownQrLogin(WechatOAuthClient client) {
			SharedStore store = new InMemorySharedStore();
			return new WechatQrLogin(client.getAppId(), client::createQrCode, store, Clock.systemUTC());
		}

	}

}
