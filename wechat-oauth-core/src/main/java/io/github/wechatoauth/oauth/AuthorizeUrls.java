package io.github.wechatoauth.oauth;

import java.util.regex.Pattern;

import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.UriEncoding;

/**
 * Builds the links that send a browser to WeChat's authorization pages. WeChat matches
 * these links strictly, so the parameters always come in the documented order and end
 * with {@code #wechat_redirect}.
 */
public final class AuthorizeUrls {

	private static final Pattern STATE = Pattern.compile("[A-Za-z0-9]{1,128}");

	private final String appId;

	private final String openBaseUrl;

	/**
	 * Creates the link builder of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's appid and base URLs
	 */
	public AuthorizeUrls(ClientContext context) {
		this.appId = context.appId();
		this.openBaseUrl = stripTrailingSlash(context.openBaseUrl());
	}

	/**
	 * Returns the Official Account authorization link ({@code connect/oauth2/authorize}),
	 * opened inside WeChat. {@link Scope#SNSAPI_LOGIN} gives the website QR login link
	 * instead, as {@link #forWebsite} does.
	 * @param redirectUri where WeChat sends the browser back, with {@code code} and
	 * {@code state}; its domain must be the one configured for the account
	 * @param state an opaque value checked on return against CSRF: 1 to 128 characters of
	 * {@code a-zA-Z0-9}
	 * @param scope the scope to ask for
	 * @return the link
	 * @throws IllegalArgumentException if an argument breaks its rule
	 */
	public String forOfficialAccount(String redirectUri, String state, Scope scope) {
		Arguments.requireNonNull(scope, "scope");
		if (scope == Scope.SNSAPI_LOGIN) {
			return forWebsite(redirectUri, state);
		}
		return link("connect/oauth2/authorize", redirectUri, state, scope);
	}

	/**
	 * Returns the website QR login link ({@code connect/qrconnect}, scope
	 * {@code snsapi_login}) of an Open Platform website application, opened in a desktop
	 * browser.
	 * @param redirectUri where WeChat sends the browser back; if the user refuses, only
	 * {@code state} comes back
	 * @param state an opaque value checked on return against CSRF: 1 to 128 characters of
	 * {@code a-zA-Z0-9}
	 * @return the link
	 * @throws IllegalArgumentException if an argument breaks its rule
	 */
	public String forWebsite(String redirectUri, String state) {
		return link("connect/qrconnect", redirectUri, state, Scope.SNSAPI_LOGIN);
	}

	private String link(String path, String redirectUri, String state, Scope scope) {
		Arguments.requireHttpUrl(redirectUri, "redirectUri");
		Arguments.requireMatch(state, "state", STATE, "1 to 128 characters of a-zA-Z0-9 (WeChat refuses others)");
		return this.openBaseUrl + "/" + path + "?appid=" + UriEncoding.encodeUriComponent(this.appId) + "&redirect_uri="
				+ UriEncoding.encodeUriComponent(redirectUri) + "&response_type=code&scope=" + scope.value() + "&state="
				+ state + "#wechat_redirect";
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
