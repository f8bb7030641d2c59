package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.testsupport.SpringBootLines;
import io.github.wechatoauth.testsupport.WechatPushes;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link WechatMessageSecurityAutoConfiguration}, through MockMvc and Spring
 * Security's filter chain: WeChat's signed pushes reach the message endpoints, while the
 * application's own chain, or Spring Boot's default one, protects everything else.
 */
class WechatMessageSecurityAutoConfigurationTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SHOP = "wx00000000000000a1";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
				WechatOAuthClientAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class,
				WechatMessageSecurityAutoConfiguration.class, SpringBootLines.webSecurity()))
		.withUserConfiguration(WebMvc.class, Users.class, PrivateController.class)
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				"wechat.token=test-token", "wechat.store.type=memory", "wechat.apps.shop.appid=" + SHOP,
				"wechat.apps.shop.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.apps.shop.token=shop-token",
				"wechat.apps.shop.message.path=/wechat/shop");

	private final WechatPushes wechat = new WechatPushes("/wechat/message", "test-token", null, APPID);

	private final WechatPushes shop = new WechatPushes("/wechat/shop", "shop-token", null, SHOP);

	@Test
	void letsSignedPushesThroughTheApplicationsOwnChain() {
		this.contextRunner.withUserConfiguration(ApplicationSecurity.class).run((context) -> {
			assertThat(context).hasBean("wechatMessageSecurityFilterChain").hasBean("applicationChain");
			MockMvc mvc = mockMvc(context);
			mvc.perform(this.wechat.push(WechatPushes.text("o-ann", "1", "hi")))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));
			mvc.perform(this.shop.push(WechatPushes.text("o-bob", "2", "hi")))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));
			mvc.perform(this.wechat.verifyUrl("42")).andExpect(content().string("42"));
			// Still refused by the endpoint itself.
			mvc.perform(this.wechat.pushWithWrongSignature(WechatPushes.text("o-ann", "3", "hi")))
				.andExpect(status().isForbidden());
			// Everything else stays the application's.
			mvc.perform(get("/private")).andExpect(status().isUnauthorized());
			mvc.perform(post("/private")).andExpect(status().isForbidden());
			mvc.perform(post("/wechat/message/other")).andExpect(status().isForbidden());
			mvc.perform(get("/private").header("Authorization", "Basic dXNlcjpwYXNzd29yZA=="))
				.andExpect(status().isOk());
		});
	}

	@Test
	void leavesSpringBootsDefaultChainInPlace() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("wechatMessageSecurityFilterChain");
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
			MockMvc mvc = mockMvc(context);
			mvc.perform(this.wechat.push(WechatPushes.text("o-ann", "1", "hi"))).andExpect(status().isOk());
			mvc.perform(get("/private")).andExpect(status().isUnauthorized());
			mvc.perform(get("/private").header("Authorization", "Basic dXNlcjpwYXNzd29yZA=="))
				.andExpect(status().isOk());
		});
	}

	@Test
	void leavesSpringBootsOAuth2LoginChainInPlace() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(WechatOAuth2LoginAutoConfiguration.class,
					SpringBootLines.oauth2Client(), SpringBootLines.oauth2ClientWebSecurity()))
			.run((context) -> {
				assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
				MockMvc mvc = mockMvc(context);
				mvc.perform(this.shop.push(WechatPushes.text("o-bob", "1", "hi"))).andExpect(status().isOk());
				mvc.perform(get("/private")).andExpect(status().isFound());
			});
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withUserConfiguration(ApplicationSecurity.class)
			.withPropertyValues("wechat.message.security.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("wechatMessageSecurityFilterChain");
				// WeChat's push carries no CSRF token: the application's chain refuses
				// it.
				mockMvc(context).perform(this.wechat.push(WechatPushes.text("o-ann", "1", "hi")))
					.andExpect(status().isForbidden());
			});
	}

	@Test
	void applicationsOwnChainOfThatNameWins() {
		this.contextRunner.withUserConfiguration(ApplicationSecurity.class)
			.withBean("wechatMessageSecurityFilterChain", SecurityFilterChain.class,
					() -> new DefaultSecurityFilterChain((request) -> false))
			.run((context) -> assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2));
	}

	@Test
	void noChainWithoutWebSecurity() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
							WechatMessageEndpointAutoConfiguration.class, WechatMessageSecurityAutoConfiguration.class))
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
					"wechat.token=test-token")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityFilterChain.class));
	}

	@Test
	void noChainWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("wechatMessageSecurityFilterChain")
				.hasBean("wechatMessageRouterFunction"));
	}

	@Test
	void noChainWithoutAMessageEndpoint() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
					WechatOAuthClientAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class,
					WechatMessageSecurityAutoConfiguration.class, SpringBootLines.webSecurity()))
			.withUserConfiguration(ApplicationSecurity.class)
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("wechatMessageSecurityFilterChain")
				.hasBean("applicationChain"));
	}

	@Test
	void matchesTheEndpointsUnderTheDispatcherServletsPath() {
		this.contextRunner.withUserConfiguration(ApplicationSecurity.class)
			.withPropertyValues("spring.mvc.servlet.path=/api/")
			.run((context) -> {
				SecurityFilterChain chain = context.getBean("wechatMessageSecurityFilterChain",
						SecurityFilterChain.class);
				assertThat(chain.matches(new MockHttpServletRequest("POST", "/api/wechat/message"))).isTrue();
				assertThat(chain.matches(new MockHttpServletRequest("POST", "/api/wechat/shop"))).isTrue();
				assertThat(chain.matches(new MockHttpServletRequest("POST", "/api/private"))).isFalse();
			});
	}

	private static MockMvc mockMvc(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		return MockMvcBuilders.webAppContextSetup(context)
			.addFilters(context.getBean("springSecurityFilterChain", Filter.class))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvc {

	}

	/**
	 * An application's own chain: everything authenticated, with HTTP Basic, and CSRF
	 * protection left on.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ApplicationSecurity {

		@Bean
		SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Users {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("user").password("{noop}password").roles("USER").build());
		}

	}

	@RestController
	static class PrivateController {

		@GetMapping("/private")
		String read() {
			return "private";
		}

		@PostMapping({ "/private", "/wechat/message/other" })
		String write() {
			return "written";
		}

	}

}
