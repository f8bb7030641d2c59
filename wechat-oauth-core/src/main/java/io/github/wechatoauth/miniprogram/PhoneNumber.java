package io.github.wechatoauth.miniprogram;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Mini Program user's phone number, from the {@code getPhoneNumber} button's code
 * ({@code wxa/business/getuserphonenumber}) or decrypted from its legacy
 * {@code encryptedData}.
 *
 * @param phoneNumber the number with its country code for numbers outside mainland China,
 * such as {@code +85212345678}
 * @param purePhoneNumber the number without country code
 * @param countryCode the country code, such as {@code 86}
 * @param watermark the appid and time the number was issued for
 */
public record PhoneNumber(@JsonProperty("phoneNumber") String phoneNumber,
		@JsonProperty("purePhoneNumber") String purePhoneNumber, @JsonProperty("countryCode") String countryCode,
		@JsonProperty("watermark") Watermark watermark) {

	/**
	 * Normalizes fields WeChat left out to empty text (and an empty watermark).
	 * @param phoneNumber the number
	 * @param purePhoneNumber the number without country code
	 * @param countryCode the country code
	 * @param watermark the watermark
	 */
	public PhoneNumber {
		phoneNumber = Objects.requireNonNullElse(phoneNumber, "");
		purePhoneNumber = Objects.requireNonNullElse(purePhoneNumber, "");
		countryCode = Objects.requireNonNullElse(countryCode, "");
		watermark = Objects.requireNonNullElse(watermark, Watermark.NONE);
	}

}
