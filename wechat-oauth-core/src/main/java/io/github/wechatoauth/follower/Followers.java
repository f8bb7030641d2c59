package io.github.wechatoauth.follower;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.WechatHttp;
import io.github.wechatoauth.oauth.Lang;
import org.jspecify.annotations.Nullable;

/**
 * Reads followers by openid with the app access token: {@code cgi-bin/user/info} for one,
 * {@code cgi-bin/user/info/batchget} for many, at most {@value #BATCH_SIZE} a request.
 * Use it through {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class Followers {

	/** The most openids WeChat takes in one {@code batchget}. */
	public static final int BATCH_SIZE = 100;

	private static final String INFO_ENDPOINT = "cgi-bin/user/info";

	private static final String BATCH_ENDPOINT = "cgi-bin/user/info/batchget";

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final AppCredentials credentials;

	/**
	 * Creates the service of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's HTTP layer and API base URL
	 * @param credentials where the app access token comes from
	 */
	public Followers(ClientContext context, AppCredentials credentials) {
		this.http = context.http();
		this.apiBaseUrl = context.apiBaseUrl();
		this.credentials = credentials;
	}

	/**
	 * Reads one user.
	 * @param openid the user's openid for this account
	 * @param lang the language of the answer
	 * @return the user, {@link Follower#subscribed()} false if they do not follow
	 */
	public Follower getFollower(String openid, Lang lang) {
		Arguments.requireText(openid, "openid");
		Arguments.requireNonNull(lang, "lang");
		FollowerResponse answer = this.credentials.withAccessToken((token) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("access_token", token);
			query.put("openid", openid);
			query.put("lang", lang.value());
			return this.http.get(this.apiBaseUrl, INFO_ENDPOINT, query, FollowerResponse.class);
		});
		return answer.toFollower(INFO_ENDPOINT);
	}

	/**
	 * Reads many users, {@value #BATCH_SIZE} a request.
	 * @param openids the users' openids for this account; none null or blank
	 * @param lang the language of the answers
	 * @return the users, in WeChat's order batch after batch (WeChat answers in the order
	 * asked); empty, with no request, for no openids
	 */
	public List<Follower> getFollowers(List<String> openids, Lang lang) {
		Arguments.requireNonNull(openids, "openids");
		Arguments.requireNonNull(lang, "lang");
		for (int i = 0; i < openids.size(); i++) {
			Arguments.requireText(openids.get(i), "openids[" + i + "]");
		}
		List<Follower> followers = new ArrayList<>(openids.size());
		for (int from = 0; from < openids.size(); from += BATCH_SIZE) {
			followers.addAll(getBatch(openids.subList(from, Math.min(from + BATCH_SIZE, openids.size())), lang));
		}
		return List.copyOf(followers);
	}

	private List<Follower> getBatch(List<String> openids, Lang lang) {
		List<Map<String, String>> users = new ArrayList<>(openids.size());
		for (String openid : openids) {
			Map<String, String> user = new LinkedHashMap<>();
			user.put("openid", openid);
			user.put("lang", lang.value());
			users.add(user);
		}
		Map<String, Object> body = Map.of("user_list", users);
		FollowerListResponse answer = this.credentials.withAccessToken((token) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("access_token", token);
			return this.http.postJson(this.apiBaseUrl, BATCH_ENDPOINT, query, body, FollowerListResponse.class);
		});
		List<@Nullable FollowerResponse> list = answer.userInfoList();
		if (list == null) {
			throw new WechatTransportException(BATCH_ENDPOINT + " answered without user_info_list");
		}
		List<Follower> followers = new ArrayList<>(list.size());
		for (FollowerResponse user : list) {
			if (user == null) {
				throw new WechatTransportException(BATCH_ENDPOINT + " answered null in user_info_list");
			}
			followers.add(user.toFollower(BATCH_ENDPOINT));
		}
		return followers;
	}

}
