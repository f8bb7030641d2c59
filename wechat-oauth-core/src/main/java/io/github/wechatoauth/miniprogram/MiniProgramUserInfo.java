package io.github.wechatoauth.miniprogram;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Mini Program user's profile, decrypted from the {@code encryptedData} of
 * {@code wx.getUserInfo}.
 *
 * @param openId the user's openid for the Mini Program
 * @param nickName the nickname
 * @param gender 1 male, 2 female, 0 unknown
 * @param language the user's language, such as {@code zh_CN}
 * @param city the city
 * @param province the province
 * @param country the country
 * @param avatarUrl the avatar's link, or empty
 * @param unionId the unionid, when the Mini Program is bound to an Open Platform account
 * @param watermark the appid and time the data was made for, already checked against this
 * client's appid
 */
public record MiniProgramUserInfo(@JsonProperty("openId") String openId, @JsonProperty("nickName") String nickName,
		@JsonProperty("gender") int gender, @JsonProperty("language") String language,
		@JsonProperty("city") String city, @JsonProperty("province") String province,
		@JsonProperty("country") String country, @JsonProperty("avatarUrl") String avatarUrl,
		@JsonProperty("unionId") @Nullable String unionId, @JsonProperty("watermark") Watermark watermark) {

	/**
	 * Normalizes fields WeChat left out to empty text (and an empty watermark).
	 * @param openId the openid
	 * @param nickName the nickname
	 * @param gender the gender
	 * @param language the language
	 * @param city the city
	 * @param province the province
	 * @param country the country
	 * @param avatarUrl the avatar's link
	 * @param unionId the unionid, or {@code null}
	 * @param watermark the watermark
	 */
	public MiniProgramUserInfo {
		openId = Objects.requireNonNullElse(openId, "");
		nickName = Objects.requireNonNullElse(nickName, "");
		language = Objects.requireNonNullElse(language, "");
		city = Objects.requireNonNullElse(city, "");
		province = Objects.requireNonNullElse(province, "");
		country = Objects.requireNonNullElse(country, "");
		avatarUrl = Objects.requireNonNullElse(avatarUrl, "");
		watermark = Objects.requireNonNullElse(watermark, Watermark.NONE);
	}

}
