package io.github.wechatoauth.sample.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wechatoauth.sample.RandomStrings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The parametric QR codes the sandbox created ({@code cgi-bin/qrcode/create}), checked
 * like WeChat checks them, and kept with their scenes.
 * <p>
 * This is where a "simulate scan" feature starts: {@link #find(String)} gives the code
 * behind a ticket (or {@link #all()} the codes to offer), and its
 * {@link SandboxQrCode#eventKey(boolean)} and {@link SandboxQrCode#ticket()} are what the
 * pushed {@code SCAN} or {@code subscribe} event carries, from one of
 * {@link SandboxUsers#all()} as {@code FromUserName}.
 */
@Component
@ConditionalOnSandbox
public class SandboxQrCodes {

	/** Lifetime of a temporary code created without {@code expire_seconds}. */
	public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);

	/** Longest lifetime of a temporary code; longer requests are cut to it. */
	public static final Duration MAX_EXPIRY = Duration.ofDays(30);

	/** Largest scene id of a permanent code. */
	public static final int MAX_PERMANENT_SCENE_ID = 100_000;

	/** Longest string scene. */
	public static final int MAX_SCENE_STR_LENGTH = 64;

	private final Map<String, SandboxQrCode> codes = new ConcurrentHashMap<>();

	private final SandboxCredentials credentials;

	private final Clock clock;

	/**
	 * Creates the registry.
	 * @param credentials checks the access token of {@code qrcode/create}
	 * @param clock the sandbox's clock
	 */
	public SandboxQrCodes(SandboxCredentials credentials, Clock clock) {
		this.credentials = credentials;
		this.clock = clock;
	}

	/**
	 * Creates a QR code from the body of {@code cgi-bin/qrcode/create}. A temporary
	 * code's {@code expire_seconds} defaults to 60 and is cut to 30 days; scenes out of
	 * range are answered 40053, unknown action names 40052.
	 * @param accessToken the access token
	 * @param body the request body, as read by Spring Boot's {@code JsonParser}
	 * @return the code
	 */
	public SandboxQrCode create(@Nullable String accessToken, Map<String, ?> body) {
		this.credentials.requireAccessToken(accessToken);
		String actionName = (body.get("action_name") instanceof String name) ? name : "";
		boolean permanent;
		boolean stringScene;
		switch (actionName) {
			case "QR_SCENE" -> {
				permanent = false;
				stringScene = false;
			}
			case "QR_STR_SCENE" -> {
				permanent = false;
				stringScene = true;
			}
			case "QR_LIMIT_SCENE" -> {
				permanent = true;
				stringScene = false;
			}
			case "QR_LIMIT_STR_SCENE" -> {
				permanent = true;
				stringScene = true;
			}
			default -> throw WechatError.INVALID_ACTION_NAME.exception();
		}
		Map<?, ?> scene = object(object(body.get("action_info")).get("scene"));
		Integer sceneId = stringScene ? null : sceneId(scene.get("scene_id"), permanent);
		String sceneStr = stringScene ? sceneStr(scene.get("scene_str")) : null;
		Instant now = this.clock.instant();
		Instant expiresAt = permanent ? null : now.plus(expiry(body.get("expire_seconds")));
		forgetExpired(now);
		String url = "http://weixin.qq.com/q/02" + RandomStrings.alphanumeric(20);
		SandboxQrCode code = new SandboxQrCode(ticket(url, now, expiresAt), actionName, sceneId, sceneStr, url, now,
				expiresAt);
		this.codes.put(code.ticket(), code);
		return code;
	}

	/**
	 * Finds the code behind a ticket, expired or not.
	 * @param ticket the ticket
	 * @return the code, if the sandbox created one with that ticket
	 */
	public Optional<SandboxQrCode> find(String ticket) {
		return Optional.ofNullable(this.codes.get(ticket));
	}

	/**
	 * Finds the code behind a ticket if it can still be scanned and shown.
	 * @param ticket the ticket
	 * @return the code, if the sandbox created one with that ticket and it has not
	 * expired
	 */
	public Optional<SandboxQrCode> findLive(String ticket) {
		Instant now = this.clock.instant();
		return find(ticket).filter((code) -> code.isLive(now));
	}

	/**
	 * Returns the codes that can still be scanned, newest first.
	 * @return the live codes
	 */
	public List<SandboxQrCode> all() {
		Instant now = this.clock.instant();
		return this.codes.values()
			.stream()
			.filter((code) -> code.isLive(now))
			.sorted(Comparator.comparing(SandboxQrCode::createdAt).reversed())
			.toList();
	}

	private static Map<?, ?> object(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? map : Map.of();
	}

	private static Integer sceneId(@Nullable Object value, boolean permanent) {
		if (!(value instanceof Integer || value instanceof Long)
				|| ((Number) value).intValue() != ((Number) value).longValue()) {
			throw WechatError.INVALID_ACTION_INFO.exception();
		}
		int id = ((Number) value).intValue();
		if (permanent ? (id < 1 || id > MAX_PERMANENT_SCENE_ID) : id == 0) {
			throw WechatError.INVALID_ACTION_INFO.exception();
		}
		return id;
	}

	private static String sceneStr(@Nullable Object value) {
		String scene = (value instanceof String text) ? text : "";
		if (scene.isEmpty() || scene.length() > MAX_SCENE_STR_LENGTH) {
			throw WechatError.INVALID_ACTION_INFO.exception();
		}
		return scene;
	}

	private static Duration expiry(@Nullable Object value) {
		long seconds = (value instanceof Number number) ? number.longValue() : 0;
		if (seconds <= 0) {
			return DEFAULT_EXPIRY;
		}
		Duration requested = Duration.ofSeconds(seconds);
		return (requested.compareTo(MAX_EXPIRY) > 0) ? MAX_EXPIRY : requested;
	}

	/**
	 * Makes a ticket shaped like WeChat's: Base64 of a few opaque bytes, the URL and the
	 * times, so that it holds {@code +}, {@code /} or {@code =} often enough to catch a
	 * link that encodes it twice or not at all.
	 */
	private static String ticket(String url, Instant createdAt, @Nullable Instant expiresAt) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(new byte[] { (byte) 0x81, 0x01 });
		bytes.writeBytes(RandomStrings.bytes(10));
		byte[] urlBytes = url.getBytes(StandardCharsets.US_ASCII);
		bytes.write(urlBytes.length);
		bytes.writeBytes(urlBytes);
		ByteBuffer times = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
		times.put(new byte[] { 0x00, 0x02 }).putInt((int) createdAt.getEpochSecond());
		times.put(new byte[] { 0x03, 0x04 }).putInt((expiresAt != null) ? (int) expiresAt.getEpochSecond() : 0);
		bytes.writeBytes(times.array());
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

	private void forgetExpired(Instant now) {
		Instant dayAgo = now.minus(Duration.ofDays(1));
		this.codes.values().removeIf((code) -> {
			Instant expiresAt = code.expiresAt();
			return expiresAt != null && expiresAt.isBefore(dayAgo);
		});
	}

}
