package io.github.wechatoauth.autoconfigure.readme;

import java.util.Map;

import io.github.wechatoauth.qrcode.QrLoginCode;
import io.github.wechatoauth.qrcode.QrLoginStatus;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's scan-to-log-in controller: the code between the tags appears in the README
 * verbatim, which {@code ReadmeTests} checks, and {@code QrLoginAcrossInstancesTests}
 * runs it on two instances.
 */
// tag::qr-login[]
@RestController
public class QrLoginController {

	private final WechatQrLogin qrLogin;

	public QrLoginController(WechatQrLogin qrLogin) {
		this.qrLogin = qrLogin;
	}

	/** Shows a new QR code; the login id stays on the server, in the session. */
	@PostMapping("/login/qr")
	public Map<String, String> start(HttpSession session) {
		QrLoginCode code = this.qrLogin.start();
		session.setAttribute("wechatLoginId", code.loginId());
		return Map.of("qrImageUrl", code.qrImageUrl(), "expiresAt", code.expiresAt().toString());
	}

	/** Polled by the page every two seconds or so. */
	@GetMapping("/login/qr")
	public Map<String, String> poll(HttpServletRequest request) {
		HttpSession session = request.getSession();
		QrLoginStatus status = this.qrLogin.poll((String) session.getAttribute("wechatLoginId"));
		if (status instanceof QrLoginStatus.Confirmed confirmed) {
			request.changeSessionId();
			session.setAttribute("openid", confirmed.openid()); // log the user in your
																// own way
			return Map.of("status", "confirmed");
		}
		return Map.of("status", (status instanceof QrLoginStatus.Pending) ? "pending" : "expired");
	}

}
// end::qr-login[]
