package io.github.wechatoauth.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.jssdk.JsSdkSignature;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.sample.sandbox.SandboxProperties;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages and the log-in flows, through MockMvc, with the sandbox playing WeChat: the
 * app's own {@code WechatOAuthClient} calls it over HTTP.
 */
class LoginPagesTests extends SampleAppTestSupport {

	private static final String XIAOMING = "oSbx4Wang_XiaoMing7Tq2LpZ9cA";

	private static final String LILEI = "oSbx8Li_Lei3Kd5Hv1RwY6pNeB0x";

	private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

	@Autowired
	TokenStore tokenStore;

	@Autowired
	WechatOAuthClient client;

	@Test
	void homeOffersEveryWayToLogInAndLoadsNothingFromElsewhere() throws Exception {
		String html = page("/", new MockHttpSession());

		assertThat(html).contains("href=\"/login/wechat\"", "href=\"/login/silent\"", "href=\"/login/website\"",
				"href=\"/follow\"", "href=\"/jssdk\"", "<link rel=\"stylesheet\" href=\"/sample.css\">",
				"Sandbox mode");
		assertThat(html).doesNotContain("<script", "src=\"http", "Log out");
		Matcher href = HREF.matcher(html);
		while (href.find()) {
			assertThat(href.group(1)).as("a link of the home page").doesNotContain("//cdn", "googleapis");
		}
	}

	@Test
	void sendsTheBrowserToWechatWithAStateKeptInTheSession() throws Exception {
		MockHttpSession session = new MockHttpSession();

		URI link = startLogIn("/login/wechat", session);

		assertThat(link.toString())
			.startsWith(baseUrl() + "/sandbox/connect/oauth2/authorize?appid=" + SandboxProperties.DEFAULT_APPID
					+ "&redirect_uri=http%3A%2F%2Flocalhost%3A" + PORT + "%2Fcallback"
					+ "&response_type=code&scope=snsapi_userinfo&state=")
			.endsWith("#wechat_redirect");
		assertThat(query(link).get("state")).matches("[A-Za-z0-9]{32}");
		assertThat(startLogIn("/login/wechat", session)).as("a fresh state each time").isNotEqualTo(link);
	}

	@Test
	void neverPutsTheSessionIdInTheLinkToWechat() throws Exception {
		// A real request, with no cookie yet: MockMvc does not rewrite URLs as Tomcat can
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login/wechat")).build(),
					HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).startsWith(baseUrl() + "/sandbox/connect/oauth2/authorize?appid=")
					.doesNotContainIgnoringCase("jsessionid"));
		assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly"));
	}

	@Test
	void logsInWithWechatAndShowsTheUserAndTheTokensExpiryButNeverTheToken() throws Exception {
		MockHttpSession session = new MockHttpSession();
		Map<String, String> back = consent(startLogIn("/login/wechat", session), "lilei", "allow");

		this.mvc
			.perform(
					get("/callback").param("code", back.get("code")).param("state", back.get("state")).session(session))
			.andExpect(redirectedUrl("/profile"));

		String html = page("/profile", session);
		UserToken token = this.tokenStore.getToken(LILEI).orElseThrow();
		assertThat(html).contains("李雷🐼", LILEI, "Log in with WeChat", "access token expires", "snsapi_userinfo",
				"Log out");
		assertThat(html).doesNotContain(token.accessToken(), token.refreshToken());
	}

	@Test
	void silentLogInKnowsTheOpenidOnly() throws Exception {
		MockHttpSession session = new MockHttpSession();
		URI link = startLogIn("/login/silent", session);
		assertThat(query(link)).containsEntry("scope", "snsapi_base");
		// snsapi_base asks nothing: the sandbox sends the browser straight back
		Map<String, String> back = query(
				redirect(this.mvc.perform(get(URI.create(link.getRawPath() + "?" + link.getRawQuery()))).andReturn()));

		this.mvc
			.perform(
					get("/callback").param("code", back.get("code")).param("state", back.get("state")).session(session))
			.andExpect(redirectedUrl("/profile"));

		assertThat(page("/profile", session)).contains(XIAOMING, "Silent log-in", "snsapi_base", "WeChat user")
			// getFollower: xiaoming's unionid, and whether he follows the account
			.contains("id=\"follower-unionid\">oUbx4Wang_XiaoMing5Hc8MzR2dW<", "id=\"follower-subscribed\">");
	}

	@Test
	void logsInOnPcThroughTheWebsiteLoginPage() throws Exception {
		MockHttpSession session = new MockHttpSession();
		URI link = startLogIn("/login/website", session);
		assertThat(link.getPath()).isEqualTo("/sandbox/connect/qrconnect");
		Map<String, String> back = consent(link, "hanmeimei", "allow");

		this.mvc
			.perform(
					get("/callback").param("code", back.get("code")).param("state", back.get("state")).session(session))
			.andExpect(redirectedUrl("/profile"));

		assertThat(page("/profile", session)).contains("韩梅梅", "Log in on PC by scanning", "snsapi_login");
	}

	@Test
	void refusesAStateThatIsNotTheSessionsAndUsesNoCode() throws Exception {
		MockHttpSession session = new MockHttpSession();
		Map<String, String> back = consent(startLogIn("/login/wechat", session), "xiaoming", "allow");

		this.mvc.perform(get("/callback").param("code", back.get("code")).param("state", "tampered").session(session))
			.andExpect(redirectedUrl("/refused?reason=state"));

		assertThat(page("/refused?reason=state", session)).contains("This log-in was refused", "<code>state</code>")
			.doesNotContain("Log out");
		// the state was used up by the refused attempt, and the code was never exchanged
		this.mvc
			.perform(
					get("/callback").param("code", back.get("code")).param("state", back.get("state")).session(session))
			.andExpect(redirectedUrl("/refused?reason=state"));
		assertThat(this.client.getAccessToken(back.get("code")).openid()).isEqualTo(XIAOMING);
		this.mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl("/"));
	}

	@Test
	void refusesACallbackThatNoLogInStarted() throws Exception {
		this.mvc.perform(get("/callback").param("code", "anything").param("state", "anything"))
			.andExpect(redirectedUrl("/refused?reason=state"));
	}

	@Test
	void saysSoWhenTheUserDeclines() throws Exception {
		MockHttpSession session = new MockHttpSession();
		Map<String, String> back = consent(startLogIn("/login/wechat", session), "xiaoming", "deny");
		assertThat(back).doesNotContainKey("code");

		this.mvc.perform(get("/callback").param("state", back.get("state")).session(session))
			.andExpect(redirectedUrl("/refused?reason=denied"));

		assertThat(HtmlUtils.htmlUnescape(page("/refused?reason=denied", session)))
			.contains("You declined on WeChat's page", "Start again");
		assertThat(page("/refused?reason=anything", session)).as("no other reason").contains("This log-in was refused");
	}

	@Test
	void showsWhatWechatSaidWhenItRefusesTheCode() throws Exception {
		MockHttpSession session = new MockHttpSession();
		Map<String, String> back = query(startLogIn("/login/wechat", session));

		try (CapturedLogs logs = CapturedLogs.of(SamplePageAdvice.class.getName())) {
			String html = this.mvc
				.perform(
						get("/callback").param("code", "not-a-code").param("state", back.get("state")).session(session))
				.andExpect(status().isBadGateway())
				.andReturn()
				.getResponse()
				.getContentAsString();

			assertThat(html).contains("WeChat said no", "40029").doesNotContain(SandboxProperties.DEFAULT_SECRET);
			assertThat(logs.at(Level.WARN)).singleElement()
				.asString()
				.contains("A WeChat call failed", "40029")
				.doesNotContain(SandboxProperties.DEFAULT_SECRET);
		}
	}

	@Test
	void profileSendsVisitorsWhoAreNotLoggedInHome() throws Exception {
		this.mvc.perform(get("/profile")).andExpect(redirectedUrl("/"));
	}

	@Test
	void logOutEndsTheSession() throws Exception {
		MockHttpSession session = new MockHttpSession();
		Map<String, String> back = consent(startLogIn("/login/wechat", session), "xiaoming", "allow");
		this.mvc
			.perform(
					get("/callback").param("code", back.get("code")).param("state", back.get("state")).session(session))
			.andExpect(redirectedUrl("/profile"));

		this.mvc.perform(post("/logout").with(csrf()).session(session)).andExpect(redirectedUrl("/"));

		assertThat(session.isInvalid()).isTrue();
	}

	@Test
	void jsSdkPageShowsTheConfigSignedForItsOwnUrl() throws Exception {
		String html = page("/jssdk?from=singlemessage&isappinstalled=0", new MockHttpSession());

		String url = baseUrl() + "/jssdk?from=singlemessage&amp;isappinstalled=0";
		assertThat(html).contains("<code id=\"signed-url\">" + url + "</code>", "wx.config({",
				"appId: '" + SandboxProperties.DEFAULT_APPID + "'");
		assertThat(html).doesNotContain("jweixin-1.6.0.js\"", this.client.getJsApiTicket().ticket());
		String nonce = field(html, "nonceStr: '([^']+)'");
		long timestamp = Long.parseLong(field(html, "timestamp: (\\d+)"));
		assertThat(field(html, "signature: '([0-9a-f]{40})'")).isEqualTo(JsSdkSignature
			.sign(this.client.getJsApiTicket().ticket(), nonce, timestamp, url.replace("&amp;", "&")));
	}

	/** Starts a log-in and returns WeChat's authorization link, fragment included. */
	private URI startLogIn(String path, MockHttpSession session) throws Exception {
		MvcResult result = this.mvc.perform(get(path).session(session)).andExpect(status().isFound()).andReturn();
		return URI.create(result.getResponse().getRedirectedUrl());
	}

	/**
	 * Submits the sandbox's consent page as a person would, and returns the query of the
	 * redirect back to the app.
	 */
	private Map<String, String> consent(URI link, String user, String decision) throws Exception {
		Map<String, String> asked = query(link);
		MvcResult decided = this.mvc
			.perform(post(link.getPath()).with(csrf())
				.param("appid", asked.get("appid"))
				.param("redirect_uri", asked.get("redirect_uri"))
				.param("response_type", "code")
				.param("scope", asked.get("scope"))
				.param("state", asked.get("state"))
				.param("user", user)
				.param("decision", decision))
			.andReturn();
		return query(redirect(decided));
	}

	private String page(String path, MockHttpSession session) throws Exception {
		return this.mvc.perform(get(path).session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private URI redirect(MvcResult result) {
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith(baseUrl() + "/callback?");
		return URI.create(location);
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUri(uri)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name, UriUtils.decode(values.get(0), StandardCharsets.UTF_8)));
		return parameters;
	}

	private static String field(String html, String pattern) {
		Matcher matcher = Pattern.compile(pattern).matcher(html);
		assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
		return matcher.group(1);
	}

}
