package io.github.wechatoauth.oauth;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A user's profile, as {@code sns/userinfo} returns it. Since October 2021 WeChat sends
 * {@code sex} 0 and empty province, city and country for everyone. The nickname may hold
 * control characters and emoji.
 *
 * @param openid the user's openid for this app
 * @param nickname the nickname
 * @param sex 1 male, 2 female, 0 unknown
 * @param province the province, usually empty
 * @param city the city, usually empty
 * @param country the country, usually empty
 * @param headImgUrl the avatar URL; its last path segment picks the size (0 = 640×640,
 * 46, 64, 96, 132); empty if none
 * @param privilege privileges, such as {@code chinaunicom}
 * @param unionid the user's unionid, when the app is bound to an Open Platform account
 */
public record UserInfo(@JsonProperty("openid") String openid, @JsonProperty("nickname") String nickname,
		@JsonProperty("sex") int sex, @JsonProperty("province") String province, @JsonProperty("city") String city,
		@JsonProperty("country") String country, @JsonProperty("headimgurl") String headImgUrl,
		@JsonProperty("privilege") List<String> privilege, @JsonProperty("unionid") @Nullable String unionid) {

	/**
	 * Normalizes fields WeChat left out: absent text becomes empty, an absent privilege
	 * list becomes empty.
	 * @param openid the user's openid
	 * @param nickname the nickname
	 * @param sex 1 male, 2 female, 0 unknown
	 * @param province the province
	 * @param city the city
	 * @param country the country
	 * @param headImgUrl the avatar URL
	 * @param privilege the privileges
	 * @param unionid the unionid, or {@code null}
	 */
	public UserInfo {
		openid = Objects.requireNonNullElse(openid, "");
		nickname = Objects.requireNonNullElse(nickname, "");
		province = Objects.requireNonNullElse(province, "");
		city = Objects.requireNonNullElse(city, "");
		country = Objects.requireNonNullElse(country, "");
		headImgUrl = Objects.requireNonNullElse(headImgUrl, "");
		privilege = List.copyOf(Objects.requireNonNullElse(privilege, List.of()));
	}

}
