package io.github.wechatoauth.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.UserInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * Loads the {@link WechatOAuth2User} of a WeChat registration, and hands every other
 * registration to another service, Spring Security's {@link DefaultOAuth2UserService} by
 * default. With a {@code snsapi_userinfo} or {@code snsapi_login} token, the user's info
 * comes from {@link WechatOAuthClient#getUser(String)} ({@code sns/userinfo}, with the
 * token that {@link WechatAccessTokenResponseClient} saved); with a {@code snsapi_base}
 * token, which cannot read it, the user is their openid alone.
 * <p>
 * A snapshot user (WeChat's {@code is_snapshotuser=1}: the page was opened from a Moments
 * snapshot, and the openid and unionid are virtual) is refused with the error code
 * {@value #SNAPSHOT_USER_ERROR}, unless the account sets
 * {@code login.allow-snapshot-users}; then they are their virtual openid alone, with
 * {@link WechatOAuth2User#isSnapshotUser()} true.
 * <p>
 * The user's authorities are {@code OAUTH2_USER} (an {@link OAuth2UserAuthority}) and
 * {@code SCOPE_} followed by each granted scope, as Spring Security gives other users.
 */
public final class WechatOAuth2UserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	/** The error code of a refused snapshot user. */
	public static final String SNAPSHOT_USER_ERROR = "wechat_snapshot_user";

	private static final String INVALID_USER_INFO_RESPONSE = "invalid_user_info_response";

	private final WechatClientRegistrations registrations;

	private final OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate;

	/**
	 * Creates a service that hands other registrations to Spring Security's
	 * {@link DefaultOAuth2UserService}.
	 * @param registrations the WeChat registrations
	 */
	public WechatOAuth2UserService(WechatClientRegistrations registrations) {
		this(registrations, new DefaultOAuth2UserService());
	}

	/**
	 * Creates a service.
	 * @param registrations the WeChat registrations
	 * @param delegate the service of every other registration
	 */
	public WechatOAuth2UserService(WechatClientRegistrations registrations,
			OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate) {
		this.registrations = registrations;
		this.delegate = delegate;
	}

	@Override
	public @Nullable OAuth2User loadUser(OAuth2UserRequest userRequest) throws OAuth2AuthenticationException {
		Optional<WechatOAuthClient> client = this.registrations.findClient(userRequest.getClientRegistration());
		if (client.isEmpty()) {
			return this.delegate.loadUser(userRequest);
		}
		Map<String, Object> parameters = userRequest.getAdditionalParameters();
		if (!(parameters.get(WechatAccessTokenResponseClient.OPENID) instanceof String openid) || openid.isEmpty()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(INVALID_USER_INFO_RESPONSE,
					"The token response of registration " + userRequest.getClientRegistration().getRegistrationId()
							+ " holds no openid: exchange WeChat codes with WechatAccessTokenResponseClient",
					null));
		}
		Set<String> scopes = userRequest.getAccessToken().getScopes();
		if (scopes.isEmpty()) {
			scopes = userRequest.getClientRegistration().getScopes();
		}
		Object unionid = parameters.get(WechatAccessTokenResponseClient.UNIONID);
		Map<String, Object> attributes;
		if (Boolean.TRUE.equals(parameters.get(WechatAccessTokenResponseClient.SNAPSHOT_USER))) {
			if (!this.registrations.allowsSnapshotUsers(userRequest.getClientRegistration())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(SNAPSHOT_USER_ERROR,
						"WeChat marked the user a snapshot user (is_snapshotuser=1: the page was opened from a "
								+ "Moments snapshot, and the openid is virtual); set "
								+ "wechat.login.allow-snapshot-users=true (or wechat.apps.<name>.login."
								+ "allow-snapshot-users) to let such users in",
						null));
			}
			// sns/userinfo answers 48001 for them: their virtual openid is all there is.
			attributes = WechatOAuth2User.snapshotUserAttributes(openid,
					(unionid instanceof String value) ? value : null);
		}
		else if (WechatScopes.readUserInfo(scopes)) {
			try {
				UserInfo info = client.get().getUser(openid);
				attributes = WechatOAuth2User.attributes(info);
			}
			catch (WechatException ex) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error(INVALID_USER_INFO_RESPONSE, ex.getMessage(), null), ex);
			}
		}
		else {
			attributes = WechatOAuth2User.attributes(openid, (unionid instanceof String value) ? value : null);
		}
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		authorities.add(new OAuth2UserAuthority(attributes, WechatOAuth2User.OPENID));
		scopes.forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return new WechatOAuth2User(attributes, authorities);
	}

}
