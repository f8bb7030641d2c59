package io.github.wechatoauth.message;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.message.WechatMessageException.Reason;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.SharedStore;
import org.jspecify.annotations.Nullable;

/**
 * The message-push server's entry point, free of any web framework: verifies the server
 * URL, opens pushes (plaintext, compatible and safe mode; XML or a Mini Program's JSON)
 * into typed messages, refuses replayed nonces, and seals passive replies. A refused
 * request throws {@link WechatMessageException}, whose reason says which HTTP status to
 * answer. Thread-safe.
 *
 * <pre>{@code
 * InboundPush push = gateway.open(PushRequest.from(request::getParameter), body);
 * String response = (reply != null) ? gateway.seal(reply, push) : MessageGateway.SUCCESS;
 * }</pre>
 */
public final class MessageGateway {

	/** The answer to a push that gets no reply; WeChat then shows the user nothing. */
	public static final String SUCCESS = "success";

	private static final int MAX_TIMESTAMP_DIGITS = 12;

	private final MessageSettings settings;

	private final MessageCrypto crypto;

	private final MessageXml xml;

	private final MessageJson json;

	private final ReplayGuard replayGuard;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Creates a gateway that remembers nonces in memory: enough for one instance.
	 * @param settings the token, key, appid, mode, limits and clock
	 */
	public MessageGateway(MessageSettings settings) {
		this(settings, new InMemorySharedStore(Arguments.requireNonNull(settings, "settings").clock()));
	}

	/**
	 * Creates a gateway that remembers nonces in a store, so that a nonce used on one
	 * instance is known to all that share the store. Bound the store's calls (see
	 * {@link io.github.wechatoauth.store.BoundedSharedStore}): a store that fails lets
	 * pushes through without the replay check, and says so once in the log.
	 * @param settings the token, key, appid, mode, limits and clock
	 * @param nonceStore where signed nonces are marked, for twice the timestamp window
	 */
	public MessageGateway(MessageSettings settings, SharedStore nonceStore) {
		this.settings = Arguments.requireNonNull(settings, "settings");
		Arguments.requireNonNull(nonceStore, "nonceStore");
		this.crypto = new MessageCrypto(settings);
		this.xml = new MessageXml(settings.maxBodySize());
		this.json = new MessageJson(settings.maxBodySize());
		this.replayGuard = new ReplayGuard(nonceStore, settings.timestampWindow());
	}

	/**
	 * Answers WeChat's URL verification (a GET when the server URL is saved on the admin
	 * console). Send the result back unchanged as {@code text/plain}.
	 * @param signature the {@code signature} parameter
	 * @param timestamp the {@code timestamp} parameter
	 * @param nonce the {@code nonce} parameter
	 * @param echostr the {@code echostr} parameter
	 * @return {@code echostr}
	 * @throws WechatMessageException with {@link Reason#BAD_SIGNATURE},
	 * {@link Reason#STALE_TIMESTAMP} or, without {@code echostr},
	 * {@link Reason#MALFORMED}
	 */
	public String verifyUrl(@Nullable String signature, @Nullable String timestamp, @Nullable String nonce,
			@Nullable String echostr) {
		checkSigned(signature, timestamp, nonce);
		if (echostr == null || echostr.isEmpty()) {
			throw new WechatMessageException(Reason.MALFORMED, "echostr is missing");
		}
		return echostr;
	}

	/**
	 * Checks and opens a push, telling XML from JSON by the body; see
	 * {@link #open(PushRequest, byte[], String)}.
	 * @param request the query parameters
	 * @param body the request body, unread
	 * @return the message, whether it came encrypted, and its format
	 * @throws WechatMessageException if the push is refused; see its
	 * {@link WechatMessageException#getReason() reason}
	 */
	public InboundPush open(PushRequest request, byte[] body) {
		return open(request, body, null);
	}

	/**
	 * Checks and opens a push. Without {@code encrypt_type=aes} the push is refused in
	 * {@link MessageMode#SAFE safe mode} before anything else, and otherwise its
	 * {@code signature} is checked before the body is parsed. With
	 * {@code encrypt_type=aes} the body's {@code Encrypt} is checked against
	 * {@code msg_signature}, decrypted and its appid checked; in plaintext mode without a
	 * key, the clear fields beside {@code Encrypt} are used after checking
	 * {@code signature}. The timestamp must lie within the window, the nonce must not
	 * have come before with another body, and the body limit is checked before anything
	 * is parsed. The body is XML or JSON (see {@link PushFormat#of(String, byte[])}).
	 * @param request the query parameters
	 * @param body the request body, unread
	 * @param contentType the request's {@code Content-Type}, or {@code null}
	 * @return the message, whether it came encrypted, and its format
	 * @throws WechatMessageException if the push is refused; see its
	 * {@link WechatMessageException#getReason() reason}
	 */
	public InboundPush open(PushRequest request, byte[] body, @Nullable String contentType) {
		Arguments.requireNonNull(request, "request");
		Arguments.requireNonNull(body, "body");
		PushFormat format = PushFormat.of(contentType, body);
		if (!request.encrypted()) {
			if (this.settings.mode() == MessageMode.SAFE) {
				throw new WechatMessageException(Reason.UNENCRYPTED,
						"the account is in safe mode and the push has no encrypt_type=aes");
			}
			checkSigned(request.signature(), request.timestamp(), request.nonce(), body);
			return new InboundPush(InboundMessage.of(parse(format, body)), false, format);
		}
		Map<String, String> envelope = parse(format, body);
		String encrypt = envelope.get("Encrypt");
		if (encrypt == null || encrypt.isBlank()) {
			throw new WechatMessageException(Reason.MALFORMED, "encrypt_type is aes but the body has no Encrypt");
		}
		if (!this.crypto.hasAesKey()) {
			if (!envelope.containsKey("MsgType")) {
				throw new WechatMessageException(Reason.AES_KEY_MISSING,
						"the push is encrypted but encodingAesKey is not configured");
			}
			checkSigned(request.signature(), request.timestamp(), request.nonce(), body);
			Map<String, String> plain = new LinkedHashMap<>(envelope);
			plain.remove("Encrypt");
			return new InboundPush(InboundMessage.of(plain), false, format);
		}
		String timestamp = request.timestamp();
		String nonce = request.nonce();
		if (timestamp == null || nonce == null
				|| !this.crypto.isValidMsgSignature(request.msgSignature(), timestamp, nonce, encrypt)) {
			throw new WechatMessageException(Reason.BAD_SIGNATURE, "msg_signature is missing or does not match");
		}
		checkTimestamp(timestamp);
		this.replayGuard.check(timestamp, nonce, body);
		String plaintext = this.crypto.decrypt(encrypt);
		Map<String, String> fields = (format == PushFormat.JSON) ? this.json.parse(plaintext)
				: this.xml.parse(plaintext);
		return new InboundPush(InboundMessage.of(fields), true, format);
	}

	private Map<String, String> parse(PushFormat format, byte[] body) {
		return (format == PushFormat.JSON) ? this.json.parse(body) : this.xml.parse(body);
	}

	/**
	 * Seals a passive reply to a push the way the push came: encrypted if it was.
	 * @param reply the reply
	 * @param push the push answered
	 * @return the response body
	 * @throws IllegalStateException if the push came as JSON, which takes no reply
	 */
	public String seal(Reply reply, InboundPush push) {
		Arguments.requireNonNull(push, "push");
		if (!push.takesReply()) {
			throw new IllegalStateException("a JSON push takes no passive reply: answer \"" + SUCCESS
					+ "\" and send a customer-service " + "message instead");
		}
		return seal(reply, push.message(), push.encrypted());
	}

	/**
	 * Seals a passive reply: {@code ToUserName} and {@code FromUserName} swapped from the
	 * message answered, {@code CreateTime} from the clock, and when encrypted wrapped in
	 * {@code <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>} with a fresh
	 * nonce.
	 * @param reply the reply
	 * @param to the message answered
	 * @param encrypted whether to encrypt, as the push was
	 * @return the response body
	 * @throws IllegalStateException if encryption is asked for without an EncodingAESKey
	 */
	public String seal(Reply reply, InboundMessage to, boolean encrypted) {
		Arguments.requireNonNull(reply, "reply");
		Arguments.requireNonNull(to, "to");
		Instant now = this.settings.clock().instant();
		String xmlReply = MessageXml.write(reply, to.fromUserName(), to.toUserName(), now);
		if (!encrypted) {
			return xmlReply;
		}
		String encrypt = this.crypto.encrypt(xmlReply);
		String timestamp = Long.toString(now.getEpochSecond());
		String nonce = Integer.toString(100_000_000 + this.random.nextInt(900_000_000));
		return MessageXml.writeEnvelope(encrypt, this.crypto.msgSignature(timestamp, nonce, encrypt), timestamp, nonce);
	}

	private void checkSigned(@Nullable String signature, @Nullable String timestamp, @Nullable String nonce) {
		if (timestamp == null || nonce == null || !this.crypto.isValidSignature(signature, timestamp, nonce)) {
			throw new WechatMessageException(Reason.BAD_SIGNATURE, "signature is missing or does not match");
		}
		checkTimestamp(timestamp);
	}

	private void checkSigned(@Nullable String signature, @Nullable String timestamp, @Nullable String nonce,
			byte[] body) {
		checkSigned(signature, timestamp, nonce);
		// Both are present once the signature matched.
		this.replayGuard.check(Objects.requireNonNull(timestamp), Objects.requireNonNull(nonce), body);
	}

	private void checkTimestamp(String timestamp) {
		String seconds = timestamp.strip();
		if (seconds.isEmpty() || seconds.length() > MAX_TIMESTAMP_DIGITS
				|| !seconds.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new WechatMessageException(Reason.STALE_TIMESTAMP, "timestamp is not a number of seconds");
		}
		Instant sent = Instant.ofEpochSecond(Long.parseLong(seconds));
		Duration offset = Duration.between(sent, this.settings.clock().instant()).abs();
		if (offset.compareTo(this.settings.timestampWindow()) > 0) {
			throw new WechatMessageException(Reason.STALE_TIMESTAMP, "timestamp is " + offset.toSeconds()
					+ " s away from now, outside the window of " + this.settings.timestampWindow().toSeconds() + " s");
		}
	}

	/**
	 * Describes the gateway without the token or key.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MessageGateway[" + this.settings + "]";
	}

}
