package io.github.wechatoauth.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.github.wechatoauth.sample.sandbox.SandboxProperties;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * Runs the whole sample, sandbox on, as {@code spring-boot:run} does: on a port chosen
 * before start-up, because the app reaches the sandbox through
 * {@code http://localhost:${server.port}/sandbox} (a random port would be 0 in that
 * link). The clock is the system's, since the message endpoint judges the sandbox's push
 * timestamps by it. MockMvc runs Spring Security's filters, so a POST needs its CSRF
 * token. Every subclass shares one application context.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.DEFINED_PORT,
		// As on a machine without real credentials, even where a developer exported
		// WECHAT_APPID or WECHAT_AES_KEY
		properties = { "wechat.appid=" + SandboxProperties.DEFAULT_APPID,
				"wechat.secret=" + SandboxProperties.DEFAULT_SECRET,
				"wechat.encoding-aes-key=" + SandboxProperties.DEFAULT_ENCODING_AES_KEY,
				// SandboxExposureTests pins the start-up WARN down; the build stays quiet
				"logging.level.io.github.wechatoauth.sample.sandbox.SandboxExposure=error" })
abstract class SampleAppTestSupport {

	static final int PORT = freePort();

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeEach
	void setUpMockMvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	String baseUrl() {
		return "http://localhost:" + PORT;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
