package io.github.wechatoauth.security;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Copies an authorization request with WeChat's state and link.
 * <p>
 * The setters of {@link OAuth2AuthorizationRequest.Builder} return {@code Builder} in
 * Spring Security 6.5 and its new {@code AbstractBuilder} in 7, so a call compiled
 * against one line fails with {@code NoSuchMethodError} on the other. This jar is
 * compiled once for both lines, so it finds the two setters by name and type instead.
 * Every other Spring Security call in this package has the same binary signature in 6.5
 * and 7.
 */
final class AuthorizationRequests {

	private static final MethodHandle STATE = setter("state");

	private static final MethodHandle AUTHORIZATION_REQUEST_URI = setter("authorizationRequestUri");

	private AuthorizationRequests() {
	}

	/**
	 * Returns a copy of an authorization request with another state and link.
	 * @param request the request that Spring Security resolved
	 * @param state the state to send and check on return
	 * @param link the whole authorization link, sent as it is
	 */
	static OAuth2AuthorizationRequest withStateAndLink(OAuth2AuthorizationRequest request, String state, String link) {
		OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.from(request);
		try {
			STATE.invokeExact(builder, state);
			AUTHORIZATION_REQUEST_URI.invokeExact(builder, link);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("OAuth2AuthorizationRequest.Builder refused a value", ex);
		}
		return builder.build();
	}

	private static MethodHandle setter(String name) {
		try {
			return MethodHandles.publicLookup()
				.unreflect(OAuth2AuthorizationRequest.Builder.class.getMethod(name, String.class))
				.asType(MethodType.methodType(void.class, OAuth2AuthorizationRequest.Builder.class, String.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			throw new IllegalStateException(
					"This Spring Security has no public OAuth2AuthorizationRequest.Builder." + name + "(String)", ex);
		}
	}

}
