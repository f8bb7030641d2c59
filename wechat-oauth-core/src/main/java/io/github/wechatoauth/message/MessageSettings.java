package io.github.wechatoauth.message;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * How the message-push server checks and decrypts what WeChat sends. The token and the
 * EncodingAESKey never appear in {@link #toString()}.
 *
 * @param token the Token set on the WeChat admin console's server configuration page
 * @param encodingAesKey the EncodingAESKey from the same page (43 characters of
 * {@code a-zA-Z0-9}), or {@code null} when pushes come in plaintext mode only
 * @param appId the account's appid, which every decrypted message must name
 * @param timestampWindow how far a push's signed timestamp may be from now, either way,
 * before it is refused as a replay
 * @param maxBodySize the largest body in bytes that is parsed at all
 * @param clock the clock that judges timestamps and stamps replies
 * @param mode which pushes are accepted; by default {@link MessageMode#SAFE} with an
 * EncodingAESKey and {@link MessageMode#PLAINTEXT} without, see
 * {@link MessageMode#defaultFor(boolean)}
 */
public record MessageSettings(String token, @Nullable String encodingAesKey, String appId, Duration timestampWindow,
		int maxBodySize, Clock clock, MessageMode mode) {

	/** The default timestamp window: 5 minutes. */
	public static final Duration DEFAULT_TIMESTAMP_WINDOW = Duration.ofMinutes(5);

	/** The default body limit: 64 KiB, far above WeChat's largest push. */
	public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;

	/**
	 * Checks the values; the EncodingAESKey is checked here so that a wrong one stops
	 * start-up rather than the first push.
	 * @param token not blank
	 * @param encodingAesKey {@code null}, or exactly 43 characters of {@code a-zA-Z0-9}
	 * @param appId not blank
	 * @param timestampWindow positive
	 * @param maxBodySize positive
	 * @param clock not null
	 * @param mode not null; {@link MessageMode#COMPATIBLE} and {@link MessageMode#SAFE}
	 * need an EncodingAESKey
	 */
	public MessageSettings {
		Arguments.requireText(token, "token");
		if (encodingAesKey != null) {
			MessageCrypto.checkEncodingAesKey(encodingAesKey);
		}
		Arguments.requireText(appId, "appId");
		Arguments.requireNonNull(timestampWindow, "timestampWindow");
		if (timestampWindow.isNegative() || timestampWindow.isZero()) {
			throw new IllegalArgumentException("timestampWindow must be positive, was " + timestampWindow);
		}
		if (maxBodySize <= 0) {
			throw new IllegalArgumentException("maxBodySize must be positive, was " + maxBodySize);
		}
		Arguments.requireNonNull(clock, "clock");
		Arguments.requireNonNull(mode, "mode");
		if (mode.needsEncodingAesKey() && encodingAesKey == null) {
			throw new IllegalArgumentException("mode " + mode.name().toLowerCase(Locale.ROOT)
					+ " needs an encodingAesKey: set the EncodingAESKey first, or use mode plaintext");
		}
	}

	/**
	 * Creates settings in the default mode for the key: {@link MessageMode#SAFE} with an
	 * EncodingAESKey, {@link MessageMode#PLAINTEXT} without.
	 * @param token not blank
	 * @param encodingAesKey {@code null}, or exactly 43 characters of {@code a-zA-Z0-9}
	 * @param appId not blank
	 * @param timestampWindow positive
	 * @param maxBodySize positive
	 * @param clock not null
	 */
	public MessageSettings(String token, @Nullable String encodingAesKey, String appId, Duration timestampWindow,
			int maxBodySize, Clock clock) {
		this(token, encodingAesKey, appId, timestampWindow, maxBodySize, clock,
				MessageMode.defaultFor(encodingAesKey != null));
	}

	/**
	 * Settings for plaintext mode, with the default window, body limit and the system
	 * clock.
	 * @param token the Token
	 * @param appId the appid
	 * @return the settings
	 */
	public static MessageSettings of(String token, String appId) {
		return new MessageSettings(token, null, appId, DEFAULT_TIMESTAMP_WINDOW, DEFAULT_MAX_BODY_SIZE,
				Clock.systemUTC());
	}

	/**
	 * Returns a copy with an EncodingAESKey, for safe and compatible mode. A mode that
	 * was the default stays the default, so that adding a key turns plaintext mode into
	 * safe mode; a mode chosen with {@link #withMode(MessageMode)} stays as chosen.
	 * @param encodingAesKey the key, or {@code null} for none
	 * @return the copy
	 */
	public MessageSettings withEncodingAesKey(@Nullable String encodingAesKey) {
		MessageMode newMode = (this.mode == MessageMode.defaultFor(this.encodingAesKey != null))
				? MessageMode.defaultFor(encodingAesKey != null) : this.mode;
		return new MessageSettings(this.token, encodingAesKey, this.appId, this.timestampWindow, this.maxBodySize,
				this.clock, newMode);
	}

	/**
	 * Returns a copy in another mode.
	 * @param mode the mode; {@link MessageMode#COMPATIBLE} and {@link MessageMode#SAFE}
	 * need the EncodingAESKey to be set already
	 * @return the copy
	 */
	public MessageSettings withMode(MessageMode mode) {
		return new MessageSettings(this.token, this.encodingAesKey, this.appId, this.timestampWindow, this.maxBodySize,
				this.clock, mode);
	}

	/**
	 * Returns a copy with another timestamp window.
	 * @param timestampWindow the window
	 * @return the copy
	 */
	public MessageSettings withTimestampWindow(Duration timestampWindow) {
		return new MessageSettings(this.token, this.encodingAesKey, this.appId, timestampWindow, this.maxBodySize,
				this.clock, this.mode);
	}

	/**
	 * Returns a copy with another body limit.
	 * @param maxBodySize the limit in bytes
	 * @return the copy
	 */
	public MessageSettings withMaxBodySize(int maxBodySize) {
		return new MessageSettings(this.token, this.encodingAesKey, this.appId, this.timestampWindow, maxBodySize,
				this.clock, this.mode);
	}

	/**
	 * Returns a copy with another clock.
	 * @param clock the clock
	 * @return the copy
	 */
	public MessageSettings withClock(Clock clock) {
		return new MessageSettings(this.token, this.encodingAesKey, this.appId, this.timestampWindow, this.maxBodySize,
				clock, this.mode);
	}

	/**
	 * Describes the settings without the token or the EncodingAESKey.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MessageSettings[appId=" + this.appId + ", mode=" + this.mode + ", encodingAesKey="
				+ ((this.encodingAesKey != null) ? "set" : "none") + ", timestampWindow=" + this.timestampWindow
				+ ", maxBodySize=" + this.maxBodySize + ", clock=" + this.clock + "]";
	}

}
