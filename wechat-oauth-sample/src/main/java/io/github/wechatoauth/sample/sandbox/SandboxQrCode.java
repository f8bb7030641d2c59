package io.github.wechatoauth.sample.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A parametric QR code the sandbox created, with what a scan of it sends: the scene comes
 * back in the {@code EventKey} of the pushed event, the ticket in its {@code Ticket}.
 *
 * @param ticket the ticket, which fetches the image
 * @param actionName {@code QR_SCENE}, {@code QR_STR_SCENE}, {@code QR_LIMIT_SCENE} or
 * {@code QR_LIMIT_STR_SCENE}
 * @param sceneId the numeric scene, or {@code null}
 * @param sceneStr the string scene, or {@code null}
 * @param url what the QR code encodes
 * @param createdAt when it was created
 * @param expiresAt when a temporary code expires; {@code null} for a permanent code
 */
public record SandboxQrCode(String ticket, String actionName, @Nullable Integer sceneId, @Nullable String sceneStr,
		String url, Instant createdAt, @Nullable Instant expiresAt) {

	/**
	 * Returns the scene as the pushed event carries it.
	 * @return the scene id in decimal, or the scene string
	 */
	public String scene() {
		return (this.sceneStr != null) ? this.sceneStr : String.valueOf(this.sceneId);
	}

	/**
	 * Returns the {@code EventKey} of the event a scan pushes: {@code qrscene_<scene>} in
	 * the {@code subscribe} event of a user who did not follow the account yet, the bare
	 * scene in the {@code SCAN} event of a follower.
	 * @param subscribing whether the scan makes the user follow the account
	 * @return the event key
	 */
	public String eventKey(boolean subscribing) {
		return subscribing ? "qrscene_" + scene() : scene();
	}

	/**
	 * Tells whether the code is permanent.
	 * @return whether it has no expiry
	 */
	public boolean isPermanent() {
		return this.expiresAt == null;
	}

	/**
	 * Tells whether the code can still be scanned and shown.
	 * @param now the current instant
	 * @return whether it is permanent or not yet expired
	 */
	public boolean isLive(Instant now) {
		Instant expiry = this.expiresAt;
		return expiry == null || now.isBefore(expiry);
	}

}
