package io.github.wechatoauth.qrcode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * What a parametric QR code carries: a scene (a number or a string) that comes back in
 * the scan event, and, for a temporary code, how long it lives. Built with
 * {@link #temporary(int, Duration)}, {@link #temporary(String, Duration)},
 * {@link #permanent(int)} or {@link #permanent(String)}; every request is checked against
 * WeChat's ranges.
 *
 * @param actionName {@code QR_SCENE}, {@code QR_STR_SCENE}, {@code QR_LIMIT_SCENE} or
 * {@code QR_LIMIT_STR_SCENE}
 * @param sceneId the numeric scene, or {@code null} for a string scene
 * @param sceneStr the string scene, or {@code null} for a numeric scene
 * @param expiresIn the lifetime of a temporary code, or {@code null} for a permanent one
 */
public record QrCodeRequest(String actionName, @Nullable Integer sceneId, @Nullable String sceneStr,
		@Nullable Duration expiresIn) {

	/** The longest a temporary code can live: 30 days. */
	public static final Duration MAX_EXPIRY = Duration.ofDays(30);

	/** The largest scene id of a permanent code. */
	public static final int MAX_PERMANENT_SCENE_ID = 100_000;

	/** The longest string scene. */
	public static final int MAX_SCENE_STR_LENGTH = 64;

	/**
	 * Checks the request against WeChat's rules for its action.
	 * @param actionName {@code QR_SCENE}, {@code QR_STR_SCENE}, {@code QR_LIMIT_SCENE} or
	 * {@code QR_LIMIT_STR_SCENE}
	 * @param sceneId the numeric scene of {@code QR_SCENE} and {@code QR_LIMIT_SCENE},
	 * else {@code null}
	 * @param sceneStr the string scene of {@code QR_STR_SCENE} and
	 * {@code QR_LIMIT_STR_SCENE}, else {@code null}
	 * @param expiresIn the lifetime of a temporary code, else {@code null}
	 */
	public QrCodeRequest {
		Arguments.requireNonNull(actionName, "actionName");
		boolean permanent = actionName.startsWith("QR_LIMIT_");
		boolean stringScene = actionName.endsWith("STR_SCENE");
		if (!List.of("QR_SCENE", "QR_STR_SCENE", "QR_LIMIT_SCENE", "QR_LIMIT_STR_SCENE").contains(actionName)) {
			throw new IllegalArgumentException(
					"actionName must be QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE or QR_LIMIT_STR_SCENE, was "
							+ actionName);
		}
		if (stringScene) {
			checkSceneStr(sceneStr);
			if (sceneId != null) {
				throw new IllegalArgumentException("sceneId must be null for " + actionName);
			}
		}
		else {
			checkSceneId(sceneId, permanent);
			if (sceneStr != null) {
				throw new IllegalArgumentException("sceneStr must be null for " + actionName);
			}
		}
		if (permanent && expiresIn != null) {
			throw new IllegalArgumentException("expiresIn must be null for a permanent QR code");
		}
		if (!permanent) {
			checkExpiry(expiresIn);
		}
	}

	/**
	 * A temporary code with a numeric scene.
	 * @param sceneId a non-zero 32-bit integer
	 * @param expiresIn 1 second to 30 days
	 * @return the request
	 */
	public static QrCodeRequest temporary(int sceneId, Duration expiresIn) {
		return new QrCodeRequest("QR_SCENE", sceneId, null, expiresIn);
	}

	/**
	 * A temporary code with a string scene.
	 * @param sceneStr 1 to 64 characters
	 * @param expiresIn 1 second to 30 days
	 * @return the request
	 */
	public static QrCodeRequest temporary(String sceneStr, Duration expiresIn) {
		return new QrCodeRequest("QR_STR_SCENE", null, sceneStr, expiresIn);
	}

	/**
	 * A permanent code with a numeric scene; an account can have at most 100,000.
	 * @param sceneId 1 to 100,000
	 * @return the request
	 */
	public static QrCodeRequest permanent(int sceneId) {
		return new QrCodeRequest("QR_LIMIT_SCENE", sceneId, null, null);
	}

	/**
	 * A permanent code with a string scene.
	 * @param sceneStr 1 to 64 characters
	 * @return the request
	 */
	public static QrCodeRequest permanent(String sceneStr) {
		return new QrCodeRequest("QR_LIMIT_STR_SCENE", null, sceneStr, null);
	}

	/**
	 * Tells whether the code is permanent.
	 * @return whether no expiry is set
	 */
	public boolean isPermanent() {
		return this.expiresIn == null;
	}

	/**
	 * Returns the body of {@code cgi-bin/qrcode/create}.
	 * @return the body, ready to be written as JSON
	 */
	Map<String, Object> toBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.expiresIn != null) {
			body.put("expire_seconds", this.expiresIn.toSeconds());
		}
		body.put("action_name", this.actionName);
		Map<String, Object> scene = (this.sceneId != null) ? Map.of("scene_id", this.sceneId)
				: Map.of("scene_str", Arguments.requireNonNull(this.sceneStr, "sceneStr"));
		body.put("action_info", Map.of("scene", scene));
		return body;
	}

	private static void checkSceneId(@Nullable Integer sceneId, boolean permanent) {
		int id = Arguments.requireNonNull(sceneId, "sceneId");
		if (permanent && (id < 1 || id > MAX_PERMANENT_SCENE_ID)) {
			throw new IllegalArgumentException(
					"sceneId of a permanent QR code must be between 1 and " + MAX_PERMANENT_SCENE_ID + ", was " + id);
		}
		if (!permanent && id == 0) {
			throw new IllegalArgumentException("sceneId of a temporary QR code must not be 0");
		}
	}

	private static void checkExpiry(@Nullable Duration expiresIn) {
		Duration expiry = Arguments.requireNonNull(expiresIn, "expiresIn");
		if (expiry.toSeconds() < 1 || expiry.compareTo(MAX_EXPIRY) > 0) {
			throw new IllegalArgumentException(
					"expiresIn of a temporary QR code must be between 1 second and 30 days, was " + expiresIn);
		}
	}

	private static void checkSceneStr(@Nullable String sceneStr) {
		String scene = Arguments.requireText(sceneStr, "sceneStr");
		if (scene.length() > MAX_SCENE_STR_LENGTH) {
			throw new IllegalArgumentException(
					"sceneStr must be at most " + MAX_SCENE_STR_LENGTH + " characters, was " + scene.length());
		}
	}

}
