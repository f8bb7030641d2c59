package io.github.wechatoauth.sample.sandbox;

import io.github.wechatoauth.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the sandbox is on, and where the {@code wechat.*} base URLs then point.
 */
class SandboxEnvironmentTests {

	@Test
	void isOnWithoutRealCredentials() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080");

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("sample.sandbox.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("sample.sandbox.base-url")).isEqualTo("http://localhost:8080/sandbox");
	}

	@Test
	void isOffWhenTheAppidIsAnotherAppsAndLeavesTheBaseUrlUnset() {
		MockEnvironment environment = new MockEnvironment().withProperty("wechat.appid", "wx0123456789abcdef");

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("sample.sandbox.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("sample.sandbox.base-url")).isNull();
	}

	@Test
	void followsAnExplicitSettingAndKeepsTheUsersValues() {
		MockEnvironment environment = new MockEnvironment().withProperty("wechat.appid", "wx0123456789abcdef")
			.withProperty("sample.sandbox.enabled", "true")
			.withProperty("sample.sandbox.base-url", "http://sandbox.test/sandbox");

		SandboxEnvironment.apply(environment);

		assertThat(environment.getProperty("sample.sandbox.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("sample.sandbox.base-url")).isEqualTo("http://sandbox.test/sandbox");
	}

	@Test
	void servesNoSandboxAndPointsAtWechatWhenRealCredentialsComeFromTheEnvironment() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--WECHAT_APPID=wx0123456789abcdef", "--WECHAT_SECRET=0123456789abcdef")) {
			assertThat(context.getBeanNamesForType(SandboxOAuth.class)).isEmpty();
			assertThat(context.getBeanNamesForType(SandboxApiController.class)).isEmpty();
			assertThat(context.getEnvironment().getProperty("wechat.appid")).isEqualTo("wx0123456789abcdef");
			assertThat(context.getEnvironment().getProperty("wechat.api-base-url"))
				.isEqualTo("https://api.weixin.qq.com");
			assertThat(context.getEnvironment().getProperty("wechat.open-base-url"))
				.isEqualTo("https://open.weixin.qq.com");
			assertThat(context.getEnvironment().getProperty("wechat.mp-base-url"))
				.isEqualTo("https://mp.weixin.qq.com");
		}
	}

}
