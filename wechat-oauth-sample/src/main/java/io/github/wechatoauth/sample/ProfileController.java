package io.github.wechatoauth.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.follower.Follower;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The profile page: who is logged in, whether they follow the account (from
 * {@code getFollower}: after a silent or scan log-in the openid is all the app has), and
 * what the {@link TokenStore} keeps for them, described by its scope and expiry, never
 * shown itself.
 */
@Controller
public class ProfileController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

	private final TokenStore tokenStore;

	private final WechatOAuthClient client;

	private final Clock clock;

	/**
	 * Creates the controller.
	 * @param tokenStore where the users' tokens are kept
	 * @param client the account's client, which reads followers
	 * @param clock the application's clock, which the starter's stores use too
	 */
	public ProfileController(TokenStore tokenStore, WechatOAuthClient client, ObjectProvider<Clock> clock) {
		this.tokenStore = tokenStore;
		this.client = client;
		this.clock = clock.getIfUnique(Clock::systemDefaultZone);
	}

	@GetMapping("/profile")
	String profile(HttpServletRequest request, Model model) {
		SignedInUser user = SignedInUser.from(request.getSession(false));
		if (user == null) {
			return "redirect:/";
		}
		model.addAttribute("user", user);
		model.addAttribute("follower", follower(user.openid()));
		model.addAttribute("token", this.tokenStore.getToken(user.openid()).map(this::describe).orElse(null));
		return "profile";
	}

	private FollowerFacts follower(String openid) {
		try {
			Follower follower = this.client.getFollower(openid);
			Instant since = follower.subscribeTime();
			return new FollowerFacts(follower.subscribed(),
					(since != null) ? TIME.format(since.atZone(this.clock.getZone())) : null, follower.unionid(), null);
		}
		catch (WechatException ex) {
			return new FollowerFacts(false, null, null, ex.getMessage());
		}
	}

	private TokenFacts describe(UserToken token) {
		Instant now = this.clock.instant();
		ZoneId zone = this.clock.getZone();
		Instant refreshableUntil = token.createdAt().plus(UserToken.REFRESH_TOKEN_LIFETIME);
		return new TokenFacts(token.scope(), TIME.format(token.expiresAt().atZone(zone)),
				token.isExpired(now) ? null : Duration.between(now, token.expiresAt()).toMinutes(),
				TIME.format(refreshableUntil.atZone(zone)));
	}

	/**
	 * What the profile shows of the stored token.
	 *
	 * @param scope the scopes it was granted
	 * @param expiresAt when the access token expires
	 * @param minutesLeft how many minutes that is from now, or {@code null} once it has
	 * expired (the next use refreshes it)
	 * @param refreshableUntil when the refresh token expires
	 */
	record TokenFacts(String scope, String expiresAt, @Nullable Long minutesLeft, String refreshableUntil) {

	}

	/**
	 * What the profile shows of the user as a follower of the account.
	 *
	 * @param subscribed whether they follow it
	 * @param since when they followed it, or {@code null}
	 * @param unionid their unionid, or {@code null}
	 * @param error why {@code getFollower} failed, or {@code null}
	 */
	record FollowerFacts(boolean subscribed, @Nullable String since, @Nullable String unionid, @Nullable String error) {

	}

}
