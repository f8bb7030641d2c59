package io.github.wechatoauth.jssdk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.wechatoauth.internal.Sha1;
import org.jspecify.annotations.Nullable;

/**
 * The text a JS-SDK signature hashes,
 * {@code jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL}, written as UTF-8 bytes into an
 * array of the calling thread and hashed from there: no string is built and encoded per
 * signature, the part up to the nonce stays written while the ticket stays the same, and
 * the part between nonce and URL while the timestamp does (a second), and a new nonce is
 * drawn straight into its place. A text longer than {@value #MAX_LENGTH} bytes is signed
 * from a string instead, for the same signature.
 */
final class SignatureText {

	/**
	 * Enough for a ticket and a page URL of ordinary length, grown when one is longer.
	 */
	private static final int INITIAL_LENGTH = 256;

	/** Longer texts are signed from a string, so that no thread keeps a large array. */
	static final int MAX_LENGTH = 4096;

	private static final ThreadLocal<SignatureText> texts = ThreadLocal.withInitial(SignatureText::new);

	private byte[] bytes = new byte[INITIAL_LENGTH];

	/** The ticket whose part the array holds up to {@link #nonceStart}, if any. */
	private @Nullable String ticket;

	private int nonceStart;

	/** Where the timestamp's part is written, or -1 if it is not. */
	private int timestampStart = -1;

	private long timestamp;

	private int urlStart;

	private SignatureText() {
	}

	/**
	 * Signs values that were checked: SHA-1 of
	 * {@code jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL}, lowercase hex.
	 * @param jsapiTicket the ticket
	 * @param nonceStr the nonce
	 * @param timestamp the Unix time in seconds
	 * @param url the page URL without its fragment
	 * @return the signature
	 */
	static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
		SignatureText text = texts.get();
		int length = text.write(jsapiTicket, nonceStr, timestamp, url);
		return (length < 0) ? signString(jsapiTicket, nonceStr, timestamp, url) : Sha1.hex(text.bytes, length);
	}

	/**
	 * Signs checked values with a new nonce, drawn straight into the text.
	 * @param appId the appid, for the result
	 * @param jsapiTicket the ticket
	 * @param timestamp the Unix time in seconds
	 * @param url the page URL without its fragment
	 * @return the values for {@code wx.config}
	 */
	static JsSdkSignature signWithNewNonce(String appId, String jsapiTicket, long timestamp, String url) {
		SignatureText text = texts.get();
		int length = text.write(jsapiTicket, null, timestamp, url);
		if (length < 0) {
			String nonce = Nonces.next();
			return new JsSdkSignature(appId, nonce, timestamp, url, signString(jsapiTicket, nonce, timestamp, url));
		}
		String nonce = new String(text.bytes, text.nonceStart, Nonces.LENGTH, StandardCharsets.ISO_8859_1);
		return new JsSdkSignature(appId, nonce, timestamp, url, Sha1.hex(text.bytes, length));
	}

	private static String signString(String jsapiTicket, String nonceStr, long timestamp, String url) {
		return Sha1
			.hex("jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp + "&url=" + url);
	}

	/**
	 * Writes the text into the array, with the given nonce or, for {@code null}, a new
	 * one.
	 * @return its length, or -1 if it is too long
	 */
	private int write(String jsapiTicket, @Nullable String nonceStr, long timestamp, String url) {
		if (!jsapiTicket.equals(this.ticket) && !writeTicket(jsapiTicket)) {
			return -1;
		}
		// Strings of Latin-1 text encode with a check and a copy, faster than a loop.
		byte[] nonce = (nonceStr != null) ? nonceStr.getBytes(StandardCharsets.UTF_8) : null;
		int timestampStart = this.nonceStart + ((nonce != null) ? nonce.length : Nonces.LENGTH);
		if (timestampStart != this.timestampStart || timestamp != this.timestamp) {
			byte[] part = ("&timestamp=" + timestamp + "&url=").getBytes(StandardCharsets.US_ASCII);
			if (!put(part, timestampStart)) {
				return -1;
			}
			this.timestampStart = timestampStart;
			this.timestamp = timestamp;
			this.urlStart = timestampStart + part.length;
		}
		// The timestamp's part, written after the nonce's room, made the array long
		// enough.
		if (nonce != null) {
			put(nonce, this.nonceStart);
		}
		else {
			Nonces.write(this.bytes, this.nonceStart);
		}
		byte[] page = url.getBytes(StandardCharsets.UTF_8);
		return put(page, this.urlStart) ? this.urlStart + page.length : -1;
	}

	/** Writes {@code jsapi_ticket=T&noncestr=}, whose end the nonce follows. */
	private boolean writeTicket(String jsapiTicket) {
		this.ticket = null;
		this.timestampStart = -1;
		byte[] part = ("jsapi_ticket=" + jsapiTicket + "&noncestr=").getBytes(StandardCharsets.UTF_8);
		if (!put(part, 0)) {
			return false;
		}
		this.nonceStart = part.length;
		this.ticket = jsapiTicket;
		return true;
	}

	/**
	 * Copies bytes into the array, grown if need be; the bytes before them stay.
	 * @return whether they were copied, false if the text would be too long
	 */
	private boolean put(byte[] part, int at) {
		int length = at + part.length;
		if (length > MAX_LENGTH) {
			return false;
		}
		if (length > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.min(MAX_LENGTH, Math.max(length, 2 * this.bytes.length)));
		}
		System.arraycopy(part, 0, this.bytes, at, part.length);
		return true;
	}

}
