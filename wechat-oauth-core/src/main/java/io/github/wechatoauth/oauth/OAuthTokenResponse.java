package io.github.wechatoauth.oauth;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.http.AnswerChecks;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code sns/oauth2/access_token} and {@code sns/oauth2/refresh_token}, as
 * sent.
 */
record OAuthTokenResponse(@JsonProperty("access_token") @Nullable String accessToken,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") @Nullable String refreshToken,
		@JsonProperty("openid") @Nullable String openid, @JsonProperty("scope") @Nullable String scope,
		@JsonProperty("unionid") @Nullable String unionid, @JsonProperty("is_snapshotuser") int isSnapshotUser) {

	UserToken toUserToken(String endpoint, Instant createdAt) {
		if (this.accessToken == null || this.refreshToken == null || this.openid == null) {
			throw new WechatTransportException(endpoint + " answered without access_token, refresh_token or openid");
		}
		AnswerChecks.requireLifetime(endpoint, "expires_in", this.expiresIn);
		return new UserToken(this.accessToken, this.expiresIn, this.refreshToken, this.openid,
				Objects.requireNonNullElse(this.scope, ""), this.unionid, createdAt, this.isSnapshotUser == 1);
	}

}
