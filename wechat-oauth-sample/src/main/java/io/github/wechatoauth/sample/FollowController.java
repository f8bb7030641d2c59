package io.github.wechatoauth.sample;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.qrcode.QrLoginCode;
import io.github.wechatoauth.qrcode.QrLoginStatus;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
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
 * <p>
 * Each new code is a {@code qrcode/create} call against the account's daily quota, so a
 * page reloaded while its code is valid shows the same code again, and new codes are
 * limited per session and for the whole app ({@code sample.follow.*}); beyond the limit
 * the page answers 429.
 */
@Controller
public class FollowController {

	private static final Log logger = LogFactory.getLog(FollowController.class);

	private static final String CODE_ATTRIBUTE = ShownCode.class.getName();

	/**
	 * A code with less left than this is not shown again: the user needs time to scan.
	 */
	private static final Duration MIN_TIME_LEFT = Duration.ofSeconds(30);

	private final ObjectProvider<WechatQrLogin> qrLogin;

	private final ObjectProvider<WechatMessageEndpoint> messageEndpoint;

	private final WechatOAuthClient client;

	private final Clock clock;

	private final QrCodeLimit limit;

	/**
	 * Creates the controller.
	 * @param qrLogin the scan-to-log-in flow
	 * @param messageEndpoint the message endpoint that receives the scans, if
	 * {@code wechat.token} is set
	 * @param client the app's WeChat client, to read the info of users who authorized
	 * before
	 * @param clock the application's clock, which the starter's QR log-in uses too
	 * @param properties the sample's settings, with the limits on new codes
	 */
	public FollowController(ObjectProvider<WechatQrLogin> qrLogin,
			ObjectProvider<WechatMessageEndpoint> messageEndpoint, WechatOAuthClient client,
			ObjectProvider<Clock> clock, SampleProperties properties) {
		this.qrLogin = qrLogin;
		this.messageEndpoint = messageEndpoint;
		this.client = client;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.limit = new QrCodeLimit(properties.getFollow(), this.clock);
	}

	@GetMapping("/follow")
	String follow(HttpServletRequest request, HttpServletResponse response, Model model) {
		WechatQrLogin login = this.qrLogin.getIfAvailable();
		if (login == null || this.messageEndpoint.getIfAvailable() == null) {
			// Scans reach the app only through its message endpoint.
			model.addAttribute("available", false);
			return "follow";
		}
		HttpSession session = request.getSession();
		ShownCode code = shownCode(session);
		if (code == null || code.expiresAt().isBefore(this.clock.instant().plus(MIN_TIME_LEFT))) {
			if (!this.limit.tryAcquire(session)) {
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				model.addAttribute("available", false);
				model.addAttribute("limited", true);
				return "follow";
			}
			code = ShownCode.of(login.start());
			session.setAttribute(CODE_ATTRIBUTE, code);
		}
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
		ShownCode code = (session != null) ? shownCode(session) : null;
		if (session == null || login == null || code == null) {
			return Map.of("status", "expired");
		}
		QrLoginStatus status = login.poll(code.loginId());
		if (status instanceof QrLoginStatus.Pending) {
			return Map.of("status", "pending");
		}
		session.removeAttribute(CODE_ATTRIBUTE);
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

	private static @Nullable ShownCode shownCode(HttpSession session) {
		return (session.getAttribute(CODE_ATTRIBUTE) instanceof ShownCode code) ? code : null;
	}

	/** The ticket in a {@code showqrcode?ticket=} link, decoded. */
	private static String ticketOf(String qrImageUrl) {
		String ticket = UriComponentsBuilder.fromUriString(qrImageUrl).build().getQueryParams().getFirst("ticket");
		return (ticket != null) ? UriUtils.decode(ticket, StandardCharsets.UTF_8) : "";
	}

	/**
	 * The code a session shows, kept in the session so that a reload shows it again.
	 *
	 * @param loginId the id to poll with
	 * @param qrImageUrl the link to its image
	 * @param expiresAt when it stops working
	 */
	record ShownCode(String loginId, String qrImageUrl, Instant expiresAt) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		static ShownCode of(QrLoginCode code) {
			return new ShownCode(code.loginId(), code.qrImageUrl(), code.expiresAt());
		}

	}

}
