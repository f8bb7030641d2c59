package io.github.wechatoauth.sample.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * WeChat's authorization pages: {@code connect/oauth2/authorize} (Official Account, in
 * WeChat) and {@code connect/qrconnect} (website login, where a phone scans a QR code).
 * The sandbox shows one consent page for both, where a person picks a test user and
 * allows or denies.
 * <ul>
 * <li>The request is checked like WeChat checks it, and a bad one gets an error page with
 * WeChat's code: 10012 no appid, 40013 another appid, 10011 no redirect_uri, 10003 a
 * redirect_uri outside {@code sample.sandbox.redirect-hosts}, 10010 no scope, 10005 a
 * scope the page does not take, 10013 no state.</li>
 * <li>{@code snsapi_base} is silent: the browser goes straight back with a code for the
 * default user.</li>
 * <li>Allow sends the browser to {@code redirect_uri?code=CODE&state=STATE}.</li>
 * <li>Deny sends it to {@code redirect_uri?state=STATE}, with no code. That is what
 * WeChat documents for website login; in the Official Account flow WeChat may instead
 * leave the user on its page, which a test cannot observe, so the sandbox redirects the
 * same way and lets the app show its refusal.</li>
 * </ul>
 */
@Controller
@ConditionalOnSandbox
@RequestMapping("/sandbox")
public class SandboxAuthorizeController {

	private final SandboxProperties properties;

	private final SandboxUsers users;

	private final SandboxOAuth oauth;

	private final SandboxStats stats;

	/**
	 * Creates the controller.
	 * @param properties the sandbox's app
	 * @param users the test users
	 * @param oauth where codes are issued
	 * @param stats the request counts
	 */
	public SandboxAuthorizeController(SandboxProperties properties, SandboxUsers users, SandboxOAuth oauth,
			SandboxStats stats) {
		this.properties = properties;
		this.users = users;
		this.oauth = oauth;
		this.stats = stats;
	}

	@GetMapping("/connect/oauth2/authorize")
	ModelAndView authorize(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(name = "redirect_uri", required = false) @Nullable String redirectUri,
			@RequestParam(required = false) @Nullable String scope,
			@RequestParam(required = false) @Nullable String state) {
		return consentPage(check(Flow.OFFICIAL_ACCOUNT, appid, redirectUri, scope, state));
	}

	@GetMapping("/connect/qrconnect")
	ModelAndView qrConnect(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(name = "redirect_uri", required = false) @Nullable String redirectUri,
			@RequestParam(required = false) @Nullable String scope,
			@RequestParam(required = false) @Nullable String state) {
		return consentPage(check(Flow.WEBSITE, appid, redirectUri, scope, state));
	}

	@PostMapping("/connect/oauth2/authorize")
	ModelAndView decideAuthorize(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(name = "redirect_uri", required = false) @Nullable String redirectUri,
			@RequestParam(required = false) @Nullable String scope,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String user,
			@RequestParam(required = false) @Nullable String decision) {
		return decide(check(Flow.OFFICIAL_ACCOUNT, appid, redirectUri, scope, state), user, decision);
	}

	@PostMapping("/connect/qrconnect")
	ModelAndView decideQrConnect(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(name = "redirect_uri", required = false) @Nullable String redirectUri,
			@RequestParam(required = false) @Nullable String scope,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String user,
			@RequestParam(required = false) @Nullable String decision) {
		return decide(check(Flow.WEBSITE, appid, redirectUri, scope, state), user, decision);
	}

	/**
	 * A test user's avatar, the {@code headimgurl} of {@code sns/userinfo}: a drawn
	 * circle with the user's initials, so that pages need no network. The last path
	 * segment is the size, as at WeChat (0 is 640 pixels).
	 */
	@GetMapping("/avatar/{key}/{size}")
	ResponseEntity<String> avatar(@PathVariable String key, @PathVariable int size) {
		return this.users.byKey(key).map((user) -> {
			int pixels = (size > 0 && size <= 640) ? size : 640;
			String svg = """
					<svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="%1$d" viewBox="0 0 100 100">\
					<rect width="100" height="100" fill="%2$s"/>\
					<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="40" \
					fill="#fff">%3$s</text></svg>
					""".formatted(pixels, user.color(), HtmlUtils.htmlEscape(user.initials()));
			return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).body(svg);
		}).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
	}

	@ExceptionHandler(WechatErrorException.class)
	ModelAndView error(WechatErrorException ex, HttpServletRequest request) {
		WechatError error = ex.getError();
		this.stats.countError(SandboxStats.endpointOf(request), error.code());
		ModelAndView page = new ModelAndView("sandbox/error");
		page.addObject("code", error.code());
		page.addObject("message", error.message());
		return page;
	}

	private ModelAndView consentPage(Request request) {
		if (request.scope().equals("snsapi_base")) {
			return redirect(request,
					this.oauth.issueCode(this.users.defaultUser(), request.scope(), request.flow().codeLifetime));
		}
		ModelAndView page = new ModelAndView("sandbox/authorize");
		page.addObject("website", request.flow() == Flow.WEBSITE);
		page.addObject("action", "/sandbox/" + request.flow().path);
		page.addObject("appid", request.appid());
		page.addObject("redirectUri", request.redirectUri());
		page.addObject("redirectHost", request.redirectHost());
		page.addObject("scope", request.scope());
		page.addObject("state", request.state());
		page.addObject("users", this.users.all());
		return page;
	}

	private ModelAndView decide(Request request, @Nullable String userKey, @Nullable String decision) {
		if (!"allow".equals(decision)) {
			return redirect(request, null);
		}
		SandboxUser user = this.users.byKey(userKey).orElse(this.users.defaultUser());
		return redirect(request, this.oauth.issueCode(user, request.scope(), request.flow().codeLifetime));
	}

	private static ModelAndView redirect(Request request, @Nullable String code) {
		StringBuilder query = new StringBuilder();
		if (code != null) {
			query.append("code=").append(code).append('&');
		}
		query.append("state=").append(UriUtils.encodeQueryParam(request.state(), StandardCharsets.UTF_8));
		String target = request.redirectUri();
		String fragment = "";
		int hash = target.indexOf('#');
		if (hash >= 0) {
			fragment = target.substring(hash);
			target = target.substring(0, hash);
		}
		target = target + (target.contains("?") ? "&" : "?") + query + fragment;
		RedirectView view = new RedirectView(target);
		view.setExposeModelAttributes(false);
		view.setExpandUriTemplateVariables(false);
		view.setStatusCode(HttpStatus.FOUND);
		return new ModelAndView(view);
	}

	private Request check(Flow flow, @Nullable String appid, @Nullable String redirectUri, @Nullable String scope,
			@Nullable String state) {
		if (appid == null || appid.isBlank()) {
			throw WechatError.APPID_EMPTY.exception();
		}
		if (!appid.equals(this.properties.getAppid())) {
			throw WechatError.INVALID_APPID.exception();
		}
		if (redirectUri == null || redirectUri.isBlank()) {
			throw WechatError.REDIRECT_URI_EMPTY.exception();
		}
		String host = redirectHost(redirectUri);
		if (scope == null || scope.isBlank()) {
			throw WechatError.SCOPE_EMPTY.exception();
		}
		if (!flow.scopes.contains(scope)) {
			throw WechatError.SCOPE_NOT_PERMITTED.exception();
		}
		if (state == null || state.isBlank()) {
			throw WechatError.STATE_EMPTY.exception();
		}
		return new Request(flow, appid, redirectUri, host, scope, state);
	}

	private String redirectHost(String redirectUri) {
		try {
			URI uri = new URI(redirectUri);
			String scheme = uri.getScheme();
			String host = uri.getHost();
			if (scheme != null && host != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					&& this.properties.getRedirectHosts()
						.stream()
						.anyMatch((allowed) -> allowed.trim().equalsIgnoreCase(host))) {
				return host.toLowerCase(Locale.ROOT);
			}
		}
		catch (URISyntaxException ex) {
			// refused below
		}
		throw WechatError.REDIRECT_URI_MISMATCH.exception();
	}

	private enum Flow {

		OFFICIAL_ACCOUNT("connect/oauth2/authorize", Set.of("snsapi_base", "snsapi_userinfo"),
				SandboxOAuth.CODE_LIFETIME),

		WEBSITE("connect/qrconnect", Set.of("snsapi_login"), SandboxOAuth.WEBSITE_CODE_LIFETIME);

		final String path;

		@SuppressWarnings("ImmutableEnumChecker") // Set.of is unmodifiable
		final Set<String> scopes;

		final Duration codeLifetime;

		Flow(String path, Set<String> scopes, Duration codeLifetime) {
			this.path = path;
			this.scopes = scopes;
			this.codeLifetime = codeLifetime;
		}

	}

	private record Request(Flow flow, String appid, String redirectUri, String redirectHost, String scope,
			String state) {

	}

}
