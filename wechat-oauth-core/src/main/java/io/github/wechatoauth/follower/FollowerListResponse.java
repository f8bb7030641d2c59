package io.github.wechatoauth.follower;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code cgi-bin/user/info/batchget}, as sent.
 */
record FollowerListResponse(@JsonProperty("user_info_list") @Nullable List<@Nullable FollowerResponse> userInfoList) {

}
