package io.github.wechatoauth.qrcode;

import java.time.Instant;

import io.github.wechatoauth.internal.Arguments;

/**
 * A scan-to-log-in QR code, as {@link WechatQrLogin#start()} made it: show the image,
 * keep the login id (in the browser's session, say), and poll with it until the user has
 * scanned or the code has expired.
 *
 * @param loginId the unguessable id to poll with; treat it as a secret of the browser
 * that shows the code
 * @param qrImageUrl the link to the QR code's image ({@code showqrcode})
 * @param expiresAt when the code stops working; polls answer
 * {@link QrLoginStatus.Expired} from then on
 */
public record QrLoginCode(String loginId, String qrImageUrl, Instant expiresAt) {

	/**
	 * Checks the values.
	 * @param loginId not blank
	 * @param qrImageUrl not blank
	 * @param expiresAt not null
	 */
	public QrLoginCode {
		Arguments.requireText(loginId, "loginId");
		Arguments.requireText(qrImageUrl, "qrImageUrl");
		Arguments.requireNonNull(expiresAt, "expiresAt");
	}

}
