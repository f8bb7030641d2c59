package io.github.wechatoauth.miniprogram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.Sha1;
import io.github.wechatoauth.internal.http.WechatHttp;
import io.github.wechatoauth.internal.json.JsonBindingException;
import io.github.wechatoauth.internal.json.WechatJson;
import org.jspecify.annotations.Nullable;

/**
 * What a Mini Program learns about its user with the session key of {@code code2Session}:
 * decrypted {@code encryptedData} (AES-128-CBC, PKCS#7, checked against this appid's
 * watermark), the {@code rawData} signature, and the phone number of the
 * {@code getPhoneNumber} button's code. Use it through
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class MiniProgramUserData {

	private static final String PHONE_NUMBER_ENDPOINT = "wxa/business/getuserphonenumber";

	private static final int AES_BLOCK_BYTES = 16;

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final String appId;

	private final AppCredentials credentials;

	private final WechatJson json = WechatJson.get();

	/**
	 * Creates the service of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's Mini Program appid, HTTP layer and API base URL
	 * @param credentials where the app access token comes from
	 */
	public MiniProgramUserData(ClientContext context, AppCredentials credentials) {
		this.http = context.http();
		this.apiBaseUrl = context.apiBaseUrl();
		this.appId = context.appId();
		this.credentials = credentials;
	}

	/**
	 * Decrypts the user's profile sent by {@code wx.getUserInfo}.
	 * @param sessionKey the session key of the user's latest {@code code2Session}
	 * @param encryptedData the {@code encryptedData}, Base64
	 * @param iv the {@code iv}, Base64
	 * @return the profile, its watermark naming this appid
	 * @throws WechatDecryptionException if the data cannot be decrypted or read, or was
	 * made for another appid
	 */
	public MiniProgramUserInfo decryptUserInfo(String sessionKey, String encryptedData, String iv) {
		return decrypt(sessionKey, encryptedData, iv, MiniProgramUserInfo.class, MiniProgramUserInfo::watermark);
	}

	/**
	 * Decrypts the phone number sent by the legacy {@code getPhoneNumber} button (with
	 * {@code encryptedData} rather than a code).
	 * @param sessionKey the session key of the user's latest {@code code2Session}
	 * @param encryptedData the {@code encryptedData}, Base64
	 * @param iv the {@code iv}, Base64
	 * @return the phone number, its watermark naming this appid
	 * @throws WechatDecryptionException if the data cannot be decrypted or read, or was
	 * made for another appid
	 */
	public PhoneNumber decryptPhoneNumber(String sessionKey, String encryptedData, String iv) {
		return decrypt(sessionKey, encryptedData, iv, PhoneNumber.class, PhoneNumber::watermark);
	}

	/**
	 * Tells whether {@code rawData} is what WeChat signed: {@code signature} must be
	 * {@code sha1(rawData + sessionKey)} in hexadecimal, compared in constant time.
	 * @param rawData the {@code rawData} of {@code wx.getUserInfo}, as received
	 * @param signature the {@code signature} sent with it
	 * @param sessionKey the session key of the user's latest {@code code2Session}
	 * @return whether the signature matches
	 */
	public boolean verifyRawData(String rawData, String signature, String sessionKey) {
		Arguments.requireNonNull(rawData, "rawData");
		Arguments.requireNonNull(signature, "signature");
		Arguments.requireText(sessionKey, "sessionKey");
		byte[] expected = Sha1.hex(rawData + sessionKey).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Exchanges the code of the {@code getPhoneNumber} button for the user's phone number
	 * ({@code wxa/business/getuserphonenumber}, with the app access token). The code is
	 * single-use, so the call is not repeated when WeChat answers {@code errcode -1};
	 * only a rejected access token (40001, 40014, 42001) gets a new token and one more
	 * try, as for every call with the app access token.
	 * @param code the code from the button's {@code bindgetphonenumber} event; valid 5
	 * minutes
	 * @return the phone number
	 */
	public PhoneNumber getPhoneNumber(String code) {
		Arguments.requireText(code, "code");
		Map<String, Object> body = Map.of("code", code);
		PhoneNumberResponse answer = this.credentials.withAccessToken((token) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("access_token", token);
			// retryBusy false: a busy WeChat may have spent the single-use code already.
			return this.http.call(this.apiBaseUrl, PHONE_NUMBER_ENDPOINT, query, body, PhoneNumberResponse.class,
					false);
		});
		PhoneNumber phoneNumber = answer.phoneInfo();
		if (phoneNumber == null || phoneNumber.phoneNumber().isEmpty()) {
			throw new WechatTransportException(PHONE_NUMBER_ENDPOINT + " answered without phone_info.phoneNumber");
		}
		return phoneNumber;
	}

	private <T> T decrypt(String sessionKey, String encryptedData, String iv, Class<T> type,
			Function<T, Watermark> watermark) {
		Arguments.requireText(sessionKey, "sessionKey");
		Arguments.requireText(encryptedData, "encryptedData");
		Arguments.requireText(iv, "iv");
		byte[] key = base64(sessionKey, "sessionKey");
		byte[] initVector = base64(iv, "iv");
		byte[] cipherText = base64(encryptedData, "encryptedData");
		if (key.length != AES_BLOCK_BYTES || initVector.length != AES_BLOCK_BYTES) {
			String name = (key.length != AES_BLOCK_BYTES) ? "sessionKey" : "iv";
			throw new WechatDecryptionException(name + " must be Base64 of " + AES_BLOCK_BYTES + " bytes");
		}
		if (cipherText.length == 0 || cipherText.length % AES_BLOCK_BYTES != 0) {
			throw new WechatDecryptionException(
					"encryptedData must be Base64 of a whole number of " + AES_BLOCK_BYTES + "-byte blocks");
		}
		byte[] plainText;
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(initVector));
			plainText = cipher.doFinal(cipherText);
		}
		catch (GeneralSecurityException ex) {
			// No cause: the provider's message says nothing the caller can act on.
			throw new WechatDecryptionException("encryptedData did not decrypt (bad padding): the session key is not "
					+ "the one the data was made with (a newer wx.login() replaces it), or the iv or data is damaged");
		}
		T value = read(new String(plainText, StandardCharsets.UTF_8), type);
		String madeFor = watermark.apply(value).appId();
		if (!madeFor.equals(this.appId)) {
			throw new WechatDecryptionException(madeFor.isEmpty() ? "the decrypted data has no watermark.appid"
					: "the decrypted data was made for appid " + madeFor + ", not " + this.appId);
		}
		return value;
	}

	private <T> T read(String plainText, Class<T> type) {
		Map<String, @Nullable Object> fields = this.json.readObject(plainText);
		if (fields == null) {
			throw new WechatDecryptionException("the decrypted data is not a JSON object: the session key is not "
					+ "the one the data was made with, or the iv or data is damaged");
		}
		try {
			return this.json.bind(fields, type);
		}
		catch (JsonBindingException ex) {
			throw new WechatDecryptionException("the decrypted data is not the JSON of " + type.getSimpleName());
		}
	}

	private static byte[] base64(String value, String name) {
		try {
			return Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			// The decoder's message quotes the offending character: no cause.
			throw new WechatDecryptionException(name + " is not Base64");
		}
	}

}
