package io.github.wechatoauth.follower;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the Official Account knows of a user by openid ({@code cgi-bin/user/info}): works
 * after silent ({@code snsapi_base}) log-in and scan-to-log-in, where only the openid is
 * known. A user who does not follow the account comes back with {@code subscribed} false,
 * their openid, their unionid when the account is bound to an Open Platform account, and
 * nothing else.
 *
 * @param openid the user's openid for this account
 * @param subscribed whether the user follows the account
 * @param unionid the user's unionid, when the account is bound to an Open Platform
 * account
 * @param language the user's language, such as {@code zh_CN}; empty if not following
 * @param subscribeTime when the user last followed the account; {@code null} if not
 * following
 * @param remark the account's remark on the user; empty if none
 * @param tagIds the ids of the account's tags on the user
 * @param subscribeScene how the user came to follow, such as {@code ADD_SCENE_QR_CODE};
 * empty if not following
 * @param qrScene the numeric scene of the QR code the user followed through, or 0
 * @param qrSceneStr the string scene of that QR code; empty if none
 */
public record Follower(String openid, boolean subscribed, @Nullable String unionid, String language,
		@Nullable Instant subscribeTime, String remark, List<Integer> tagIds, String subscribeScene, long qrScene,
		String qrSceneStr) {

	/**
	 * Makes the tag ids unmodifiable.
	 * @param openid the openid
	 * @param subscribed whether the user follows the account
	 * @param unionid the unionid, or {@code null}
	 * @param language the language
	 * @param subscribeTime when the user followed, or {@code null}
	 * @param remark the remark
	 * @param tagIds the tag ids
	 * @param subscribeScene how the user came to follow
	 * @param qrScene the numeric QR scene
	 * @param qrSceneStr the string QR scene
	 */
	public Follower {
		tagIds = List.copyOf(tagIds);
	}

}
