package io.github.wechatoauth.miniprogram;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code wxa/business/getuserphonenumber}, as sent.
 */
record PhoneNumberResponse(@JsonProperty("phone_info") @Nullable PhoneNumber phoneInfo) {

}
