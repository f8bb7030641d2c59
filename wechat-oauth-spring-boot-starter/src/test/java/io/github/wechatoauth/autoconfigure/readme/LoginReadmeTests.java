package io.github.wechatoauth.autoconfigure.readme;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.autoconfigure.WechatOAuth2LoginAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatOAuthClientAutoConfiguration;
import io.github.wechatoauth.autoconfigure.WechatStoreAutoConfiguration;
import io.github.wechatoauth.testsupport.SpringBootLines;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The README's Spring Security login and several accounts: the {@code application.yml}
 * files of {@code src/test/resources/readme} and the classes
 * {@link LoginSecurityConfiguration}, {@link MeController} and {@link ShopController}
 * appear in the README verbatim, and each example boots with Spring Boot's own security
 * auto-configurations, WeChat stubbed by WireMock.
 */
class LoginReadmeTests {

	private static final Path README = Path.of("README.md");

	private static final Pattern STATE = Pattern.compile("&state=([A-Za-z0-9]{32})#wechat_redirect$");

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatOAuth2LoginAutoConfiguration.class, SpringBootLines.oauth2Client(),
						SpringBootLines.oauth2ClientWebSecurity(), SpringBootLines.webSecurity()))
		.withUserConfiguration(WebMvc.class, LoginSecurityConfiguration.class);

	@Test
	void readmeShowsTheFilesThatThisTestBoots() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		assertThat(readme).contains("```yaml\n" + resource("readme/application-login.yml") + "```");
		assertThat(readme).contains("```yaml\n" + resource("readme/application-apps.yml") + "```");
		assertThat(readme).contains("```java\n" + example("LoginSecurityConfiguration", "login") + "```");
		assertThat(readme).contains("```java\n" + example("MeController", "me") + "```");
		assertThat(readme).contains("```java\n" + example("ShopController", "apps") + "```");
	}

	@Test
	void loginExampleSendsUsersToWechatAndBack() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(text("{\"access_token\":\"access\","
				+ "\"expires_in\":7200,\"refresh_token\":\"refresh\",\"openid\":\"o-ann\",\"scope\":\"snsapi_userinfo\"}")));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.willReturn(text("{\"openid\":\"o-ann\",\"nickname\":\"Ann\",\"sex\":0,\"province\":\"\",\"city\":\"\","
					+ "\"country\":\"\",\"headimgurl\":\"\",\"privilege\":[]}")));
		this.contextRunner.withUserConfiguration(MeController.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(yaml("readme/application-login.yml")))
			.withPropertyValues("WECHAT_SECRET=0123456789abcdef0123456789abcdef",
					"wechat.api-base-url=" + wechat.baseUrl(), "wechat.open-base-url=" + wechat.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
					.addFilters(context.getBean("springSecurityFilterChain", Filter.class))
					.build();
				MockHttpSession session = new MockHttpSession();
				// One registration: Spring Security goes straight to it.
				// Relative in Spring Security 7, absolute in 6.5.
				assertThat(mvc.perform(MockMvcRequestBuilders.get("/me").session(session))
					.andReturn()
					.getResponse()
					.getRedirectedUrl()).endsWith("/oauth2/authorization/wechat");
				String link = mvc.perform(MockMvcRequestBuilders.get("/oauth2/authorization/wechat").session(session))
					.andReturn()
					.getResponse()
					.getRedirectedUrl();
				assertThat(link).startsWith(wechat.baseUrl() + "/connect/oauth2/authorize?appid=wx1234567890abcdef&");
				Matcher state = STATE.matcher(link);
				assertThat(state.find()).isTrue();
				mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat")
					.param("code", "CODE")
					.param("state", state.group(1))
					.session(session)).andExpect(status().isFound());
				mvc.perform(MockMvcRequestBuilders.get("/me").session(session))
					.andExpect(content().string("Hello, Ann (o-ann)"));
			});
	}

	@Test
	void appsExampleGivesEachAccountItsClientAndRegistrations() {
		this.contextRunner.withUserConfiguration(ShopController.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(yaml("readme/application-apps.yml")))
			.withPropertyValues("WECHAT_SHOP_SECRET=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
					"WECHAT_NEWS_SECRET=4e05a5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ShopController.class);
				assertThat(context).doesNotHaveBean(WechatOAuthClient.class);
				ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
				List<String> ids = new ArrayList<>();
				((Iterable<?>) repository)
					.forEach((registration) -> ids.add(((ClientRegistration) registration).getRegistrationId()));
				assertThat(ids).containsExactly("wechat-shop", "wechat-news");
				ClientRegistration news = repository.findByRegistrationId("wechat-news");
				assertThat(news).isNotNull();
				assertThat(news.getClientId()).isEqualTo("wx00000000000000b2");
				assertThat(news.getScopes()).containsExactly("snsapi_base");
			});
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder text(String body) {
		return aResponse().withHeader("Content-Type", "text/plain").withBody(body);
	}

	private static String example(String className, String tag) throws IOException {
		String source = Files.readString(
				Path.of("src/test/java/io/github/wechatoauth/autoconfigure/readme/" + className + ".java"),
				StandardCharsets.UTF_8);
		String start = "// tag::" + tag + "[]\n";
		return source.substring(source.indexOf(start) + start.length(), source.indexOf("// end::" + tag + "[]"));
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = LoginReadmeTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static PropertySource<?> yaml(String name) {
		try {
			return new YamlPropertySourceLoader().load(name, new ClassPathResource(name)).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Spring MVC, so that {@code @AuthenticationPrincipal} resolves, as in a Spring Boot
	 * web application.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvc {

	}

}
