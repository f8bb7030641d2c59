package io.github.wechatoauth.qrcode;

import io.github.wechatoauth.internal.Arguments;

/**
 * What {@link WechatQrLogin#poll(String)} answers: the code waits for its scan
 * ({@link Pending}), a user scanned it ({@link Confirmed}, given once), or it is of no
 * more use ({@link Expired}: expired, already consumed, or never issued).
 */
public sealed interface QrLoginStatus permits QrLoginStatus.Pending, QrLoginStatus.Confirmed, QrLoginStatus.Expired {

	/**
	 * No one has scanned the code yet: poll again.
	 */
	record Pending() implements QrLoginStatus {

	}

	/**
	 * A user scanned the code: log them in. This answer is given once; every later poll
	 * of the same login id answers {@link Expired}.
	 *
	 * @param openid the openid of the user who scanned
	 */
	record Confirmed(String openid) implements QrLoginStatus {

		/**
		 * Checks the value.
		 * @param openid not blank
		 */
		public Confirmed {
			Arguments.requireText(openid, "openid");
		}

	}

	/**
	 * The login id has expired, has already been consumed, or was never issued: start
	 * again with a new code.
	 */
	record Expired() implements QrLoginStatus {

	}

}
