package io.github.wechatoauth.qrcode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.store.BoundedSharedStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoreListener;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.ScanEvent;
import io.github.wechatoauth.message.SubscribeEvent;
import org.jspecify.annotations.Nullable;

/**
 * Log-in by scanning a QR code with WeChat, as many sites do on PCs: {@link #start()}
 * creates a temporary QR code whose scene is a fresh, unguessable login id; when a user
 * scans it, WeChat pushes a {@code SCAN} event (or {@code subscribe}, if the user follows
 * the account by that scan) to the message server, which hands it to
 * {@link #confirm(InboundMessage)}; the browser that shows the code meanwhile calls
 * {@link #poll(String)} until it answers {@link QrLoginStatus.Confirmed} with the user's
 * openid, which it does once.
 * <p>
 * The state of each login id lives in the {@link SharedStore} under
 * {@code qr-login:<loginId>} until the code expires, so that with a shared store (Redis
 * or JDBC) the scan can reach one instance and the poll another. A scan confirms with the
 * store's compare-and-set, so that of two scans of one code the first wins, on any
 * instance. Every store call is bounded (the store is wrapped in a
 * {@link BoundedSharedStore} unless it is one): when the store is down, {@link #start()},
 * {@link #confirm} and {@link #poll} fail within the budget with a
 * {@link io.github.wechatoauth.WechatTransportException}. Expiry is judged by the
 * {@link Clock}. Thread-safe.
 *
 * <pre>{@code
 * WechatQrLogin qrLogin = new WechatQrLogin(client.getAppId(), client::createQrCode,
 *         client.getSharedStore(), Clock.systemUTC());
 * QrLoginCode code = qrLogin.start();      // show code.qrImageUrl(), keep code.loginId()
 * qrLogin.confirm(push.message());         // in the message server, for every push
 * QrLoginStatus status = qrLogin.poll(loginId);
 * }</pre>
 */
public final class WechatQrLogin {

	/**
	 * The start of every login QR code's scene, which tells the scans of login codes from
	 * those of the account's other parametric QR codes.
	 */
	public static final String SCENE_PREFIX = "login:";

	/** How long a login QR code lives when no lifetime is given: 5 minutes. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final String KEY_PREFIX = "qr-login:";

	private static final String PENDING = "pending";

	private static final String CONFIRMED = "confirmed:";

	/** 128 bits of {@link SecureRandom}, which Base64url makes 22 characters. */
	private static final int LOGIN_ID_BYTES = 16;

	private static final Pattern LOGIN_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final QrLoginStatus PENDING_STATUS = new QrLoginStatus.Pending();

	private static final QrLoginStatus EXPIRED_STATUS = new QrLoginStatus.Expired();

	private final String appId;

	private final Function<QrCodeRequest, QrCodeTicket> qrCodes;

	private final SharedStore store;

	private final Clock clock;

	private final Duration lifetime;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Creates the log-in flow with codes that live {@link #DEFAULT_LIFETIME}.
	 * @param appId the appid of the account whose QR codes users scan
	 * @param qrCodes creates that account's QR codes, such as
	 * {@code client::createQrCode}
	 * @param store where login ids wait for their scan; share it between instances
	 * @param clock the clock that judges expiry
	 */
	public WechatQrLogin(String appId, Function<QrCodeRequest, QrCodeTicket> qrCodes, SharedStore store, Clock clock) {
		this(appId, qrCodes, store, clock, DEFAULT_LIFETIME);
	}

	/**
	 * Creates the log-in flow.
	 * @param appId the appid of the account whose QR codes users scan
	 * @param qrCodes creates that account's QR codes, such as
	 * {@code client::createQrCode}
	 * @param store where login ids wait for their scan; share it between instances
	 * @param clock the clock that judges expiry
	 * @param lifetime how long a code and its login id live: whole seconds, 1 second to
	 * 30 days
	 */
	public WechatQrLogin(String appId, Function<QrCodeRequest, QrCodeTicket> qrCodes, SharedStore store, Clock clock,
			Duration lifetime) {
		this.appId = Arguments.requireText(appId, "appId");
		this.qrCodes = Arguments.requireNonNull(qrCodes, "qrCodes");
		this.clock = Arguments.requireNonNull(clock, "clock");
		this.store = BoundedSharedStore.of(Arguments.requireNonNull(store, "store"), BoundedSharedStore.DEFAULT_TIMEOUT,
				this.clock, StoreListener.NONE);
		Arguments.requireNonNull(lifetime, "lifetime");
		if (lifetime.toSeconds() < 1 || lifetime.compareTo(QrCodeRequest.MAX_EXPIRY) > 0
				|| lifetime.toNanosPart() != 0) {
			throw new IllegalArgumentException(
					"lifetime must be whole seconds between 1 second and 30 days, was " + lifetime);
		}
		this.lifetime = lifetime;
	}

	/**
	 * Starts a log-in: stores a new login id as pending, then creates a temporary QR code
	 * ({@code QR_STR_SCENE}) whose scene is {@link #SCENE_PREFIX} followed by the id.
	 * @return the login id, the code's image link and when it expires
	 * @throws io.github.wechatoauth.WechatException if WeChat refuses the code or cannot
	 * be reached
	 */
	public QrLoginCode start() {
		String loginId = newLoginId();
		Instant now = this.clock.instant();
		// Stored first: a scan can only come once the code exists.
		this.store.put(key(loginId), new StoredValue(PENDING, now, now.plus(this.lifetime)));
		QrCodeTicket ticket = this.qrCodes.apply(QrCodeRequest.temporary(SCENE_PREFIX + loginId, this.lifetime));
		Duration granted = (ticket.expireSeconds() > 0) ? Duration.ofSeconds(ticket.expireSeconds()) : this.lifetime;
		Instant expiresAt = now.plus((granted.compareTo(this.lifetime) < 0) ? granted : this.lifetime);
		return new QrLoginCode(loginId, ticket.imageUrl(), expiresAt);
	}

	/**
	 * Confirms the login whose code a push reports scanned: a {@link ScanEvent}, or a
	 * {@link SubscribeEvent} from a QR code, whose scene starts with
	 * {@link #SCENE_PREFIX}. Anything else is ignored, so every push can be passed in.
	 * @param message a push
	 * @return whether a pending login was confirmed
	 */
	public boolean confirm(InboundMessage message) {
		Arguments.requireNonNull(message, "message");
		String scene = null;
		if (message instanceof ScanEvent scan) {
			scene = scan.scene();
		}
		else if (message instanceof SubscribeEvent subscribe) {
			scene = subscribe.scene();
		}
		if (scene == null || !scene.startsWith(SCENE_PREFIX)) {
			return false;
		}
		return confirm(scene.substring(SCENE_PREFIX.length()), message.fromUserName());
	}

	/**
	 * Confirms a pending login with the openid of the user who scanned its code. The
	 * first scan wins, atomically (the store's compare-and-set from pending to
	 * confirmed): a login that is confirmed, consumed or expired stays as it is.
	 * @param loginId the login id
	 * @param openid the openid of the user who scanned
	 * @return whether a pending login was confirmed
	 */
	public boolean confirm(String loginId, String openid) {
		Arguments.requireText(openid, "openid");
		Optional<StoredValue> state = live(loginId);
		if (state.isEmpty() || !PENDING.equals(state.get().value())) {
			return false;
		}
		return this.store.replace(key(loginId), PENDING,
				new StoredValue(CONFIRMED + openid, this.clock.instant(), state.get().expiresAt()));
	}

	/**
	 * Tells where a login stands. A confirmed login is consumed by the poll that reports
	 * it (a compare-and-delete in the store), so that of two polls, on one instance or
	 * two, only one sees the openid.
	 * @param loginId the login id from {@link #start()}; any other string answers
	 * {@link QrLoginStatus.Expired}
	 * @return pending, confirmed with the openid (once), or expired
	 */
	public QrLoginStatus poll(@Nullable String loginId) {
		Optional<StoredValue> state = live(loginId);
		if (loginId == null || state.isEmpty()) {
			return EXPIRED_STATUS;
		}
		String value = state.get().value();
		if (PENDING.equals(value)) {
			return PENDING_STATUS;
		}
		if (value.startsWith(CONFIRMED) && this.store.remove(key(loginId), value)) {
			return new QrLoginStatus.Confirmed(value.substring(CONFIRMED.length()));
		}
		return EXPIRED_STATUS;
	}

	/**
	 * Returns the appid of the account whose QR codes these are: only that account's
	 * scans confirm a log-in.
	 * @return the appid
	 */
	public String getAppId() {
		return this.appId;
	}

	/**
	 * Returns the lifetime of the codes this flow creates.
	 * @return the lifetime
	 */
	public Duration getLifetime() {
		return this.lifetime;
	}

	private Optional<StoredValue> live(@Nullable String loginId) {
		// Anything but a login id of ours never reaches the store.
		if (loginId == null || !LOGIN_ID.matcher(loginId).matches()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.store.get(key(loginId)).filter((state) -> now.isBefore(state.expiresAt()));
	}

	private String newLoginId() {
		byte[] bytes = new byte[LOGIN_ID_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String key(String loginId) {
		return KEY_PREFIX + loginId;
	}

	/**
	 * Describes the flow without its state.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "WechatQrLogin[appId=" + this.appId + ", lifetime=" + this.lifetime + "]";
	}

}
