package io.github.wechatoauth.sample;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.clients.WechatOAuthClients;
import io.github.wechatoauth.oauth.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Web authorization: sends the browser to WeChat with a fresh {@code state} kept in the
 * session, and takes it back at {@code /callback}, where a {@code state} that is not the
 * session's, or a refusal (no {@code code}), ends on a page that says so
 * ({@code /refused}). The {@code redirect_uri} is {@code sample.base-url} followed by
 * {@code /callback}: never built from the request's {@code Host} header, which the
 * browser (or anyone in front of it) chooses.
 */
@Controller
public class LoginController {

	private static final String PENDING_ATTRIBUTE = PendingAuthorization.class.getName();

	private static final int STATE_LENGTH = 32;

	private final WechatOAuthClient client;

	private final WechatOAuthClient website;

	private final String callbackUrl;

	/**
	 * Creates the controller.
	 * @param client the app's WeChat client
	 * @param clients the accounts' clients, whose website application (of
	 * {@code wechat.website.*}) serves "Log in on PC by scanning"
	 * @param properties the sample's settings, with the base URL
	 */
	public LoginController(WechatOAuthClient client, ObjectProvider<WechatOAuthClients> clients,
			SampleProperties properties) {
		this.client = client;
		// The page offers PC-scan log-in only when the website application is configured.
		WechatOAuthClients accounts = clients.getIfAvailable();
		this.website = (accounts != null) ? accounts.getWebsite().orElse(client) : client;
		this.callbackUrl = UriComponentsBuilder.fromUri(properties.getBaseUrl()).path("/callback").toUriString();
	}

	@GetMapping("/login/wechat")
	String logInWithWechat(HttpServletRequest request) {
		return authorize(request, LoginMethod.WECHAT);
	}

	@GetMapping("/login/silent")
	String logInSilently(HttpServletRequest request) {
		return authorize(request, LoginMethod.SILENT);
	}

	@GetMapping("/login/website")
	String logInOnWebsite(HttpServletRequest request) {
		return authorize(request, LoginMethod.WEBSITE);
	}

	@GetMapping("/callback")
	String callback(@RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String state, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		PendingAuthorization pending = null;
		if (session != null && session.getAttribute(PENDING_ATTRIBUTE) instanceof PendingAuthorization found) {
			pending = found;
			// One state, one use: a replayed callback finds none.
			session.removeAttribute(PENDING_ATTRIBUTE);
		}
		// Refusals redirect, as Spring Security's login does, so that the callback's
		// link, code included, leaves the address bar.
		if (pending == null || !pending.matches(state)) {
			return "redirect:/refused?reason=state";
		}
		if (code == null || code.isEmpty()) {
			return "redirect:/refused?reason=denied";
		}
		LoginMethod method = pending.method();
		SignedInUser user = (method == LoginMethod.SILENT)
				? SignedInUser.of(this.client.getAccessToken(code).openid(), method)
				: SignedInUser.of(clientFor(method).getUserByCode(code), method);
		user.signIn(request);
		return "redirect:/profile";
	}

	@GetMapping("/refused")
	String refused(@RequestParam(required = false) @Nullable String reason, Model model) {
		model.addAttribute("reason", "denied".equals(reason) ? "denied" : "state");
		return "refused";
	}

	private String authorize(HttpServletRequest request, LoginMethod method) {
		String state = RandomStrings.alphanumeric(STATE_LENGTH);
		request.getSession().setAttribute(PENDING_ATTRIBUTE, new PendingAuthorization(state, method));
		String callback = this.callbackUrl;
		String link = switch (method) {
			case WECHAT -> this.client.getAuthorizeUrl(callback, state, Scope.SNSAPI_USERINFO);
			case SILENT -> this.client.getAuthorizeUrl(callback, state, Scope.SNSAPI_BASE);
			case WEBSITE -> this.website.getAuthorizeUrlForWebsite(callback, state);
			case FOLLOW -> throw new IllegalArgumentException("Follow to log in has no authorization link");
		};
		return "redirect:" + link;
	}

	/**
	 * The website application's client for PC-scan log-in, the app's client otherwise.
	 */
	private WechatOAuthClient clientFor(LoginMethod method) {
		return (method == LoginMethod.WEBSITE) ? this.website : this.client;
	}

	/**
	 * An authorization under way: the {@code state} sent to WeChat, and what it is for.
	 */
	record PendingAuthorization(String state, LoginMethod method) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		/** Compares in constant time, as for any secret. */
		boolean matches(@Nullable String returned) {
			return returned != null && MessageDigest.isEqual(this.state.getBytes(StandardCharsets.UTF_8),
					returned.getBytes(StandardCharsets.UTF_8));
		}

	}

}
