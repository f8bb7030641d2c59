package io.github.wechatoauth.sample.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.wechatoauth.sample.RandomStrings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonWriter;
import org.springframework.stereotype.Component;

/**
 * The Mini Program side of the sandbox: what a test user's phone gets from
 * {@code wx.login()} (a code, and a session key that {@code jscode2session} later hands
 * the server) and {@code wx.getUserInfo()} (the profile encrypted with that key), and the
 * single-use codes of the {@code getPhoneNumber} button.
 */
@Component
@ConditionalOnSandbox
public class SandboxMiniProgram {

	/** How long a phone number code is valid. */
	public static final Duration PHONE_CODE_LIFETIME = Duration.ofMinutes(5);

	/**
	 * The test users' phone numbers, by key: numbers reserved for tests in mainland
	 * China.
	 */
	private static final Map<String, String> PHONE_NUMBERS = Map.of("xiaoming", "13800138000", "lilei", "13800138001",
			"hanmeimei", "13800138002");

	private static final JsonWriter<Object> json = JsonWriter.standard();

	private final SandboxProperties properties;

	private final SandboxOAuth oauth;

	private final Clock clock;

	/** The session keys of the codes {@link #logIn} issued, until they are exchanged. */
	private final Map<String, String> sessionKeys = new ConcurrentHashMap<>();

	private final Map<String, PhoneCode> phoneCodes = new ConcurrentHashMap<>();

	/**
	 * Creates the Mini Program side.
	 * @param properties the sandbox's app
	 * @param oauth what issues {@code wx.login()} codes
	 * @param clock the sandbox's clock, for watermarks and code expiry
	 */
	public SandboxMiniProgram(SandboxProperties properties, SandboxOAuth oauth, Clock clock) {
		this.properties = properties;
		this.oauth = oauth;
		this.clock = clock;
	}

	/**
	 * Returns the session key {@code jscode2session} hands the server for a code: the one
	 * made when {@link #logIn} issued the code, or a new one for any other code.
	 * @param jsCode the code being exchanged
	 * @return the session key, Base64 of 16 bytes
	 */
	public String sessionKey(@Nullable String jsCode) {
		String sessionKey = (jsCode != null) ? this.sessionKeys.remove(jsCode) : null;
		return (sessionKey != null) ? sessionKey : Base64.getEncoder().encodeToString(RandomStrings.bytes(16));
	}

	/**
	 * Does on a user's phone what a Mini Program does to sign the user up:
	 * {@code wx.login()}, then {@code wx.getUserInfo()}.
	 * @param user the user
	 * @return {@code jsCode} for {@code code2Session}, and {@code encryptedData},
	 * {@code iv}, {@code rawData} and {@code signature} made with that login's session
	 * key
	 */
	public Map<String, String> logIn(SandboxUser user) {
		String jsCode = this.oauth.issueJsCode(user);
		String sessionKey = Base64.getEncoder().encodeToString(RandomStrings.bytes(16));
		this.sessionKeys.put(jsCode, sessionKey);
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", user.nickname());
		profile.put("gender", 0);
		profile.put("language", "zh_CN");
		profile.put("city", "");
		profile.put("province", "");
		profile.put("country", "");
		profile.put("avatarUrl", "");
		String rawData = json.writeToString(profile);
		Map<String, Object> plain = new LinkedHashMap<>();
		plain.put("openId", user.openid());
		plain.putAll(profile);
		plain.put("unionId", user.unionid());
		plain.put("watermark", watermark());
		byte[] iv = RandomStrings.bytes(16);
		Map<String, String> answer = new LinkedHashMap<>();
		answer.put("jsCode", jsCode);
		answer.put("encryptedData", encrypt(json.writeToString(plain), sessionKey, iv));
		answer.put("iv", Base64.getEncoder().encodeToString(iv));
		answer.put("rawData", rawData);
		answer.put("signature", sha1Hex(rawData + sessionKey));
		return answer;
	}

	/**
	 * Issues the code the {@code getPhoneNumber} button would give for a user.
	 * @param user the user
	 * @return the code, single-use, valid {@link #PHONE_CODE_LIFETIME}
	 */
	public String issuePhoneCode(SandboxUser user) {
		String code = RandomStrings.alphanumeric(32);
		this.phoneCodes.put(code, new PhoneCode(user, this.clock.instant().plus(PHONE_CODE_LIFETIME)));
		return code;
	}

	/**
	 * Redeems a phone number code ({@code wxa/business/getuserphonenumber}).
	 * @param code the code
	 * @return {@code phoneNumber}, {@code purePhoneNumber}, {@code countryCode} and
	 * {@code watermark}
	 * @throws WechatErrorException 40029 for an unknown, used or expired code
	 */
	public Map<String, Object> redeemPhoneCode(@Nullable String code) {
		PhoneCode found = (code != null) ? this.phoneCodes.get(code) : null;
		if (found == null || !this.clock.instant().isBefore(found.expiresAt())
				|| !found.used().compareAndSet(false, true)) {
			throw WechatError.INVALID_CODE.exception();
		}
		String number = PHONE_NUMBERS.getOrDefault(found.user().key(), "13800138009");
		Map<String, Object> phone = new LinkedHashMap<>();
		phone.put("phoneNumber", number);
		phone.put("purePhoneNumber", number);
		phone.put("countryCode", "86");
		phone.put("watermark", watermark());
		return phone;
	}

	private Map<String, Object> watermark() {
		Map<String, Object> watermark = new LinkedHashMap<>();
		watermark.put("timestamp", this.clock.instant().getEpochSecond());
		watermark.put("appid", this.properties.getAppid());
		return watermark;
	}

	private static String encrypt(String plainText, String sessionKey, byte[] iv) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
					new IvParameterSpec(iv));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plainText.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-128-CBC is missing from this JVM", ex);
		}
	}

	private static String sha1Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JVM", ex);
		}
	}

	private record PhoneCode(SandboxUser user, Instant expiresAt, AtomicBoolean used) {

		PhoneCode(SandboxUser user, Instant expiresAt) {
			this(user, expiresAt, new AtomicBoolean());
		}

	}

}
