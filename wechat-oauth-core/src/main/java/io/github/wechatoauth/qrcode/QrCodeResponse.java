package io.github.wechatoauth.qrcode;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code cgi-bin/qrcode/create}, as sent; permanent codes come without
 * {@code expire_seconds}.
 */
record QrCodeResponse(@JsonProperty("ticket") @Nullable String ticket,
		@JsonProperty("expire_seconds") long expireSeconds, @JsonProperty("url") @Nullable String url) {

}
