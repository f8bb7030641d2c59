package io.github.wechatoauth.sample.sandbox;

import java.util.Map;

import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the sandbox is on, and where the {@code wechat.*} base URLs then point.
 */
class SandboxEnvironmentTests {

	@Test
	void isOnWithoutRealCredentials() {
		ConfigurableEnvironment environment = environment(Map.of("server.port", "8080"));

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("sample.sandbox.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("sample.sandbox.base-url")).isEqualTo("http://localhost:8080/sandbox");
		assertThat(environment.getProperty("wechat.token")).isEqualTo(SandboxProperties.DEFAULT_TOKEN);
		assertThat(environment.getProperty("sample.sandbox.encoding-aes-key"))
			.isEqualTo(SandboxProperties.DEFAULT_ENCODING_AES_KEY)
			.matches("[a-zA-Z0-9]{43}");
	}

	@Test
	void listensOnLoopbackOnlyUnlessThePublicSandboxIsAllowed() {
		ConfigurableEnvironment local = environment(Map.of());
		ConfigurableEnvironment allowed = environment(Map.of(SandboxExposure.PUBLIC_PROPERTY, "true"));
		ConfigurableEnvironment chosen = environment(Map.of("server.address", "::1"));
		ConfigurableEnvironment real = environment(Map.of("wechat.appid", "wx0123456789abcdef"));

		for (ConfigurableEnvironment environment : new ConfigurableEnvironment[] { local, allowed, chosen, real }) {
			SandboxEnvironment.apply(environment);
		}

		assertThat(local.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(allowed.getProperty("server.address")).isNull();
		assertThat(chosen.getProperty("server.address")).isEqualTo("::1");
		assertThat(real.getProperty("server.address")).isNull();
	}

	@Test
	void leavesTheUsersMessageTokenAlone() {
		ConfigurableEnvironment environment = environment(Map.of("wechat.token", "mine"));

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("wechat.token")).isEqualTo("mine");
	}

	@Test
	void isOffWhenTheAppidIsAnotherAppsAndLeavesTheBaseUrlUnset() {
		ConfigurableEnvironment environment = environment(Map.of("wechat.appid", "wx0123456789abcdef"));

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("sample.sandbox.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("sample.sandbox.base-url")).isNull();
		assertThat(environment.getProperty("wechat.token")).isNull();
		assertThat(environment.getProperty("sample.sandbox.encoding-aes-key")).isNull();
	}

	@Test
	void followsAnExplicitSettingAndKeepsTheUsersValues() {
		ConfigurableEnvironment environment = environment(Map.of("wechat.appid", "wx0123456789abcdef",
				"sample.sandbox.enabled", "true", "sample.sandbox.base-url", "http://sandbox.test/sandbox"));

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("sample.sandbox.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("sample.sandbox.base-url")).isEqualTo("http://sandbox.test/sandbox");
	}

	@Test
	void servesNoSandboxAndPointsAtWechatWhenRealCredentialsAreConfigured() {
		// WECHAT_APPID in the environment is wechat.appid by relaxed binding
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--wechat.appid=wx0123456789abcdef", "--wechat.secret=0123456789abcdef")) {
			assertThat(context.getBeanNamesForType(SandboxOAuth.class)).isEmpty();
			assertThat(context.getBeanNamesForType(SandboxApiController.class)).isEmpty();
			assertThat(context.getEnvironment().getProperty("wechat.appid")).isEqualTo("wx0123456789abcdef");
			assertThat(context.getEnvironment().getProperty("wechat.api-base-url"))
				.isEqualTo("https://api.weixin.qq.com");
			assertThat(context.getEnvironment().getProperty("wechat.open-base-url"))
				.isEqualTo("https://open.weixin.qq.com");
			assertThat(context.getEnvironment().getProperty("wechat.mp-base-url"))
				.isEqualTo("https://mp.weixin.qq.com");
			// no message endpoint without WECHAT_TOKEN, and no sandbox key in safe mode
			assertThat(context.getEnvironment().getProperty("wechat.token")).isEqualTo(System.getenv("WECHAT_TOKEN"));
			assertThat(context.getBeanNamesForType(WechatMessageEndpoint.class))
				.hasSize((System.getenv("WECHAT_TOKEN") != null) ? 1 : 0);
			assertThat(context.getEnvironment().getProperty("wechat.encoding-aes-key"))
				.isNotEqualTo(SandboxProperties.DEFAULT_ENCODING_AES_KEY);
		}
	}

	/**
	 * An environment with only the given properties (not this machine's variables, which
	 * could hold a real WECHAT_APPID).
	 */
	private static ConfigurableEnvironment environment(Map<String, Object> properties) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
