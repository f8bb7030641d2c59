package io.github.wechatoauth.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What makes the sample safe to copy: security headers on every page, CSRF tokens on
 * every state-changing form, and links back to the app built from
 * {@code sample.base-url}, whatever {@code Host} the request names.
 */
class SecurityTests extends SampleAppTestSupport {

	@Test
	void pagesSendSecurityHeadersWithAPolicyThatAllowsNoInlineScript() throws Exception {
		for (String path : List.of("/", "/follow", "/jssdk", "/refused", "/nowhere",
				"/sandbox/connect/oauth2/authorize?appid=x")) {
			MockHttpServletResponse response = this.mvc.perform(get(URI.create(path))).andReturn().getResponse();

			String policy = response.getHeader("Content-Security-Policy");
			assertThat(policy).as(path)
				.contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'",
						"object-src 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
			assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
			assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
			assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("same-origin");
		}
	}

	@Test
	void imagesMayComeFromWhereWechatServesQrCodesAndAvatars() throws Exception {
		assertThat(this.mvc.perform(get("/")).andReturn().getResponse().getHeader("Content-Security-Policy"))
			.contains("img-src 'self' data: " + baseUrl() + " https://*.qlogo.cn;");
	}

	@Test
	void templatesHoldNoInlineScriptOrStyle() throws IOException {
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter((path) -> path.toString().endsWith(".html")).toList()) {
				String html = Files.readString(template, StandardCharsets.UTF_8);
				assertThat(html).as(template.toString())
					.doesNotContain("<style", " style=", "javascript:")
					.doesNotContainPattern("<script(?![^>]*\\bth:src=)")
					.doesNotContainPattern("\\son[a-z]+=");
			}
		}
	}

	@Test
	void logOutWithoutTheCsrfTokenIsRefusedAndKeepsTheSession() throws Exception {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("kept", true);

		this.mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
		this.mvc.perform(post("/logout").with(csrf().useInvalidToken()).session(session))
			.andExpect(status().isForbidden());

		assertThat(session.isInvalid()).isFalse();
		this.mvc.perform(post("/logout").with(csrf()).session(session)).andExpect(status().isFound());
		assertThat(session.isInvalid()).isTrue();
	}

	@Test
	void sandboxFormsNeedTheCsrfTokenAndItsApiDoesNot() throws Exception {
		this.mvc.perform(post("/sandbox/scan").param("ticket", "unknown").param("user", "lilei"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/sandbox/connect/oauth2/authorize").param("decision", "allow"))
			.andExpect(status().isForbidden());
		// what WeChat's API answers to no credentials, not a CSRF refusal
		this.mvc.perform(post("/sandbox/cgi-bin/qrcode/create").content("{}")).andExpect(status().isOk());
	}

	@Test
	void formsCarryTheCsrfToken() throws Exception {
		MockHttpSession session = new MockHttpSession();
		String follow = this.mvc.perform(get("/follow").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(follow).containsPattern("<form id=\"simulate\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\"")
			.containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
	}

	@Test
	void theRedirectUriComesFromTheBaseUrlNotFromTheHostHeader() throws Exception {
		for (String path : List.of("/login/wechat", "/login/silent", "/login/website")) {
			String location = this.mvc.perform(get(path).with(forgedHost()))
				.andExpect(status().isFound())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();

			String redirectUri = UriComponentsBuilder.fromUriString(location)
				.build()
				.getQueryParams()
				.getFirst("redirect_uri");
			assertThat(UriUtils.decode(redirectUri, StandardCharsets.UTF_8)).as(path)
				.isEqualTo(baseUrl() + "/callback");
			assertThat(location).doesNotContain("evil.example");
		}
	}

	@Test
	void theJsSdkSignsTheBaseUrlNotTheHostHeader() throws Exception {
		String html = this.mvc.perform(get("/jssdk?a=1").with(forgedHost()))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("<code id=\"signed-url\">" + baseUrl() + "/jssdk?a=1</code>")
			.doesNotContain("evil.example");
	}

	/** A request whose Host header (and so server name) an attacker chose. */
	private static RequestPostProcessor forgedHost() {
		return (request) -> {
			request.addHeader("Host", "evil.example:8443");
			request.setServerName("evil.example");
			request.setServerPort(8443);
			request.setScheme("https");
			return request;
		};
	}

}
