package io.github.wechatoauth.sample;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.qrcode.QrLoginCode;
import io.github.wechatoauth.qrcode.QrLoginStatus;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * "Follow to log in": shows a log-in QR code from {@link WechatQrLogin} and logs the
 * browser in once a WeChat user has scanned it. The page polls {@code /follow/status},
 * which answers {@code pending}, {@code expired}, or {@code confirmed} once the message
 * endpoint has received the scan, and then logs the scanner in. The login id stays in the
 * session, never in the page.
 */
@Controller
public class FollowController {

	private static final Log logger = LogFactory.getLog(FollowController.class);

	private static final String LOGIN_ID_ATTRIBUTE = FollowController.class.getName() + ".loginId";

	private final ObjectProvider<WechatQrLogin> qrLogin;

	private final ObjectProvider<WechatMessageEndpoint> messageEndpoint;

	private final WechatOAuthClient client;

	private final Clock clock;

	/**
	 * Creates the controller.
	 * @param qrLogin the scan-to-log-in flow
	 * @param messageEndpoint the message endpoint that receives the scans, if
	 * {@code wechat.token} is set
	 * @param client the app's WeChat client, to read the info of users who authorized
	 * before
	 * @param clock the application's clock, which the starter's QR log-in uses too
	 */
	public FollowController(ObjectProvider<WechatQrLogin> qrLogin,
			ObjectProvider<WechatMessageEndpoint> messageEndpoint, WechatOAuthClient client,
			ObjectProvider<Clock> clock) {
		this.qrLogin = qrLogin;
		this.messageEndpoint = messageEndpoint;
		this.client = client;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@GetMapping("/follow")
	String follow(HttpServletRequest request, Model model) {
		WechatQrLogin login = this.qrLogin.getIfAvailable();
		if (login == null || this.messageEndpoint.getIfAvailable() == null) {
			// Scans reach the app only through its message endpoint.
			model.addAttribute("available", false);
			return "follow";
		}
		QrLoginCode code = login.start();
		request.getSession().setAttribute(LOGIN_ID_ATTRIBUTE, code.loginId());
		model.addAttribute("available", true);
		model.addAttribute("qrImageUrl", code.qrImageUrl());
		model.addAttribute("ticket", ticketOf(code.qrImageUrl()));
		long seconds = Duration.between(this.clock.instant(), code.expiresAt()).toSeconds();
		model.addAttribute("expiresInMinutes", Math.max(1, (seconds + 59) / 60));
		return "follow";
	}

	@GetMapping(path = "/follow/status", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, String> status(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		WechatQrLogin login = this.qrLogin.getIfAvailable();
		if (session == null || login == null || !(session.getAttribute(LOGIN_ID_ATTRIBUTE) instanceof String loginId)) {
			return Map.of("status", "expired");
		}
		QrLoginStatus status = login.poll(loginId);
		if (status instanceof QrLoginStatus.Pending) {
			return Map.of("status", "pending");
		}
		session.removeAttribute(LOGIN_ID_ATTRIBUTE);
		if (status instanceof QrLoginStatus.Confirmed confirmed) {
			userOf(confirmed.openid()).signIn(request);
			return Map.of("status", "confirmed", "next", request.getContextPath() + "/profile");
		}
		return Map.of("status", "expired");
	}

	/**
	 * A scan gives the openid only; the nickname is known if the user authorized the app
	 * before and their token is in the store.
	 */
	private SignedInUser userOf(String openid) {
		try {
			return SignedInUser.of(this.client.getUser(openid), LoginMethod.FOLLOW);
		}
		catch (WechatException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Logged a scanner in by openid only: " + ex.getMessage());
			}
			return SignedInUser.of(openid, LoginMethod.FOLLOW);
		}
	}

	/** The ticket in a {@code showqrcode?ticket=} link, decoded. */
	private static String ticketOf(String qrImageUrl) {
		String ticket = UriComponentsBuilder.fromUriString(qrImageUrl).build().getQueryParams().getFirst("ticket");
		return (ticket != null) ? UriUtils.decode(ticket, StandardCharsets.UTF_8) : "";
	}

}
