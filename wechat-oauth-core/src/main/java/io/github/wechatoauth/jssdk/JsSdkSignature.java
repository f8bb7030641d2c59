package io.github.wechatoauth.jssdk;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.wechatoauth.internal.Arguments;

/**
 * The values a page passes to {@code wx.config}: {@code appId}, {@code timestamp},
 * {@code nonceStr} and {@code signature}, for the page at {@code url}.
 *
 * @param appId the appid
 * @param nonceStr the random string that was signed
 * @param timestamp the Unix time in seconds that was signed
 * @param url the page URL that was signed, without its {@code #fragment}
 * @param signature the SHA-1 signature, lowercase hex
 */
public record JsSdkSignature(@JsonProperty("appId") String appId, @JsonProperty("nonceStr") String nonceStr,
		@JsonProperty("timestamp") long timestamp, @JsonProperty("url") String url,
		@JsonProperty("signature") String signature) {

	/**
	 * Signs a page URL: SHA-1 of {@code jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL},
	 * lowercase hex. The values are used raw, without escaping.
	 * @param jsapiTicket the {@code jsapi_ticket}
	 * @param nonceStr a random string
	 * @param timestamp the Unix time in seconds
	 * @param url the full page URL with its query, without {@code #} and what follows
	 * @return the signature
	 */
	public static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
		Arguments.requireText(jsapiTicket, "jsapiTicket");
		Arguments.requireText(nonceStr, "nonceStr");
		Arguments.requireText(url, "url");
		return SignatureText.sign(jsapiTicket, nonceStr, timestamp, url);
	}

}
