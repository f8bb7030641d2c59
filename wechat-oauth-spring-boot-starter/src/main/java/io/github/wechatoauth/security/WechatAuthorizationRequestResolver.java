package io.github.wechatoauth.security;

import java.security.SecureRandom;
import java.util.Optional;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Resolves authorization requests as Spring Security does, and sends those of WeChat
 * registrations to WeChat's own link: {@code appid} rather than {@code client_id}, the
 * parameters in WeChat's order, {@code #wechat_redirect} at the end, built by
 * {@link WechatOAuthClient#getAuthorizeUrl}. The state of a WeChat request is 32 random
 * letters and digits (WeChat refuses the {@code -}, {@code _} and {@code =} of Spring
 * Security's own state), and Spring Security checks it on return as usual.
 * <p>
 * {@code oauth2Login()} uses the resolver bean of this type. An application that sets
 * {@code authorizationEndpoint().baseUri(..)} or a resolver of its own wraps it:
 * {@code new WechatAuthorizationRequestResolver(itsResolver, registrations)}.
 */
public final class WechatAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private static final char[] STATE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final int STATE_LENGTH = 32;

	private final SecureRandom random = new SecureRandom();

	private final OAuth2AuthorizationRequestResolver delegate;

	private final WechatClientRegistrations registrations;

	/**
	 * Creates a resolver for the default base URI, {@code /oauth2/authorization}, in
	 * front of Spring Security's {@link DefaultOAuth2AuthorizationRequestResolver}.
	 * @param clientRegistrationRepository the registrations of every provider
	 * @param registrations the WeChat registrations among them
	 */
	public WechatAuthorizationRequestResolver(ClientRegistrationRepository clientRegistrationRepository,
			WechatClientRegistrations registrations) {
		this(new DefaultOAuth2AuthorizationRequestResolver(clientRegistrationRepository,
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI), registrations);
	}

	/**
	 * Creates a resolver in front of another.
	 * @param delegate the resolver of every request, whose WeChat requests get WeChat's
	 * state and link
	 * @param registrations the WeChat registrations
	 */
	public WechatAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			WechatClientRegistrations registrations) {
		this.delegate = delegate;
		this.registrations = registrations;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return toWechat(this.delegate.resolve(request));
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return toWechat(this.delegate.resolve(request, clientRegistrationId));
	}

	private @Nullable OAuth2AuthorizationRequest toWechat(@Nullable OAuth2AuthorizationRequest request) {
		if (request == null) {
			return null;
		}
		Optional<WechatOAuthClient> client = this.registrations.findClient(request.getClientId());
		if (client.isEmpty()) {
			return request;
		}
		String registrationId = String.valueOf(request.getAttributes().get(OAuth2ParameterNames.REGISTRATION_ID));
		String redirectUri = request.getRedirectUri();
		if (redirectUri == null) {
			throw new IllegalArgumentException("Registration " + registrationId + " has no redirect URI");
		}
		Scope scope = WechatScopes.widest(request.getScopes(), "Registration " + registrationId);
		String state = state();
		String link = client.get().getAuthorizeUrl(redirectUri, state, scope);
		return AuthorizationRequests.withStateAndLink(request, state, link);
	}

	private String state() {
		char[] state = new char[STATE_LENGTH];
		for (int i = 0; i < state.length; i++) {
			state[i] = STATE_CHARACTERS[this.random.nextInt(STATE_CHARACTERS.length)];
		}
		return new String(state);
	}

}
