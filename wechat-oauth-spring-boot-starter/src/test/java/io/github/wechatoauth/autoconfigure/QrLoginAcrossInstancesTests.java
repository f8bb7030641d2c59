package io.github.wechatoauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.autoconfigure.readme.QrLoginController;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.TestRedis;
import io.github.wechatoauth.testsupport.TestServices;
import io.github.wechatoauth.testsupport.WechatPushes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Scan-to-log-in through MockMvc on two instances of an application that share the local
 * Redis: the browser starts and polls on one instance while WeChat pushes the scan to the
 * other. WeChat's API is a WireMock stub, which also tells the scene of the QR code, as
 * WeChat would know it.
 */
class QrLoginAcrossInstancesTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String TOKEN = "test-token";

	private static final Pattern SCENE = Pattern.compile("\"scene_str\":\"login:([A-Za-z0-9_-]{22})\"");

	@RegisterExtension
	static final WireMockExtension wechatApi = WechatStub.server();

	private static final MutableClock clock = new MutableClock();

	private static TestRedis redis;

	private final WechatPushes wechat = new WechatPushes("/wechat/message", TOKEN, null, APPID);

	private final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void start() {
		redis = TestRedis.start();
	}

	@AfterAll
	static void stop() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void stubWechat() {
		wechatApi.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"app-token\",\"expires_in\":7200}")));
		wechatApi.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.willReturn(okJson("{\"ticket\":\"gQH47joAAAAAAAAAASxod\",\"expire_seconds\":300,"
					+ "\"url\":\"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI\"}")));
	}

	@Test
	void startOnOneInstanceScanOnTheOtherPollOnTheFirst() {
		instance().run((a) -> instance().run((b) -> {
			MockMvc browserSide = mockMvc(a);
			MockMvc wechatSide = mockMvc(b);
			MockHttpSession session = new MockHttpSession();
			Map<String, String> started = body(
					browserSide.perform(MockMvcRequestBuilders.post("/login/qr").session(session))
						.andExpect(status().isOk())
						.andReturn()
						.getResponse()
						.getContentAsString());
			assertThat(started.get("qrImageUrl"))
				.isEqualTo(wechatApi.baseUrl() + "/mp/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASxod");
			assertThat(pollStatus(browserSide, session)).isEqualTo("pending");
			String loginId = sceneOfTheLastQrCode();
			assertThat(session.getAttribute("wechatLoginId")).isEqualTo(loginId);

			wechatSide.perform(this.wechat.push(WechatPushes.scan("o-scanner", "login:" + loginId)))
				.andExpect(status().isOk())
				.andExpect(content().string("success"));

			assertThat(pollStatus(browserSide, session)).isEqualTo("confirmed");
			assertThat(session.getAttribute("openid")).isEqualTo("o-scanner");
			assertThat(pollStatus(browserSide, session)).as("a replayed poll").isEqualTo("expired");
			assertThat(pollStatus(wechatSide, session)).as("a replayed poll on the other instance")
				.isEqualTo("expired");
		}));
	}

	@Test
	void aFollowThroughTheCodeLogsInToo() {
		instance().run((a) -> instance().run((b) -> {
			MockHttpSession session = new MockHttpSession();
			start(mockMvc(a), session);
			mockMvc(b)
				.perform(this.wechat.push(WechatPushes.subscribe("o-new-follower", "login:" + sceneOfTheLastQrCode())))
				.andExpect(status().isOk());
			assertThat(pollStatus(mockMvc(a), session)).isEqualTo("confirmed");
			assertThat(session.getAttribute("openid")).isEqualTo("o-new-follower");
		}));
	}

	@Test
	void aLoginIdExpiresOnTheClock() {
		instance().withUserConfiguration(ClockedQrLoginConfiguration.class)
			.run((a) -> instance().withUserConfiguration(ClockedQrLoginConfiguration.class).run((b) -> {
				MockHttpSession session = new MockHttpSession();
				start(mockMvc(a), session);
				String loginId = sceneOfTheLastQrCode();
				clock.advance(Duration.ofMinutes(4));
				assertThat(pollStatus(mockMvc(b), session)).isEqualTo("pending");
				clock.advance(Duration.ofMinutes(1));
				assertThat(pollStatus(mockMvc(b), session)).isEqualTo("expired");
				mockMvc(b).perform(this.wechat.push(WechatPushes.scan("o-late", "login:" + loginId)))
					.andExpect(status().isOk());
				assertThat(pollStatus(mockMvc(a), session)).isEqualTo("expired");
				assertThat(session.getAttribute("openid")).isNull();
			}));
	}

	@Test
	void aForgedLoginIdIsExpired() {
		instance().run((a) -> {
			MockHttpSession session = new MockHttpSession();
			session.setAttribute("wechatLoginId", "AAAAAAAAAAAAAAAAAAAAAA");
			assertThat(pollStatus(mockMvc(a), session)).isEqualTo("expired");
		});
	}

	private WebApplicationContextRunner instance() {
		return new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
							WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
			.withUserConfiguration(WebMvcConfiguration.class, RedisConfiguration.class, QrLoginController.class)
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
					"wechat.token=" + TOKEN, "wechat.api-base-url=" + wechatApi.baseUrl(),
					"wechat.mp-base-url=" + wechatApi.baseUrl() + "/mp", "wechat.store.type=redis",
					"wechat.store.key-prefix=" + redis.keyPrefix());
	}

	private MockMvc mockMvc(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		assertThat(context.getBean(SharedStore.class)).isInstanceOf(RedisSharedStore.class);
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	private void start(MockMvc mvc, MockHttpSession session) throws Exception {
		mvc.perform(MockMvcRequestBuilders.post("/login/qr").session(session)).andExpect(status().isOk());
	}

	private String pollStatus(MockMvc mvc, MockHttpSession session) throws Exception {
		String response = mvc.perform(get("/login/qr").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return body(response).get("status");
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> body(String response) throws Exception {
		return this.json.readValue(response, Map.class);
	}

	private static String sceneOfTheLastQrCode() {
		List<LoggedRequest> requests = wechatApi.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/qrcode/create")));
		assertThat(requests).isNotEmpty();
		Matcher scene = SCENE.matcher(requests.get(requests.size() - 1).getBodyAsString());
		assertThat(scene.find()).isTrue();
		return scene.group(1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvcConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class RedisConfiguration {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory(
					new RedisStandaloneConfiguration(TestServices.HOST, TestServices.REDIS_PORT));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClockedQrLoginConfiguration {

		@Bean
		WechatQrLogin clockedQrLogin(WechatOAuthClient client, SharedStore sharedStore) {
			return new WechatQrLogin(client.getAppId(), client::createQrCode, client.getSharedStore(), clock);
		}

	}

}
