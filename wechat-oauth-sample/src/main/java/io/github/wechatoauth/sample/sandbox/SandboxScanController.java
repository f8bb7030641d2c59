package io.github.wechatoauth.sample.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Simulate scan": what the sandbox does in place of a phone. {@code POST /sandbox/scan}
 * with a QR code's {@code ticket} and a test {@code user} makes WeChat's push of that
 * scan reach the app's own message endpoint, and answers, as JSON, what was pushed and
 * what the app replied.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping("/sandbox")
public class SandboxScanController {

	private final SandboxQrCodes qrCodes;

	private final SandboxUsers users;

	private final SandboxScans scans;

	private final ObjectProvider<WechatMessageEndpoint> messageEndpoint;

	private final Environment environment;

	/**
	 * Creates the controller.
	 * @param qrCodes the QR codes that can be scanned
	 * @param users the test users
	 * @param scans what pushes the scan
	 * @param messageEndpoint the app's message endpoint, if it has one
	 * @param environment where the app's port is
	 */
	public SandboxScanController(SandboxQrCodes qrCodes, SandboxUsers users, SandboxScans scans,
			ObjectProvider<WechatMessageEndpoint> messageEndpoint, Environment environment) {
		this.qrCodes = qrCodes;
		this.users = users;
		this.scans = scans;
		this.messageEndpoint = messageEndpoint;
		this.environment = environment;
	}

	@PostMapping("/scan")
	ResponseEntity<Map<String, @Nullable Object>> scan(@RequestParam(required = false) @Nullable String ticket,
			@RequestParam(required = false) @Nullable String user, HttpServletRequest request) {
		WechatMessageEndpoint endpoint = this.messageEndpoint.getIfAvailable();
		if (endpoint == null) {
			return refuse(HttpStatus.CONFLICT, "The app has no message endpoint: set wechat.token");
		}
		SandboxQrCode code = (ticket != null) ? this.qrCodes.findLive(ticket).orElse(null) : null;
		if (code == null) {
			return refuse(HttpStatus.NOT_FOUND, "No QR code with that ticket, or it has expired");
		}
		SandboxUser scanner = this.users.byKey(user).orElse(this.users.defaultUser());
		int port = this.environment.getProperty("local.server.port", Integer.class, request.getLocalPort());
		URI target = URI.create("http://localhost:" + port + request.getContextPath() + endpoint.getPath());
		SandboxScans.Push push = this.scans.scan(code, scanner, target);
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("event", push.event());
		answer.put("eventKey", push.eventKey());
		answer.put("openid", push.openid());
		answer.put("nickname", scanner.nickname());
		answer.put("safeMode", push.encrypted());
		answer.put("status", push.status());
		answer.put("reply", push.reply());
		return ResponseEntity.ok(answer);
	}

	private static ResponseEntity<Map<String, @Nullable Object>> refuse(HttpStatus status, String message) {
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("error", message);
		return ResponseEntity.status(status).body(answer);
	}

}
