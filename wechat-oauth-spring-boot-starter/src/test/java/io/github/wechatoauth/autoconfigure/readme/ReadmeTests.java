package io.github.wechatoauth.autoconfigure.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's README shows files that this test boots: the {@code application.yml} of
 * each store (in {@code src/test/resources/readme}) and
 * {@link MyTokenStoreConfiguration}. Each example starts a real Spring Boot application
 * with every auto-configuration on the class path, and the README must still hold the
 * files verbatim.
 */
class ReadmeTests {

	private static final Path README = Path.of("README.md");

	private static final String REDIS = "org.springframework.data.redis";

	private static final String JDBC = "org.springframework.jdbc";

	@Test
	void readmeShowsTheFilesThatThisTestBoots() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		for (String store : new String[] { "memory", "redis", "jdbc" }) {
			assertThat(readme).contains("```yaml\n" + resource("readme/application-" + store + ".yml") + "```");
		}
		String source = Files.readString(
				Path.of("src/test/java/io/github/wechatoauth/autoconfigure/readme/MyTokenStoreConfiguration.java"),
				StandardCharsets.UTF_8);
		String example = source.substring(source.indexOf("// tag::override[]\n") + "// tag::override[]\n".length(),
				source.indexOf("// end::override[]"));
		assertThat(readme).contains("```java\n" + example + "```");
	}

	@Test
	void memoryExampleKeepsStateInMemory() {
		// An application without Redis or JDBC on its class path.
		try (ConfigurableApplicationContext context = run("memory", Map.of(), REDIS, JDBC)) {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
			assertThat(context.getBean(WechatOAuthClient.class).getAppId()).isEqualTo("wx1234567890abcdef");
		}
	}

	@Test
	void redisExampleKeepsStateInRedis() {
		TestServices.assumeReachable("Redis", TestServices.REDIS_PORT);
		try (ConfigurableApplicationContext context = run("redis", Map.of())) {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
			assertThat(context.getBean(TokenStore.class).getToken("o-nobody")).isEmpty();
		}
	}

	@Test
	void jdbcExampleKeepsStateInPostgresql() {
		TestServices.assumeReachable("PostgreSQL", TestServices.POSTGRESQL_PORT);
		// Tables of this run's own, on the shared test database.
		String prefix = TestServices.randomName("wt") + "_";
		try (ConfigurableApplicationContext context = run("jdbc", Map.of("wechat.store.jdbc.table-prefix", prefix),
				REDIS)) {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
			assertThat(context.getBean(TokenStore.class).getToken("o-nobody")).isEmpty();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("DROP TABLE " + prefix + "user_token");
			jdbc.execute("DROP TABLE " + prefix + "credential");
		}
	}

	@Test
	void applicationsOwnTokenStoreWins() {
		try (ConfigurableApplicationContext context = run("memory", Map.of(), MyTokenStoreConfiguration.class, REDIS,
				JDBC)) {
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(MyTokenStoreConfiguration.MyTokenStore.class);
		}
	}

	private static ConfigurableApplicationContext run(String store, Map<String, Object> properties,
			String... hiddenPackages) {
		return run(store, properties, null, hiddenPackages);
	}

	private static ConfigurableApplicationContext run(String store, Map<String, Object> properties,
			Class<?> configuration, String... hiddenPackages) {
		FilteredClassLoader classLoader = new FilteredClassLoader(hiddenPackages);
		SpringApplication application = (configuration != null)
				? new SpringApplication(new DefaultResourceLoader(classLoader), Application.class, configuration)
				: new SpringApplication(new DefaultResourceLoader(classLoader), Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> defaults = new HashMap<>(properties);
		defaults.put("spring.config.location", "classpath:readme/application-" + store + ".yml");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("WECHAT_SECRET", "0123456789abcdef0123456789abcdef");
		application.setDefaultProperties(defaults);
		return application.run();
	}

	private static String resource(String name) throws IOException {
		try (var in = ReadmeTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
