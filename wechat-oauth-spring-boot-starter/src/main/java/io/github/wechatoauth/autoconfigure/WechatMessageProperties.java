package io.github.wechatoauth.autoconfigure;

import java.time.Duration;

import io.github.wechatoauth.message.MessageMode;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Message endpoint properties: where WeChat pushes what users send and do.
 */
public class WechatMessageProperties {

	/**
	 * Path of the message endpoint: the path of the server URL set in the WeChat Official
	 * Accounts Platform.
	 */
	private String path = "/wechat/message";

	/**
	 * How far a push's signed timestamp may be from now, either way, before the push is
	 * refused as a replay.
	 */
	private Duration timestampWindow = Duration.ofMinutes(5);

	/**
	 * Longest wait for the handlers' reply to a push. A slower push is answered "success"
	 * and its reply dropped: WeChat gives up after 5 seconds.
	 */
	private Duration replyTimeout = Duration.ofMillis(4500);

	/**
	 * Largest request body that is read; a larger push is refused with 413.
	 */
	private DataSize maxBodySize = DataSize.ofKilobytes(64);

	/**
	 * Which pushes are accepted, as the message encryption setting of the WeChat console
	 * names it: plaintext, compatible or safe. Safe refuses every push that is not
	 * encrypted with 403. Defaults to safe when an EncodingAESKey is set, plaintext
	 * otherwise.
	 */
	private @Nullable MessageMode mode;

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getTimestampWindow() {
		return this.timestampWindow;
	}

	public void setTimestampWindow(Duration timestampWindow) {
		this.timestampWindow = timestampWindow;
	}

	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	public void setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = replyTimeout;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public @Nullable MessageMode getMode() {
		return this.mode;
	}

	public void setMode(@Nullable MessageMode mode) {
		this.mode = mode;
	}

}
