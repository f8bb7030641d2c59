package io.github.wechatoauth.follower;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.http.AnswerChecks;
import org.jspecify.annotations.Nullable;

/**
 * One user as {@code cgi-bin/user/info} (or an entry of {@code user_info_list}) sends it.
 */
record FollowerResponse(@JsonProperty("subscribe") int subscribe, @JsonProperty("openid") @Nullable String openid,
		@JsonProperty("unionid") @Nullable String unionid, @JsonProperty("language") @Nullable String language,
		@JsonProperty("subscribe_time") long subscribeTime, @JsonProperty("remark") @Nullable String remark,
		@JsonProperty("tagid_list") @Nullable List<Integer> tagIdList,
		@JsonProperty("subscribe_scene") @Nullable String subscribeScene, @JsonProperty("qr_scene") long qrScene,
		@JsonProperty("qr_scene_str") @Nullable String qrSceneStr) {

	Follower toFollower(String endpoint) {
		if (this.openid == null || this.openid.isEmpty()) {
			throw new WechatTransportException(endpoint + " answered a user without openid");
		}
		AnswerChecks.requireRange(endpoint, "subscribe", this.subscribe, 0, 1);
		AnswerChecks.requireRange(endpoint, "subscribe_time", this.subscribeTime, 0, Instant.MAX.getEpochSecond());
		boolean subscribed = this.subscribe == 1;
		return new Follower(this.openid, subscribed, this.unionid, Objects.requireNonNullElse(this.language, ""),
				(subscribed && this.subscribeTime > 0) ? Instant.ofEpochSecond(this.subscribeTime) : null,
				Objects.requireNonNullElse(this.remark, ""), Objects.requireNonNullElse(this.tagIdList, List.of()),
				Objects.requireNonNullElse(this.subscribeScene, ""), this.qrScene,
				Objects.requireNonNullElse(this.qrSceneStr, ""));
	}

}
