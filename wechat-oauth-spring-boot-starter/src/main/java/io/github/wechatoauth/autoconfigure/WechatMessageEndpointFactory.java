package io.github.wechatoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.wechatoauth.autoconfigure.WechatAccountProperties.Message;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.message.MessageMode;
import io.github.wechatoauth.message.MessageSettings;
import io.github.wechatoauth.message.endpoint.WechatMessageDispatcher;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Turns the properties of one account into its {@link WechatMessageEndpoint}, checking
 * them first: a missing or malformed property stops start-up with an
 * {@link InvalidWechatPropertyException} that names it, and never shows the token or the
 * EncodingAESKey. Every endpoint it creates shares one {@link WechatMessageDispatcher}.
 * Used for {@code wechat.*} and each {@code wechat.apps.<name>.*} with a token; a bean,
 * so that code configuring further accounts builds their endpoints the same way.
 */
public class WechatMessageEndpointFactory {

	private static final Pattern ENCODING_AES_KEY = Pattern.compile("[a-zA-Z0-9]{43}");

	/** WeChat waits this long for an answer, then retries. */
	private static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);

	private final WechatMessageDispatcher dispatcher;

	private final Clock clock;

	/**
	 * Creates a factory on the system clock.
	 * @param dispatcher what hands messages to the application, for every endpoint
	 */
	public WechatMessageEndpointFactory(WechatMessageDispatcher dispatcher) {
		this(dispatcher, Clock.systemUTC());
	}

	/**
	 * Creates a factory.
	 * @param dispatcher what hands messages to the application, for every endpoint
	 * @param clock the clock that judges the pushes' timestamps
	 */
	public WechatMessageEndpointFactory(WechatMessageDispatcher dispatcher, Clock clock) {
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * Builds the message endpoint of one account, named after its prefix:
	 * {@code wechat.apps.<name>} gives the name {@code <name>}, any other prefix the
	 * account of {@code wechat.*}.
	 * @param prefix the prefix of the account's properties, such as {@code wechat} or
	 * {@code wechat.apps.shop}, for messages
	 * @param account the account's properties
	 * @param deduplicationStore the account's shared store, where pushes are marked seen
	 * @return the endpoint
	 * @throws InvalidWechatPropertyException if a property is missing or malformed
	 */
	public WechatMessageEndpoint create(String prefix, WechatAccountProperties account,
			SharedStore deduplicationStore) {
		String apps = WechatApps.PREFIX + ".";
		String name = prefix.startsWith(apps) ? prefix.substring(apps.length()) : null;
		return create(name, prefix, account, deduplicationStore);
	}

	/**
	 * Builds the message endpoint of one account, which tells handlers and listeners its
	 * name.
	 * @param name the account's name under {@code wechat.apps}, or {@code null} for the
	 * account of {@code wechat.*}
	 * @param prefix the prefix of the account's properties, such as
	 * {@code wechat.apps.shop}, for messages
	 * @param account the account's properties
	 * @param deduplicationStore the account's shared store, where pushes are marked seen
	 * @return the endpoint
	 * @throws InvalidWechatPropertyException if a property is missing or malformed
	 */
	public WechatMessageEndpoint create(@Nullable String name, String prefix, WechatAccountProperties account,
			SharedStore deduplicationStore) {
		return new WechatMessageEndpoint(name, path(prefix, account.getMessage()), settings(prefix, account),
				replyTimeout(prefix, account.getMessage()), deduplicationStore, this.dispatcher);
	}

	private MessageSettings settings(String prefix, WechatAccountProperties account) {
		Message message = account.getMessage();
		String timestampWindowProperty = prefix + ".message.timestamp-window";
		Duration timestampWindow = message.getTimestampWindow();
		if (timestampWindow == null || timestampWindow.isNegative() || timestampWindow.isZero()) {
			throw new InvalidWechatPropertyException(timestampWindowProperty,
					timestampWindowProperty + " is " + timestampWindow + ", but it must be a positive duration.",
					"Set " + timestampWindowProperty
							+ " to a positive duration such as 5m, or remove it to use the default of 5m.");
		}
		String encodingAesKey = encodingAesKey(prefix, account);
		return new MessageSettings(token(prefix, account), encodingAesKey, WechatClientFactory.appId(prefix, account),
				timestampWindow, maxBodySize(prefix, message), this.clock, mode(prefix, message, encodingAesKey));
	}

	private static MessageMode mode(String prefix, Message message, @Nullable String encodingAesKey) {
		MessageMode mode = message.getMode();
		if (mode == null) {
			return MessageMode.defaultFor(encodingAesKey != null);
		}
		if (mode.needsEncodingAesKey() && encodingAesKey == null) {
			String property = prefix + ".message.mode";
			String name = mode.name().toLowerCase(Locale.ROOT);
			throw new InvalidWechatPropertyException(property,
					property + " is " + name + ", but " + prefix + ".encoding-aes-key is not set: in " + name
							+ " mode WeChat encrypts pushes with it.",
					"Set " + prefix + ".encoding-aes-key to the EncodingAESKey of the server configuration, or set "
							+ property + " to plaintext if the console's message encryption is plaintext.");
		}
		return mode;
	}

	private static String token(String prefix, WechatAccountProperties account) {
		String property = prefix + ".token";
		String token = account.getToken();
		if (token == null || token.isBlank()) {
			throw new InvalidWechatPropertyException(property,
					"The WeChat message Token is not set: " + property + " has no value.",
					"Set " + property + " to the Token of your Official Account's server configuration (WeChat "
							+ "Official Accounts Platform, Settings and Development > Basic Configuration > Server "
							+ "Configuration), for example as ${WECHAT_TOKEN}, or remove it to disable the message "
							+ "endpoint.");
		}
		return token;
	}

	private static @Nullable String encodingAesKey(String prefix, WechatAccountProperties account) {
		String property = prefix + ".encoding-aes-key";
		String key = account.getEncodingAesKey();
		if (key == null || key.isEmpty()) {
			return null;
		}
		if (!ENCODING_AES_KEY.matcher(key).matches()) {
			// Only the length is shown: the value is a secret, even when it is wrong.
			String wrong = (key.length() != 43) ? "has " + key.length() + " characters"
					: "holds characters other than a-z, A-Z and 0-9";
			throw new InvalidWechatPropertyException(property,
					property + " " + wrong + ", but an EncodingAESKey is exactly 43 characters of a-z, A-Z and 0-9.",
					"Copy the EncodingAESKey of your Official Account's server configuration (WeChat Official "
							+ "Accounts Platform, Settings and Development > Basic Configuration > Server "
							+ "Configuration) into " + property + ", for example as ${WECHAT_ENCODING_AES_KEY}, or "
							+ "remove it if the account pushes in plaintext mode.");
		}
		return key;
	}

	private static String path(String prefix, Message message) {
		String property = prefix + ".message.path";
		String path = message.getPath();
		if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidWechatPropertyException(property,
					property + " is '" + path + "', but a path starts with / and holds no spaces.",
					"Set " + property + " to the path of the server URL of your Official Account, such as "
							+ "/wechat/message, or remove it to use that default.");
		}
		return path;
	}

	private static Duration replyTimeout(String prefix, Message message) {
		String property = prefix + ".message.reply-timeout";
		Duration timeout = message.getReplyTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(WECHAT_TIMEOUT) >= 0) {
			throw new InvalidWechatPropertyException(property,
					property + " is " + timeout + ", but it must be positive and shorter than the 5 seconds "
							+ "WeChat waits for an answer.",
					"Set " + property + " to a duration such as 4500ms, or remove it to use that default.");
		}
		return timeout;
	}

	private static int maxBodySize(String prefix, Message message) {
		String property = prefix + ".message.max-body-size";
		DataSize size = message.getMaxBodySize();
		if (size == null || size.toBytes() <= 0 || size.toBytes() >= Integer.MAX_VALUE) {
			throw new InvalidWechatPropertyException(property,
					property + " is " + size + ", but it must be a positive size below 2GB.",
					"Set " + property + " to a size such as 64KB, or remove it to use that default.");
		}
		return (int) size.toBytes();
	}

}
