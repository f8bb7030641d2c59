package io.github.wechatoauth.autoconfigure;

import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link WechatPropertyFailureAnalyzer}: each missing or malformed property
 * stops start-up with a report that names it, shows the fix, and never the secret.
 */
class WechatPropertyFailureAnalyzerTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class));

	@Test
	void missingAppid() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.secret=" + SECRET), (analysis) -> {
			assertThat(propertyOf(analysis)).isEqualTo("wechat.appid");
			assertThat(analysis.getDescription()).contains("wechat.appid has no value");
			assertThat(analysis.getAction()).contains("Set wechat.appid to the AppID of your Official Account")
				.contains("wechat:")
				.contains("appid: wx1234567890abcdef")
				.contains("secret: ${WECHAT_SECRET}");
		});
	}

	@Test
	void blankAppid() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.appid= ", "wechat.secret=" + SECRET),
				(analysis) -> assertThat(analysis.getDescription()).contains("wechat.appid has no value"));
	}

	@Test
	void missingSecret() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.appid=wx1234567890abcdef"), (analysis) -> {
			assertThat(propertyOf(analysis)).isEqualTo("wechat.secret");
			assertThat(analysis.getDescription()).contains("wechat.secret has no value");
			assertThat(analysis.getAction()).contains("Set wechat.secret to the AppSecret")
				.contains("secret: ${WECHAT_SECRET}")
				.contains("environment variable WECHAT_SECRET");
		});
	}

	@Test
	void secretWhosePlaceholderNothingResolves() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.appid=wx1234567890abcdef",
				"wechat.secret=${WECHAT_SECRET_THAT_IS_NOT_SET}"), (analysis) -> {
					assertThat(analysis.getDescription())
						.startsWith("wechat.secret is '${WECHAT_SECRET_THAT_IS_NOT_SET}'")
						.contains("placeholder that nothing resolved");
					assertThat(analysis.getAction()).contains("environment variable WECHAT_SECRET_THAT_IS_NOT_SET");
				});
	}

	@Test
	void placeholderWithoutValueInANamedAccount() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.shop.appid=${SHOP_APPID_THAT_IS_NOT_SET}",
				"wechat.apps.shop.secret=" + SECRET), (analysis) -> {
					assertThat(analysis.getDescription())
						.startsWith("wechat.apps.shop.appid is '${SHOP_APPID_THAT_IS_NOT_SET}'");
					assertThat(analysis.getAction()).contains("SHOP_APPID_THAT_IS_NOT_SET");
				});
	}

	@Test
	void secretThatIsNot32HexadecimalCharacters() {
		String notHex = "0123456789abcdef0123456789abcdeg";
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=" + notHex),
				(analysis) -> {
					assertThat(analysis.getDescription()).startsWith("wechat.secret has 32 characters")
						.contains("32 hexadecimal characters")
						.doesNotContain(notHex);
					assertThat(analysis.getAction()).doesNotContain(notHex);
				});
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.shop.appid=wx1234567890abcdef",
				"wechat.apps.shop.secret=too-short"), (analysis) -> {
					assertThat(analysis.getDescription()).startsWith("wechat.apps.shop.secret has 9 characters")
						.doesNotContain("too-short");
				});
	}

	@Test
	void appidThatIsNotWxAnd16HexadecimalCharacters() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.appid=wx12345", "wechat.secret=" + SECRET),
				(analysis) -> {
					assertThat(propertyOf(analysis)).isEqualTo("wechat.appid");
					assertThat(analysis.getDescription()).startsWith("wechat.appid is 'wx12345'")
						.contains("\"wx\" followed by 16 hexadecimal characters");
					assertThat(analysis.getAction()).contains("appid: wx1234567890abcdef");
				});
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.appid=wx1234567890abcdeg", "wechat.secret=" + SECRET),
				(analysis) -> assertThat(analysis.getDescription()).contains("'wx1234567890abcdeg'"));
	}

	@Test
	void secretInPlaceOfTheAppidIsNotShown() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.appid=" + SECRET, "wechat.secret=" + SECRET),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("wechat.appid is a value of 32 characters"));
	}

	@Test
	void negativeConnectTimeout() {
		assertFailure(withAccount().withPropertyValues("wechat.connect-timeout=-1s"), (analysis) -> {
			assertThat(propertyOf(analysis)).isEqualTo("wechat.connect-timeout");
			assertThat(analysis.getDescription()).startsWith("wechat.connect-timeout is PT-1S")
				.contains("positive duration");
			assertThat(analysis.getAction()).contains("spring.http.client(s).connect-timeout", "5s");
		});
	}

	@Test
	void negativeReadTimeout() {
		assertFailure(withAccount().withPropertyValues("wechat.read-timeout=-10ms"),
				(analysis) -> assertThat(analysis.getDescription()).startsWith("wechat.read-timeout is PT-0.01S"));
	}

	@Test
	void zeroReadTimeout() {
		assertFailure(withAccount().withPropertyValues("wechat.read-timeout=0"),
				(analysis) -> assertThat(analysis.getDescription()).startsWith("wechat.read-timeout is PT0S"));
	}

	@Test
	void baseUrlThatIsNotHttp() {
		assertFailure(withAccount().withPropertyValues("wechat.api-base-url=ftp://api.example"), (analysis) -> {
			assertThat(propertyOf(analysis)).isEqualTo("wechat.api-base-url");
			assertThat(analysis.getDescription()).startsWith("wechat.api-base-url is 'ftp://api.example'")
				.contains("absolute http:// or https:// URL");
			assertThat(analysis.getAction()).contains("https://api.weixin.qq.com");
		});
	}

	@Test
	void tablePrefixThatIsNotAWord() {
		assertFailure(
				withAccount().withUserConfiguration(WechatStoreAutoConfigurationTests.H2Configuration.class)
					.withPropertyValues("wechat.store.jdbc.table-prefix=x; drop table y"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("wechat.store.jdbc.table-prefix is 'x; drop table y'"));
	}

	@Test
	void forcedRedisWithoutSpringDataRedis() {
		assertFailure(withAccount().withPropertyValues("wechat.store.type=redis")
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis")), (analysis) -> {
				assertThat(analysis.getDescription()).startsWith("wechat.store.type is 'redis', but")
					.contains("spring-data-redis is not on the classpath");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
			});
	}

	@Test
	void forcedRedisWithoutAConnection() {
		assertFailure(withAccount().withPropertyValues("wechat.store.type=redis"), (analysis) -> {
			assertThat(analysis.getDescription()).startsWith("wechat.store.type is 'redis', but")
				.contains("no single RedisConnectionFactory bean");
			assertThat(analysis.getAction()).contains("spring.data.redis.host");
		});
	}

	@Test
	void forcedJdbcWithoutSpringJdbc() {
		assertFailure(
				withAccount().withPropertyValues("wechat.store.type=jdbc")
					.withClassLoader(new FilteredClassLoader("org.springframework.jdbc")),
				(analysis) -> assertThat(analysis.getDescription()).startsWith("wechat.store.type is 'jdbc', but")
					.contains("spring-jdbc is not on the classpath"));
	}

	@Test
	void forcedJdbcWithoutADataSource() {
		assertFailure(withAccount().withPropertyValues("wechat.store.type=jdbc"), (analysis) -> {
			assertThat(analysis.getDescription()).startsWith("wechat.store.type is 'jdbc', but")
				.contains("no single DataSource bean");
			assertThat(analysis.getAction()).contains("spring.datasource.url");
		});
	}

	@Test
	void springBootReportsTheAnalysisAtStartUp() {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(java.util.Map.of("wechat.appid", "not-an-appid", "wechat.secret", SECRET,
				"spring.main.banner-mode", "off"));
		String report;
		// Boot leaves the test's logging as it is, so the report goes to the capture, not
		// the console.
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try (CapturedLogs logs = CapturedLogs
			.of("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter")) {
			assertThatException().isThrownBy(application::run);
			report = String.join("\n", logs.at(Level.ERROR));
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
		assertThat(report).contains("APPLICATION FAILED TO START")
			.contains("wechat.appid is 'not-an-appid', which is not a WeChat appid")
			.contains("Set wechat.appid to the AppID of your Official Account")
			.doesNotContain(SECRET);
	}

	private ApplicationContextRunner withAccount() {
		return this.contextRunner.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=" + SECRET);
	}

	/** Returns the property that the analysis says is wrong. */
	private static String propertyOf(FailureAnalysis analysis) {
		assertThat(analysis.getCause()).isInstanceOf(InvalidWechatPropertyException.class);
		return ((InvalidWechatPropertyException) analysis.getCause()).getProperty();
	}

	private void assertFailure(ApplicationContextRunner runner, Consumer<FailureAnalysis> analysis) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis result = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(result).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(result.getDescription()).doesNotContain(SECRET);
			assertThat(result.getAction()).doesNotContain(SECRET);
			analysis.accept(result);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class })
	static class EmptyApplication {

	}

}
