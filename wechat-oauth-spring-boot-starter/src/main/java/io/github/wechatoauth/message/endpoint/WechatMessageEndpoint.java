package io.github.wechatoauth.message.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.wechatoauth.store.BoundedSharedStore;
import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoreListener;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.InboundPush;
import io.github.wechatoauth.message.MessageGateway;
import io.github.wechatoauth.message.MessageSettings;
import io.github.wechatoauth.message.PushRequest;
import io.github.wechatoauth.message.Reply;
import io.github.wechatoauth.message.WechatMessageException;
import io.github.wechatoauth.message.WechatMessageException.Reason;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The message-push endpoint of one account, for Spring MVC: {@code GET} answers WeChat's
 * URL verification, {@code POST} takes a push in plaintext, compatible or safe mode.
 * Register {@link #routerFunction()} as a bean (the starter does, at
 * {@code wechat.message.path}, and at {@code wechat.apps.<name>.message.path} for each
 * named account with a token).
 * <p>
 * A push is checked and opened by the account's {@link MessageGateway}, from a body read
 * up to the size limit: XML, or a Mini Program's JSON (told by {@code Content-Type}, else
 * by the body), in the account's {@link io.github.wechatoauth.message.MessageMode mode}.
 * A refused request is answered with the status its {@link Reason} names (403 for a wrong
 * signature, a stale timestamp, a push that is not encrypted in safe mode or a nonce
 * replayed with another body; 400 for a malformed body or a number out of its range; 413
 * for an oversized one), no body, and one WARN line that quotes nothing from the body.
 * Signed nonces are marked in the {@link SharedStore} with the same budget as the
 * de-duplication mark below; a store that fails lets pushes through unchecked. An
 * accepted push is marked seen in the {@link SharedStore} (a lease under
 * {@code message:<deduplication key>}, never released, that lives twice the timestamp
 * window), so that WeChat's retries, reaching any instance that shares the store, are
 * answered {@code success} without being handled again; then the
 * {@link WechatMessageDispatcher} hands it to the application, and its reply, if one
 * comes within the reply timeout, is sealed the way the push came. A JSON push is always
 * answered {@code success}: Mini Programs take no passive reply.
 */
public final class WechatMessageEndpoint {

	private static final Log logger = LogFactory.getLog(WechatMessageEndpoint.class);

	private static final MediaType TEXT_PLAIN = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	private static final MediaType TEXT_XML = new MediaType(MediaType.TEXT_XML, StandardCharsets.UTF_8);

	/** Seen marks outlive WeChat's retries (about 15 s) even with a short window. */
	private static final Duration MIN_DEDUPLICATION_TTL = Duration.ofMinutes(1);

	/** Longer keys are hashed, to fit every store's key column. */
	private static final int MAX_KEY_LENGTH = 120;

	private static final String KEY_PREFIX = "message:";

	private final String path;

	private final MessageGateway gateway;

	private final int maxBodySize;

	private final Duration replyTimeout;

	private final Duration deduplicationTtl;

	private final SharedStore deduplicationStore;

	private final WechatMessageDispatcher dispatcher;

	private final MessageAccount account;

	/** Whether the last push could not be marked seen, so that an outage is told once. */
	private final AtomicBoolean markFailing = new AtomicBoolean();

	/**
	 * Creates the endpoint of one account.
	 * @param name the account's name under {@code wechat.apps}, which handlers and
	 * listeners are told, or {@code null} for the account of {@code wechat.*}
	 * @param path the path WeChat calls, such as {@code /wechat/message}
	 * @param settings the account's token, EncodingAESKey, appid, timestamp window and
	 * body limit
	 * @param replyTimeout the longest wait for the handlers' reply; below WeChat's 5
	 * seconds
	 * @param deduplicationStore the account's store, where pushes are marked seen; share
	 * it between instances
	 * @param dispatcher what hands messages to the application
	 */
	public WechatMessageEndpoint(@Nullable String name, String path, MessageSettings settings, Duration replyTimeout,
			SharedStore deduplicationStore, WechatMessageDispatcher dispatcher) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("path must start with /, was " + path);
		}
		if (replyTimeout.isNegative() || replyTimeout.isZero()) {
			throw new IllegalArgumentException("replyTimeout must be positive, was " + replyTimeout);
		}
		this.path = path;
		this.maxBodySize = settings.maxBodySize();
		this.replyTimeout = replyTimeout;
		Duration twiceTheWindow = settings.timestampWindow().multipliedBy(2);
		this.deduplicationTtl = (twiceTheWindow.compareTo(MIN_DEDUPLICATION_TTL) > 0) ? twiceTheWindow
				: MIN_DEDUPLICATION_TTL;
		// The mark has a budget of its own, out of the reply's: the push is answered
		// within replyTimeout whatever the store does. A store taken as down is probed
		// again by the account's clock.
		this.deduplicationStore = BoundedSharedStore.of(deduplicationStore,
				min(BoundedSharedStore.DEFAULT_TIMEOUT, replyTimeout.dividedBy(4)), settings.clock(),
				StoreListener.NONE);
		// Nonces are marked in the same store, with the same budget.
		this.gateway = new MessageGateway(settings, this.deduplicationStore);
		this.dispatcher = dispatcher;
		this.account = new MessageAccount(name, settings.appId());
	}

	public String getPath() {
		return this.path;
	}

	public MessageAccount getAccount() {
		return this.account;
	}

	/**
	 * Returns the routes of this endpoint: {@code GET} and {@code POST} on its path.
	 * @return the router function, to register as a bean
	 */
	public RouterFunction<ServerResponse> routerFunction() {
		return RouterFunctions.route().GET(this.path, this::verifyUrl).POST(this.path, this::receive).build();
	}

	/**
	 * Answers URL verification: {@code echostr}, after the signature check.
	 * @param request the request
	 * @return {@code echostr} as text, or the refusal
	 */
	ServerResponse verifyUrl(ServerRequest request) {
		HttpServletRequest servletRequest = request.servletRequest();
		try {
			String echostr = this.gateway.verifyUrl(servletRequest.getParameter("signature"),
					servletRequest.getParameter("timestamp"), servletRequest.getParameter("nonce"),
					servletRequest.getParameter("echostr"));
			return ServerResponse.ok().contentType(TEXT_PLAIN).body(echostr);
		}
		catch (WechatMessageException ex) {
			return refuse("URL verification", servletRequest, ex);
		}
	}

	/**
	 * Takes a push: checks and opens it, hands it to the application once, and answers
	 * with the sealed reply or {@code success}.
	 * @param request the request
	 * @return the reply, {@code success}, or the refusal
	 * @throws IOException if the body cannot be read
	 */
	ServerResponse receive(ServerRequest request) throws IOException {
		HttpServletRequest servletRequest = request.servletRequest();
		// The nonce check and the mark take from the reply's time.
		long started = System.nanoTime();
		InboundPush push;
		try {
			byte[] body = readBody(servletRequest);
			push = this.gateway.open(PushRequest.from(servletRequest::getParameter), body,
					servletRequest.getContentType());
		}
		catch (WechatMessageException ex) {
			return refuse("push", servletRequest, ex);
		}
		InboundMessage message = push.message();
		Optional<Lease> seen;
		try {
			seen = this.deduplicationStore.tryAcquireLease(storeKey(message.deduplicationKey()), this.deduplicationTtl);
			if (this.markFailing.compareAndSet(true, false)) {
				logger.info("Pushes are de-duplicated again");
			}
			if (seen.isEmpty()) {
				if (logger.isDebugEnabled()) {
					logger.debug("Answered the repeated WeChat " + WechatMessageDispatcher.describe(message)
							+ " with \"success\" without handling it again");
				}
				return success();
			}
		}
		catch (RuntimeException ex) {
			// Better handled twice than never; said once per outage, not per push.
			String text = "Could not check whether the WeChat " + WechatMessageDispatcher.describe(message)
					+ " is a repeat; handling it: " + ex.getMessage();
			if (this.markFailing.compareAndSet(false, true)) {
				logger.warn(text + ". Pushes are handled without de-duplication until the store answers "
						+ "again: a push WeChat retries may be handled twice");
			}
			else {
				logger.debug(text);
			}
			seen = Optional.empty();
		}
		// What the store calls took comes off the reply's time, in steps of 10 ms (so
		// quick calls leave the configured time as it is).
		long storeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		Duration left = this.replyTimeout.minusMillis(storeMillis / 10 * 10);
		Optional<Reply> reply;
		try {
			reply = this.dispatcher.dispatch(message, this.account,
					left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
		}
		catch (RejectedExecutionException ex) {
			// Nothing ran: let WeChat's retry have another go.
			seen.ifPresent(this.deduplicationStore::releaseLease);
			logger.warn("Refused the WeChat " + WechatMessageDispatcher.describe(message)
					+ " with 503: the message executor is full (" + ex.getMessage() + ")");
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
		if (reply.isEmpty()) {
			return success();
		}
		if (!push.takesReply()) {
			logger.debug("Dropped the reply to the WeChat " + WechatMessageDispatcher.describe(message)
					+ ": a Mini Program's JSON push takes no passive reply");
			return success();
		}
		return ServerResponse.ok().contentType(TEXT_XML).body(this.gateway.seal(reply.get(), push));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Reads the body, never more than one byte past the limit; the gateway refuses what
	 * is over it.
	 */
	private byte[] readBody(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBodySize) {
			throw new WechatMessageException(Reason.BODY_TOO_LARGE,
					"the body has " + declared + " bytes, more than the limit of " + this.maxBodySize);
		}
		return request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE, this.maxBodySize + 1L));
	}

	private ServerResponse refuse(String what, HttpServletRequest request, WechatMessageException ex) {
		Reason reason = ex.getReason();
		logger.warn("Refused a WeChat " + what + " at " + this.path + " from " + request.getRemoteAddr() + " with "
				+ reason.httpStatus() + " (" + reason + "): " + ex.getMessage());
		return ServerResponse.status(reason.httpStatus()).build();
	}

	private static ServerResponse success() {
		return ServerResponse.ok().contentType(TEXT_PLAIN).body(MessageGateway.SUCCESS);
	}

	static String storeKey(String deduplicationKey) {
		String key = KEY_PREFIX + deduplicationKey;
		if (key.length() <= MAX_KEY_LENGTH) {
			return key;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(deduplicationKey.getBytes(StandardCharsets.UTF_8));
			return KEY_PREFIX + "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	// Without the token or key.
	@Override
	public String toString() {
		return "WechatMessageEndpoint[" + ((this.account.name() != null) ? "account=" + this.account.name() + ", " : "")
				+ "path=" + this.path + ", replyTimeout=" + this.replyTimeout + ", " + this.gateway + "]";
	}

}
