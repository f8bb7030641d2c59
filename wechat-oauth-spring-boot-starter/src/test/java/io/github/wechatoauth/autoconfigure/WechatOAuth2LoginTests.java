package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.autoconfigure.readme.LoginSecurityConfiguration;
import io.github.wechatoauth.autoconfigure.readme.MeController;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.security.WechatOAuth2User;
import io.github.wechatoauth.testsupport.SpringBootLines;
import io.github.wechatoauth.testsupport.WechatPushes;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.util.UriComponentsBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole {@code oauth2Login()} round trip through MockMvc, with WeChat and a
 * GitHub-like provider stubbed by WireMock: the README's
 * {@link LoginSecurityConfiguration} (which only adds
 * {@code oauth2Login(withDefaults())}), Spring Boot's own security and OAuth2 client
 * auto-configurations, and ours.
 */
class WechatOAuth2LoginTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SECRET = "7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7";

	private static final String OPENID = "o-user";

	private static final Pattern WECHAT_STATE = Pattern.compile("&state=([A-Za-z0-9]{32})#wechat_redirect$");

	private static final String USER_INFO = "{\"openid\":\"o-user\",\"nickname\":\"Ann\",\"sex\":1,"
			+ "\"province\":\"Guangdong\",\"city\":\"Shenzhen\",\"country\":\"CN\","
			+ "\"headimgurl\":\"https://thirdwx.qlogo.cn/mmopen/ann/132\",\"privilege\":[\"chinaunicom\"],"
			+ "\"unionid\":\"u-user\"}";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatOAuth2LoginAutoConfiguration.class, SpringBootLines.oauth2Client(),
						SpringBootLines.oauth2ClientWebSecurity(), SpringBootLines.webSecurity()))
		.withUserConfiguration(LoginSecurityConfiguration.class, MeController.class, WebMvc.class);

	@BeforeEach
	void resetWechat() {
		wechat.resetAll();
	}

	@Test
	void redirectsToWechatsExactAuthorizationLink() {
		withWechatAndGithub().run((context) -> {
			String link = mockMvc(context).perform(MockMvcRequestBuilders.get("/oauth2/authorization/wechat"))
				.andExpect(status().isFound())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
			assertThat(link).isEqualTo(wechat.baseUrl() + "/connect/oauth2/authorize?appid=wx1234567890abcdef"
					+ "&redirect_uri=http%3A%2F%2Flocalhost%2Flogin%2Foauth2%2Fcode%2Fwechat&response_type=code"
					+ "&scope=snsapi_userinfo&state=" + wechatState(link) + "#wechat_redirect");
		});
	}

	@Test
	void redirectsTheWebsiteRegistrationToQrConnectWithTheWebsiteAppid() {
		withWechatAndGithub()
			.withPropertyValues("wechat.website.appid=wx0000000000000e0b",
					"wechat.website.secret=0e0ba5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> {
				String link = mockMvc(context).perform(MockMvcRequestBuilders.get("/oauth2/authorization/wechat-web"))
					.andExpect(status().isFound())
					.andReturn()
					.getResponse()
					.getRedirectedUrl();
				assertThat(link).isEqualTo(wechat.baseUrl() + "/connect/qrconnect?appid=wx0000000000000e0b"
						+ "&redirect_uri=http%3A%2F%2Flocalhost%2Flogin%2Foauth2%2Fcode%2Fwechat-web&response_type=code"
						+ "&scope=snsapi_login&state=" + wechatState(link) + "#wechat_redirect");
			});
	}

	@Test
	void logsInOnTheWebsiteWithTheWebsiteApplicationsOwnCredentials() {
		String website = "wx0000000000000e0b";
		String websiteSecret = "0e0ba5ec7e7a5ec7e7a5ec7e7a5ec7e7";
		stubToken(website, "WEB-CODE", OPENID, "snsapi_login");
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(text(USER_INFO)));
		withWechatAndGithub()
			.withPropertyValues("wechat.website.appid=" + website, "wechat.website.secret=" + websiteSecret)
			.run((context) -> {
				MockMvc mvc = mockMvc(context);
				MockHttpSession session = new MockHttpSession();
				String state = wechatState(authorize(mvc, session, "wechat-web"));
				mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat-web")
					.param("code", "WEB-CODE")
					.param("state", state)
					.session(session)).andExpect(redirectedUrl("/"));
				wechat.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token"))
					.withQueryParam("appid", equalTo(website))
					.withQueryParam("secret", equalTo(websiteSecret)));
				assertThat(authentication(session).getAuthorizedClientRegistrationId()).isEqualTo("wechat-web");
			});
	}

	@Test
	void logsInWithWechatThroughTheClientAndItsTokenStore() {
		stubToken(APPID, "CODE", OPENID, "snsapi_userinfo");
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(text(USER_INFO)));
		withWechatAndGithub().run((context) -> {
			MockMvc mvc = mockMvc(context);
			MockHttpSession session = new MockHttpSession();
			String state = wechatState(authorize(mvc, session, "wechat"));
			mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat")
				.param("code", "CODE")
				.param("state", state)
				.session(session)).andExpect(status().isFound()).andExpect(redirectedUrl("/"));
			wechat.verify(
					getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("appid", equalTo(APPID))
						.withQueryParam("secret", equalTo(SECRET))
						.withQueryParam("code", equalTo("CODE"))
						.withQueryParam("grant_type", equalTo("authorization_code")));
			wechat.verify(getRequestedFor(urlPathEqualTo("/sns/userinfo"))
				.withQueryParam("access_token", equalTo("access-" + OPENID))
				.withQueryParam("openid", equalTo(OPENID)));
			assertThat(context.getBean(TokenStore.class).getToken(OPENID)).map(UserToken::accessToken)
				.hasValue("access-" + OPENID);
			OAuth2AuthenticationToken authentication = authentication(session);
			assertThat(authentication.getAuthorizedClientRegistrationId()).isEqualTo("wechat");
			WechatOAuth2User user = (WechatOAuth2User) authentication.getPrincipal();
			assertThat(user.getName()).isEqualTo(OPENID);
			assertThat(user.getAttributes()).containsEntry("openid", OPENID)
				.containsEntry("nickname", "Ann")
				.containsEntry("headimgurl", "https://thirdwx.qlogo.cn/mmopen/ann/132")
				.containsEntry("unionid", "u-user")
				.containsEntry("sex", 1)
				.containsEntry("province", "Guangdong")
				.containsEntry("city", "Shenzhen")
				.containsEntry("country", "CN")
				.containsEntry("privilege", java.util.List.of("chinaunicom"));
			assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactly("OAUTH2_USER", "SCOPE_snsapi_userinfo");
			mvc.perform(MockMvcRequestBuilders.get("/me").session(session))
				.andExpect(content().string("Hello, Ann (o-user)"));
		});
	}

	@Test
	void logsInWithTheOpenidAloneAfterSilentAuthorization() {
		stubToken(APPID, "CODE", OPENID, "snsapi_base");
		withWechatAndGithub().withPropertyValues("wechat.login.scope=snsapi_base").run((context) -> {
			MockMvc mvc = mockMvc(context);
			MockHttpSession session = new MockHttpSession();
			String link = authorize(mvc, session, "wechat");
			assertThat(link).contains("&scope=snsapi_base&");
			mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat")
				.param("code", "CODE")
				.param("state", wechatState(link))
				.session(session)).andExpect(redirectedUrl("/"));
			wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/userinfo")));
			OAuth2User user = authentication(session).getPrincipal();
			assertThat(user).isInstanceOf(WechatOAuth2User.class);
			assertThat(user.getAttributes()).containsOnlyKeys("openid").containsEntry("openid", OPENID);
			assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactly("OAUTH2_USER", "SCOPE_snsapi_base");
		});
	}

	@Test
	void refusesASnapshotUserByDefault() {
		stubSnapshotToken();
		withWechatAndGithub().run((context) -> {
			MockHttpSession session = new MockHttpSession();
			logInWithCode(mockMvc(context), session).andExpect(redirectedUrl("/login?error"));
			assertThat(securityContext(session)).isNull();
			assertThat(lastException(session)).isInstanceOfSatisfying(OAuth2AuthenticationException.class, (ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("wechat_snapshot_user");
				assertThat(ex.getError().getDescription()).contains("wechat.login.allow-snapshot-users=true");
			});
			wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/userinfo")));
		});
	}

	@Test
	void letsASnapshotUserInWhenAllowedAsTheirVirtualOpenidAlone() {
		stubSnapshotToken();
		withWechatAndGithub().withPropertyValues("wechat.login.allow-snapshot-users=true").run((context) -> {
			MockHttpSession session = new MockHttpSession();
			logInWithCode(mockMvc(context), session).andExpect(redirectedUrl("/"));
			wechat.verify(0, getRequestedFor(urlPathEqualTo("/sns/userinfo")));
			OAuth2User user = authentication(session).getPrincipal();
			assertThat(user).isInstanceOfSatisfying(WechatOAuth2User.class, (wechatUser) -> {
				assertThat(wechatUser.isSnapshotUser()).isTrue();
				assertThat(wechatUser.getOpenid()).isEqualTo("o-snapshot");
			});
		});
	}

	@Test
	void realUserIsNoSnapshotUser() {
		stubToken(APPID, "CODE", OPENID, "snsapi_base");
		withWechatAndGithub().withPropertyValues("wechat.login.scope=snsapi_base").run((context) -> {
			MockHttpSession session = new MockHttpSession();
			logInWithCode(mockMvc(context), session).andExpect(redirectedUrl("/"));
			assertThat(authentication(session).getPrincipal()).isInstanceOfSatisfying(WechatOAuth2User.class,
					(user) -> assertThat(user.isSnapshotUser()).isFalse());
		});
	}

	@Test
	void refusesACallbackWithAnotherState() {
		stubToken(APPID, "CODE", OPENID, "snsapi_userinfo");
		withWechatAndGithub().run((context) -> {
			MockMvc mvc = mockMvc(context);
			MockHttpSession session = new MockHttpSession();
			String state = wechatState(authorize(mvc, session, "wechat"));
			String forged = state.substring(1) + (state.startsWith("A") ? "B" : "A");
			mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat")
				.param("code", "CODE")
				.param("state", forged)
				.session(session)).andExpect(redirectedUrl("/login?error"));
			wechat.verify(0, getRequestedFor(urlPathMatching("/sns/.*")));
			assertThat(securityContext(session)).isNull();
			assertThat(lastException(session)).isInstanceOf(OAuth2AuthenticationException.class);
		});
	}

	@Test
	void refusesACodeThatWechatRejects() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(text("{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 1\"}")));
		withWechatAndGithub().run((context) -> {
			MockMvc mvc = mockMvc(context);
			MockHttpSession session = new MockHttpSession();
			String state = wechatState(authorize(mvc, session, "wechat"));
			mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat")
				.param("code", "USED")
				.param("state", state)
				.session(session)).andExpect(redirectedUrl("/login?error"));
			assertThat(securityContext(session)).isNull();
			assertThat(lastException(session)).isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		});
	}

	@Test
	void logsInWithAnotherProviderBesideWechat() {
		wechat.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
			.willReturn(okJson("{\"access_token\":\"gho-token\",\"token_type\":\"bearer\",\"scope\":\"read:user\"}")));
		wechat.stubFor(get(urlPathEqualTo("/user"))
			.willReturn(okJson("{\"id\":1,\"login\":\"octocat\",\"name\":\"The Octocat\"}")));
		withWechatAndGithub().run((context) -> {
			MockMvc mvc = mockMvc(context);
			MockHttpSession session = new MockHttpSession();
			String link = authorize(mvc, session, "github");
			assertThat(link)
				.startsWith(wechat.baseUrl() + "/login/oauth/authorize?response_type=code&client_id=gh-client")
				.doesNotContain("appid")
				.doesNotContain("#wechat_redirect");
			String state = URLDecoder.decode(
					UriComponentsBuilder.fromUriString(link).build().getQueryParams().getFirst("state"),
					StandardCharsets.UTF_8);
			mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/github")
				.param("code", "gh-code")
				.param("state", state)
				.session(session)).andExpect(redirectedUrl("/"));
			wechat.verify(postRequestedFor(urlPathEqualTo("/login/oauth/access_token")));
			wechat.verify(
					getRequestedFor(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer gho-token")));
			wechat.verify(0, getRequestedFor(urlPathMatching("/sns/.*")));
			OAuth2AuthenticationToken authentication = authentication(session);
			assertThat(authentication.getAuthorizedClientRegistrationId()).isEqualTo("github");
			assertThat(authentication.getPrincipal()).isNotInstanceOf(WechatOAuth2User.class);
			// Spring Security's GitHub defaults name the user by id.
			assertThat(authentication.getName()).isEqualTo("1");
			assertThat(authentication.getPrincipal().getAttributes()).containsEntry("login", "octocat");
		});
	}

	@Test
	void logsInWithTwoAccountsSideBySide() {
		String shop = "wx00000000000000a1";
		String news = "wx00000000000000b2";
		stubToken(shop, "SHOP-CODE", "o-shop", "snsapi_userinfo");
		stubToken(news, "NEWS-CODE", "o-news", "snsapi_userinfo");
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("openid", equalTo("o-shop"))
			.willReturn(text(USER_INFO.replace("o-user", "o-shop"))));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("openid", equalTo("o-news"))
			.willReturn(text(USER_INFO.replace("o-user", "o-news"))));
		this.contextRunner.withPropertyValues(account("shop", shop))
			.withPropertyValues(account("news", news))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(io.github.wechatoauth.WechatOAuthClient.class);
				MockMvc mvc = mockMvc(context);
				for (String[] account : new String[][] { { "shop", shop, "o-shop" }, { "news", news, "o-news" } }) {
					String registration = "wechat-" + account[0];
					MockHttpSession session = new MockHttpSession();
					String link = authorize(mvc, session, registration);
					assertThat(link).startsWith(wechat.baseUrl() + "/connect/oauth2/authorize?appid=" + account[1]
							+ "&redirect_uri=http%3A%2F%2Flocalhost%2Flogin%2Foauth2%2Fcode%2F" + registration + "&");
					mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/" + registration)
						.param("code", account[0].toUpperCase(java.util.Locale.ROOT) + "-CODE")
						.param("state", wechatState(link))
						.session(session)).andExpect(redirectedUrl("/"));
					wechat.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token"))
						.withQueryParam("appid", equalTo(account[1]))
						.withQueryParam("secret", equalTo(secretOf(account[0]))));
					OAuth2AuthenticationToken authentication = authentication(session);
					assertThat(authentication.getAuthorizedClientRegistrationId()).isEqualTo(registration);
					assertThat(authentication.getName()).isEqualTo(account[2]);
				}
				WechatStoreFactory stores = context.getBean(WechatStoreFactory.class);
				assertThat(stores.tokenStore(shop).getToken("o-shop")).isPresent();
				assertThat(stores.tokenStore(news).getToken("o-news")).isPresent();
				assertThat(stores.tokenStore(shop).getToken("o-news")).isEmpty();
				assertThat(stores.tokenStore(news).getToken("o-shop")).isEmpty();
				assertThat(context.getBean(WechatOAuthClients.class).get("shop").getAppId()).isEqualTo(shop);
			});
	}

	@Test
	void twoAccountsLogInAndReceiveTheirOwnPushesThroughTheLoginChain() {
		String shop = "wx00000000000000a1";
		String news = "wx00000000000000b2";
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(WechatMessageEndpointAutoConfiguration.class,
					WechatMessageSecurityAutoConfiguration.class))
			.withPropertyValues(account("shop", shop))
			.withPropertyValues(account("news", news))
			.withPropertyValues("wechat.apps.shop.token=shop-token", "wechat.apps.shop.message.path=/wechat/shop",
					"wechat.apps.news.token=news-token", "wechat.apps.news.message.path=/wechat/news")
			.run((context) -> {
				MockMvc mvc = mockMvc(context);
				for (String[] account : new String[][] { { "shop", shop, "news" }, { "news", news, "shop" } }) {
					assertThat(authorize(mvc, new MockHttpSession(), "wechat-" + account[0]))
						.startsWith(wechat.baseUrl() + "/connect/oauth2/authorize?appid=" + account[1] + "&");
					String path = "/wechat/" + account[0];
					mvc.perform(new WechatPushes(path, account[0] + "-token", null, account[1])
						.push(WechatPushes.text("o-user", "1", "hi"))).andExpect(content().string("success"));
					mvc.perform(new WechatPushes(path, account[2] + "-token", null, account[1])
						.push(WechatPushes.text("o-user", "2", "hi"))).andExpect(status().isForbidden());
				}
				// The application's chain still guards the rest.
				mvc.perform(MockMvcRequestBuilders.get("/me")).andExpect(status().isFound());
			});
	}

	private WebApplicationContextRunner withWechatAndGithub() {
		return this.contextRunner.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET,
				"wechat.api-base-url=" + wechat.baseUrl(), "wechat.open-base-url=" + wechat.baseUrl(),
				"spring.security.oauth2.client.registration.github.client-id=gh-client",
				"spring.security.oauth2.client.registration.github.client-secret=gh-secret",
				"spring.security.oauth2.client.provider.github.authorization-uri=" + wechat.baseUrl()
						+ "/login/oauth/authorize",
				"spring.security.oauth2.client.provider.github.token-uri=" + wechat.baseUrl()
						+ "/login/oauth/access_token",
				"spring.security.oauth2.client.provider.github.user-info-uri=" + wechat.baseUrl() + "/user");
	}

	private static String secretOf(String name) {
		return String.format("%032x", name.hashCode() & 0xffffffffL);
	}

	private static String[] account(String name, String appId) {
		String prefix = "wechat.apps." + name + ".";
		return new String[] { prefix + "appid=" + appId, prefix + "secret=" + secretOf(name),
				prefix + "api-base-url=" + wechat.baseUrl(), prefix + "open-base-url=" + wechat.baseUrl(),
				prefix + "login.website=false" };
	}

	private static void stubToken(String appId, String code, String openid, String scope) {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("appid", equalTo(appId))
			.withQueryParam("code", equalTo(code))
			.willReturn(text("{\"access_token\":\"access-" + openid + "\",\"expires_in\":7200,\"refresh_token\":"
					+ "\"refresh-" + openid + "\",\"openid\":\"" + openid + "\",\"scope\":\"" + scope + "\"}")));
	}

	/** Goes to WeChat through the {@code wechat} registration and back with CODE. */
	private static ResultActions logInWithCode(MockMvc mvc, MockHttpSession session) throws Exception {
		String state = wechatState(authorize(mvc, session, "wechat"));
		return mvc.perform(MockMvcRequestBuilders.get("/login/oauth2/code/wechat")
			.param("code", "CODE")
			.param("state", state)
			.session(session));
	}

	private static void stubSnapshotToken() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(text("{\"access_token\":\"access-snapshot\",\"expires_in\":7200,\"refresh_token\":"
					+ "\"refresh-snapshot\",\"openid\":\"o-snapshot\",\"scope\":\"snsapi_userinfo\","
					+ "\"is_snapshotuser\":1}")));
	}

	/** WeChat's way: JSON declared as text/plain. */
	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder text(String body) {
		return aResponse().withHeader("Content-Type", "text/plain").withBody(body);
	}

	private static MockMvc mockMvc(ApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup((org.springframework.web.context.WebApplicationContext) context)
			.addFilters(context.getBean("springSecurityFilterChain", Filter.class))
			.build();
	}

	private static String authorize(MockMvc mvc, MockHttpSession session, String registrationId) throws Exception {
		String link = mvc
			.perform(MockMvcRequestBuilders.get("/oauth2/authorization/" + registrationId).session(session))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(link).isNotNull();
		return link;
	}

	private static String wechatState(String link) {
		Matcher matcher = WECHAT_STATE.matcher(link);
		assertThat(matcher.find()).as("a 32-character alphanumeric state in %s", link).isTrue();
		return matcher.group(1);
	}

	private static SecurityContext securityContext(MockHttpSession session) {
		return (SecurityContext) session.getAttribute("SPRING_SECURITY_CONTEXT");
	}

	private static OAuth2AuthenticationToken authentication(MockHttpSession session) {
		SecurityContext securityContext = securityContext(session);
		assertThat(securityContext).as("the session's security context").isNotNull();
		Authentication authentication = securityContext.getAuthentication();
		assertThat(authentication).isInstanceOf(OAuth2AuthenticationToken.class);
		return (OAuth2AuthenticationToken) authentication;
	}

	private static AuthenticationException lastException(MockHttpSession session) {
		return (AuthenticationException) session.getAttribute("SPRING_SECURITY_LAST_EXCEPTION");
	}

	/**
	 * Spring MVC, so that {@code @AuthenticationPrincipal} resolves.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class WebMvc {

	}

}
