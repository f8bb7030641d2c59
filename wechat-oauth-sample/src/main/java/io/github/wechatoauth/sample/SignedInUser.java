package io.github.wechatoauth.sample;

import java.io.Serial;
import java.io.Serializable;

import io.github.wechatoauth.oauth.UserInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * The user logged in to the sample, kept in the HTTP session. Holds what a page shows,
 * never a token: tokens stay in the {@link io.github.wechatoauth.oauth.TokenStore}.
 *
 * @param openid the user's openid
 * @param nickname the WeChat nickname, or {@code null} when only the openid is known
 * @param headImgUrl the avatar's link, or {@code null}
 * @param unionid the unionid, or {@code null}
 * @param method how the user logged in
 */
public record SignedInUser(String openid, @Nullable String nickname, @Nullable String headImgUrl,
		@Nullable String unionid, LoginMethod method) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final String SESSION_ATTRIBUTE = SignedInUser.class.getName();

	/**
	 * A user of whom only the openid is known.
	 * @param openid the openid
	 * @param method how the user logged in
	 * @return the user
	 */
	public static SignedInUser of(String openid, LoginMethod method) {
		return new SignedInUser(openid, null, null, null, method);
	}

	/**
	 * A user with their WeChat info.
	 * @param info the info from {@code sns/userinfo}
	 * @param method how the user logged in
	 * @return the user
	 */
	public static SignedInUser of(UserInfo info, LoginMethod method) {
		return new SignedInUser(info.openid(), info.nickname(), info.headImgUrl().isEmpty() ? null : info.headImgUrl(),
				info.unionid(), method);
	}

	/**
	 * Returns the user logged in to a session.
	 * @param session the session, or {@code null} if there is none
	 * @return the user, or {@code null}
	 */
	public static @Nullable SignedInUser from(@Nullable HttpSession session) {
		return (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof SignedInUser user) ? user : null;
	}

	/**
	 * Logs a user in: a new session id first, so that an id planted before the log-in is
	 * worth nothing after it.
	 * @param request the request that completes the log-in
	 */
	public void signIn(HttpServletRequest request) {
		HttpSession session = request.getSession();
		request.changeSessionId();
		session.setAttribute(SESSION_ATTRIBUTE, this);
	}

}
