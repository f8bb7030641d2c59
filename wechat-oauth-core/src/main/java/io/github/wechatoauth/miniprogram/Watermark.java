package io.github.wechatoauth.miniprogram;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stamp WeChat puts in a Mini Program's user data: which appid it was made for, and
 * when.
 *
 * @param appId the appid the data was made for; empty if WeChat left it out
 * @param timestamp when the data was made, in seconds since the epoch; 0 if WeChat left
 * it out
 */
public record Watermark(@JsonProperty("appid") String appId, @JsonProperty("timestamp") long timestamp) {

	/** The watermark of data that came without one. */
	public static final Watermark NONE = new Watermark("", 0);

	/**
	 * Normalizes a missing appid to empty text.
	 * @param appId the appid
	 * @param timestamp when the data was made
	 */
	public Watermark {
		appId = Objects.requireNonNullElse(appId, "");
	}

	/**
	 * Returns when the data was made.
	 * @return the {@link #timestamp()} as an instant
	 */
	public Instant time() {
		return Instant.ofEpochSecond(this.timestamp);
	}

}
