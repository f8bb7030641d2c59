package io.github.wechatoauth.sample.sandbox;

import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.sample.SampleApplication;
import io.github.wechatoauth.testsupport.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample on a random port with a clock the tests move, and gives them the real
 * SDK pointed at the sandbox, plain HTTP for what the SDK does not do, and a browser's
 * part of the consent page. All test classes share one application context.
 */
@SpringBootTest(classes = { SampleApplication.class, SandboxTestSupport.ClockConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		// As on a machine without real credentials, even where a developer exported
		// WECHAT_APPID, which is wechat.appid by relaxed binding
		properties = { "wechat.appid=" + SandboxProperties.DEFAULT_APPID,
				"wechat.secret=" + SandboxProperties.DEFAULT_SECRET,
				"logging.level.io.github.wechatoauth.sample.sandbox.SandboxExposure=error" })
abstract class SandboxTestSupport {

	static final ObjectMapper json = new ObjectMapper();

	private static final Pattern HIDDEN_INPUT = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"\\s*/?>");

	private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");

	@Value("${local.server.port}")
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxProperties properties;

	@Autowired
	SandboxStats stats;

	@Autowired
	SandboxUsers users;

	/**
	 * Plain HTTP that does not follow redirects and does not fail on 4xx, and keeps
	 * cookies as a browser does: the consent form's CSRF token belongs to the session.
	 */
	final RestClient http = RestClient.builder()
		.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager())
			.build()))
		.build();

	String sandboxUrl() {
		return "http://localhost:" + this.port + "/sandbox";
	}

	String callbackUrl() {
		return "http://localhost:" + this.port + "/callback";
	}

	WechatOAuthClient client() {
		return client(this.properties.getAppid(), this.properties.getSecret());
	}

	WechatOAuthClient client(String appId, String secret) {
		return WechatOAuthClient.builder()
			.appId(appId)
			.appSecret(secret)
			.apiBaseUrl(sandboxUrl())
			.openBaseUrl(sandboxUrl())
			.mpBaseUrl(sandboxUrl())
			.clock(this.clock)
			.build();
	}

	/**
	 * GETs a URL as a browser would: without the fragment, which never reaches a server.
	 */
	Answer get(String url) {
		int hash = url.indexOf('#');
		String target = (hash >= 0) ? url.substring(0, hash) : url;
		return this.http.get().uri(UriComponentsBuilder.fromUriString(target).build(true).toUri()).exchange(Answer::of);
	}

	Answer postJson(String url, String body) {
		return this.http.post()
			.uri(UriComponentsBuilder.fromUriString(url).build(true).toUri())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange(Answer::of);
	}

	/**
	 * Opens the consent page of an authorization link and submits it as a person would.
	 * @return the redirect's query parameters
	 */
	Map<String, String> consent(String authorizeUrl, String userKey, String decision) {
		Answer page = get(authorizeUrl);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		String html = page.text();
		Matcher action = FORM_ACTION.matcher(html);
		assertThat(action.find()).as("the consent form in %s", html).isTrue();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		Matcher hidden = HIDDEN_INPUT.matcher(html);
		while (hidden.find()) {
			form.add(hidden.group(1), HtmlUtils.htmlUnescape(hidden.group(2)));
		}
		assertThat(html).contains("name=\"user\" value=\"" + userKey + "\"");
		form.add("user", userKey);
		form.add("decision", decision);
		Answer redirect = this.http.post()
			.uri("http://localhost:" + this.port + HtmlUtils.htmlUnescape(action.group(1)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.exchange(Answer::of);
		return redirectParameters(redirect);
	}

	/** Reads the query of a redirect back to {@link #callbackUrl()}. */
	Map<String, String> redirectParameters(Answer redirect) {
		assertThat(redirect.status()).isEqualTo(302);
		String location = redirect.headers().getFirst(HttpHeaders.LOCATION);
		assertThat(location).startsWith(callbackUrl() + "?");
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(location)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name, values.get(0)));
		return parameters;
	}

	/** Authorizes a user through the consent page and returns the code. */
	String authorize(WechatOAuthClient client, String userKey, Scope scope) {
		Map<String, String> back = consent(client.getAuthorizeUrl(callbackUrl(), "st4te", scope), userKey, "allow");
		assertThat(back).containsEntry("state", "st4te").containsKey("code");
		return back.get("code");
	}

	SandboxUser user(String key) {
		return this.users.byKey(key).orElseThrow();
	}

	/** What the sandbox answered. */
	record Answer(int status, HttpHeaders headers, byte[] body) {

		static Answer of(org.springframework.http.HttpRequest request,
				RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) throws IOException {
			return new Answer(response.getStatusCode().value(), response.getHeaders(),
					response.getBody().readAllBytes());
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() throws IOException {
			return SandboxTestSupport.json.readTree(this.body);
		}

		String contentType() {
			String type = this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
			return (type != null) ? type : "";
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
		}

	}

}
