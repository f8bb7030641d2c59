package io.github.wechatoauth.sample.sandbox;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.sample.SampleApplication;
import io.github.wechatoauth.sample.sandbox.SandboxExposure.SandboxExposedException;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While the sandbox is on, anyone who reaches the app can log in as any test user: the
 * app says so once at start-up and listens on a loopback address only, unless
 * {@code sample.sandbox.public=true}.
 */
class SandboxExposureTests {

	@Test
	void warnsOnceThatAnyoneCanLogInAsAnyTestUser() {
		try (CapturedLogs logs = CapturedLogs.of(SandboxExposure.class.getName())) {
			check(Map.of("server.address", "127.0.0.1"));

			assertThat(logs.at(Level.WARN)).singleElement()
				.asString()
				.contains("The WeChat sandbox is on",
						"anyone who can open this app can log in as any of its test users", "王小明",
						"listens on 127.0.0.1", "WECHAT_APPID");
		}
	}

	@Test
	void startsOnAnyLoopbackAddress() {
		try (CapturedLogs logs = CapturedLogs.of(SandboxExposure.class.getName())) {
			check(Map.of("server.address", "localhost"));
			check(Map.of("server.address", "::1"));
			check(Map.of("server.address", "127.0.0.2"));

			assertThat(logs.at(Level.WARN)).hasSize(3);
		}
	}

	@Test
	void refusesToListenOnEveryInterfaceOrAnotherAddress() {
		List<Map<String, Object>> refused = List.of(Map.of(), Map.of("server.address", "0.0.0.0"),
				Map.of("server.address", "192.0.2.10"),
				Map.of("server.address", "0.0.0.0", SandboxExposure.PUBLIC_PROPERTY, "false"));
		for (Map<String, Object> properties : refused) {
			try (CapturedLogs logs = CapturedLogs.of(SandboxExposure.class.getName())) {
				assertThatExceptionOfType(SandboxExposedException.class).as("%s", properties)
					.isThrownBy(() -> check(properties))
					.withMessageContaining("The WeChat sandbox is on, and server.address=")
					.withMessageContaining("is not a loopback address")
					.withMessageContaining("sample.sandbox.public=true");
				assertThat(logs.at(Level.WARN)).isEmpty();
			}
		}
	}

	@Test
	void listensAnywhereWhenThePublicSandboxIsAllowedAndStillWarns() {
		try (CapturedLogs logs = CapturedLogs.of(SandboxExposure.class.getName())) {
			check(Map.of("server.address", "0.0.0.0", SandboxExposure.PUBLIC_PROPERTY, "true"));

			assertThat(logs.at(Level.WARN)).singleElement().asString().contains("listens on 0.0.0.0");
		}
	}

	@Test
	void theAppDoesNotStartOnAPublicAddress() {
		// Logging off: the failure report is the analyzer's, pinned down below
		assertThatThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class).bannerMode(Banner.Mode.OFF)
			.run("--server.port=0", "--server.address=0.0.0.0", "--logging.level.root=off",
					"--wechat.appid=" + SandboxProperties.DEFAULT_APPID,
					"--wechat.secret=" + SandboxProperties.DEFAULT_SECRET))
			.hasRootCauseInstanceOf(SandboxExposedException.class);
	}

	@Test
	void theFailureAnalyzerIsRegistered() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (type, name, failure) -> {
			})).hasAtLeastOneElementOfType(SandboxExposureFailureAnalyzer.class);
	}

	@Test
	void failureAnalysisSaysWhatToDo() {
		FailureAnalysis analysis = new SandboxExposureFailureAnalyzer()
			.analyze(new IllegalStateException(new SandboxExposedException(null)));

		assertThat(analysis.getDescription()).contains("listen on every network interface", "any test user");
		assertThat(analysis.getAction()).contains("server.address=127.0.0.1", "WECHAT_APPID and WECHAT_SECRET",
				"sample.sandbox.public=true");
	}

	private static void check(Map<String, Object> properties) {
		MockEnvironment environment = new MockEnvironment();
		properties.forEach((name, value) -> environment.setProperty(name, value.toString()));
		new SandboxExposure(environment, new SandboxUsers()).afterPropertiesSet();
	}

}
