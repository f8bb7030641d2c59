package io.github.wechatoauth.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.StringUtils;

/**
 * Exchanges the code of a WeChat registration through
 * {@link WechatOAuthClient#getAccessToken(String)} ({@code sns/oauth2/access_token}), so
 * that the user's token lands in the account's {@link TokenStore}, and hands every other
 * registration to another client, Spring Security's
 * {@link RestClientAuthorizationCodeTokenResponseClient} by default. The response carries
 * WeChat's {@code openid} (and {@code unionid}, when there is one) as additional
 * parameters, which {@link WechatOAuth2UserService} reads.
 */
public final class WechatAccessTokenResponseClient
		implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	/** Name of the additional parameter that holds the user's openid. */
	public static final String OPENID = "openid";

	/**
	 * Name of the additional parameter that holds the user's unionid, when WeChat sent
	 * one.
	 */
	public static final String UNIONID = "unionid";

	/**
	 * Name of the additional parameter that is {@code true} when WeChat marked the user a
	 * snapshot user ({@code is_snapshotuser=1}); absent otherwise.
	 */
	public static final String SNAPSHOT_USER = "is_snapshotuser";

	/** Spring Security's error code for a token response it cannot use. */
	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private final WechatClientRegistrations registrations;

	private final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> delegate;

	/**
	 * Creates a client that hands other registrations to Spring Security's
	 * {@link RestClientAuthorizationCodeTokenResponseClient}.
	 * @param registrations the WeChat registrations
	 */
	public WechatAccessTokenResponseClient(WechatClientRegistrations registrations) {
		this(registrations, new RestClientAuthorizationCodeTokenResponseClient());
	}

	/**
	 * Creates a client.
	 * @param registrations the WeChat registrations
	 * @param delegate the client of every other registration
	 */
	public WechatAccessTokenResponseClient(WechatClientRegistrations registrations,
			OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> delegate) {
		this.registrations = registrations;
		this.delegate = delegate;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest grantRequest) {
		Optional<WechatOAuthClient> client = this.registrations.findClient(grantRequest.getClientRegistration());
		if (client.isEmpty()) {
			return this.delegate.getTokenResponse(grantRequest);
		}
		String code = grantRequest.getAuthorizationExchange().getAuthorizationResponse().getCode();
		if (!StringUtils.hasText(code)) {
			throw new OAuth2AuthorizationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"WeChat sent the browser back without a code: the user refused", null));
		}
		UserToken token;
		try {
			token = client.get().getAccessToken(code);
		}
		catch (WechatApiException ex) {
			throw new OAuth2AuthorizationException(new OAuth2Error(errorCode(ex), ex.getMessage(), null), ex);
		}
		catch (WechatException ex) {
			throw new OAuth2AuthorizationException(new OAuth2Error(INVALID_TOKEN_RESPONSE, ex.getMessage(), null), ex);
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put(OPENID, token.openid());
		if (token.unionid() != null) {
			parameters.put(UNIONID, token.unionid());
		}
		if (token.snapshotUser()) {
			parameters.put(SNAPSHOT_USER, true);
		}
		return OAuth2AccessTokenResponse.withToken(token.accessToken())
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(token.expiresIn())
			.scopes(scopes(token))
			.refreshToken(token.refreshToken())
			.additionalParameters(parameters)
			.build();
	}

	private static String errorCode(WechatApiException ex) {
		return switch (ex.getErrorCode()) {
			// The code is invalid, used or expired.
			case 40029, 40163, 42003 -> OAuth2ErrorCodes.INVALID_GRANT;
			default -> INVALID_TOKEN_RESPONSE;
		};
	}

	private static Set<String> scopes(UserToken token) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : StringUtils.commaDelimitedListToStringArray(token.scope())) {
			if (StringUtils.hasText(scope)) {
				scopes.add(scope.trim());
			}
		}
		return scopes;
	}

}
