package io.github.wechatoauth.autoconfigure.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.autoconfigure.WechatMessageEndpointAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatOAuthClientAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatQrLoginAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatStoreAutoConfiguration;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.jdbc.JdbcTokenStore;
import io.github.wechatoauth.store.redis.RedisTokenStore;
import io.github.wechatoauth.testsupport.TestServices;
import io.github.wechatoauth.testsupport.WechatPushes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	@Test
	void readmeShowsTheFilesThatThisTestBoots() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		for (String store : new String[] { "memory", "redis", "jdbc" }) {
			assertThat(readme).contains("```yaml\n" + resource("readme/application-" + store + ".yml") + "```");
		}
		assertThat(readme).contains("```yaml\n" + resource("readme/application-message.yml") + "```");
		assertThat(readme).contains("```java\n" + example("MyTokenStoreConfiguration", "override") + "```");
		assertThat(readme).contains("```java\n" + example("MessageHandlersConfiguration", "handlers") + "```");
		assertThat(readme).contains("```java\n" + example("MessageHandlersConfiguration", "listener") + "```");
		assertThat(readme).contains("```yaml\n" + resource("readme/application-apps-message.yml") + "```");
		assertThat(readme).contains("```java\n" + example("MessageHandlersConfiguration", "apps") + "```");
		assertThat(readme).contains("```java\n" + example("QrLoginController", "qr-login") + "```");
	}

	@Test
	void messageExampleRepliesAndListens() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
							WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
			.withUserConfiguration(WebMvcConfiguration.class, MessageHandlersConfiguration.class)
			// Handlers and listeners run on the request's thread: done when the answer
			// is.
			.withBean("applicationTaskExecutor", Executor.class, SyncTaskExecutor::new)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(yaml("readme/application-message.yml")))
			.withPropertyValues("WECHAT_SECRET=0123456789abcdef0123456789abcdef", "WECHAT_TOKEN=readme-token",
					"WECHAT_ENCODING_AES_KEY=" + AES_KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				WechatPushes wechat = new WechatPushes("/wechat/message", "readme-token", AES_KEY,
						"wx1234567890abcdef");
				assertThat(wechat
					.openEncryptedReply(reply(mvc, wechat.encryptedPush(WechatPushes.text("o-ann", "1", "hi")))))
					.containsEntry("Content", "You said: hi");
				assertThat(wechat.openEncryptedReply(
						reply(mvc, wechat.encryptedPush(WechatPushes.subscribe("o-ann", "campaign-7")))))
					.containsEntry("Content", "Welcome! Send me anything.");
				// With an EncodingAESKey the endpoint is in safe mode: a push in clear is
				// refused.
				mvc.perform(wechat.push(WechatPushes.scan("o-ann", "campaign-7"))).andExpect(status().isForbidden());
				assertThat(reply(mvc, wechat.encryptedPush(WechatPushes.scan("o-ann", "campaign-7"))))
					.isEqualTo("success");
				MessageHandlersConfiguration.ScanLog scanLog = context
					.getBean(MessageHandlersConfiguration.ScanLog.class);
				assertThat(scanLog.scenes()).containsExactly("campaign-7");
			});
	}

	@Test
	void appsMessageExampleServesEachAccountAtItsPath() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
							WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
			.withUserConfiguration(WebMvcConfiguration.class, MessageHandlersConfiguration.class)
			.withBean("applicationTaskExecutor", Executor.class, SyncTaskExecutor::new)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(yaml("readme/application-apps-message.yml")))
			.withPropertyValues("WECHAT_SHOP_SECRET=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "WECHAT_SHOP_TOKEN=shop-token",
					"WECHAT_NEWS_SECRET=4e05a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "WECHAT_NEWS_TOKEN=news-token",
					"WECHAT_NEWS_ENCODING_AES_KEY=" + AES_KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				WechatPushes shop = new WechatPushes("/wechat/shop", "shop-token", null, "wx00000000000000a1");
				WechatPushes news = new WechatPushes("/wechat/news", "news-token", AES_KEY, "wx00000000000000b2");
				assertThat(reply(mvc, shop.push(WechatPushes.subscribe("o-ann", "7"))))
					.contains("<Content><![CDATA[Welcome to the shop!]]></Content>");
				assertThat(
						news.openEncryptedReply(reply(mvc, news.encryptedPush(WechatPushes.subscribe("o-bob", "7")))))
					.containsEntry("Content", "Welcome! Send me anything.");
			});
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
			jdbc.execute("DROP TABLE " + prefix + "shared");
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

	private static String example(String className, String tag) throws IOException {
		String source = Files.readString(
				Path.of("src/test/java/io/github/wechatoauth/autoconfigure/readme/" + className + ".java"),
				StandardCharsets.UTF_8);
		String start = "// tag::" + tag + "[]\n";
		String example = source.substring(source.indexOf(start) + start.length(),
				source.indexOf("// end::" + tag + "[]"));
		// Tagged members are indented one level in their class; the README shows them
		// flush left.
		return example.startsWith("\t") ? example.replaceAll("(?m)^\t", "") : example;
	}

	private static PropertySource<?> yaml(String name) {
		try {
			return new YamlPropertySourceLoader().load(name, new ClassPathResource(name)).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String reply(MockMvc mvc, MockHttpServletRequestBuilder push) throws Exception {
		return mvc.perform(push)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
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

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvcConfiguration {

	}

}
