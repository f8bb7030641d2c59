package io.github.wechatoauth.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Signatures and AES safe mode, against the vectors of wechat-api.md §11.
 */
class MessageCryptoTests {

	static final String OFFICIAL_KEY = "A".repeat(43);

	static final String OFFICIAL_APPID = "wxba5fad812f8e6fb9";

	static final String OFFICIAL_ENCRYPT = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";

	static final String OFFICIAL_PLAINTEXT = "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
			+ "\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";

	static final String OFFICIAL_REPLY_ENCRYPT = "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==";

	static final String SECOND_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	static final String SECOND_APPID = "wxb11529c136998cb6";

	static final String SECOND_ENCRYPT = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

	private final MessageCrypto official = new MessageCrypto("AAAAA", OFFICIAL_KEY, OFFICIAL_APPID);

	private final MessageCrypto second = new MessageCrypto("pamtest", SECOND_KEY, SECOND_APPID);

	@Test
	void signsVectorOne() {
		assertThat(new MessageCrypto("test", null, "wx1").signature("1410685589", "test"))
			.isEqualTo("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff");
	}

	@Test
	void signsVectorTwo() {
		assertThat(this.official.signature("1714037059", "486452656"))
			.isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78");
	}

	@Test
	void signsVectorThreeWithoutTheEchostr() {
		assertThat(this.official.signature("1714036504", "1514711492"))
			.isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
	}

	@Test
	void acceptsMatchingSignatureInAnyCaseAndRefusesOthers() {
		assertThat(
				this.official.isValidSignature("899cf89e464efb63f54ddac96b0a0a235f53aa78", "1714037059", "486452656"))
			.isTrue();
		assertThat(
				this.official.isValidSignature("899CF89E464EFB63F54DDAC96B0A0A235F53AA78", "1714037059", "486452656"))
			.isTrue();
		assertThat(
				this.official.isValidSignature("899cf89e464efb63f54ddac96b0a0a235f53aa79", "1714037059", "486452656"))
			.isFalse();
		assertThat(this.official.isValidSignature("899cf89e", "1714037059", "486452656")).isFalse();
		assertThat(this.official.isValidSignature(null, "1714037059", "486452656")).isFalse();
	}

	@Test
	void signsOfficialSafeModePush() {
		assertThat(this.official.msgSignature("1714112445", "415670741", OFFICIAL_ENCRYPT))
			.isEqualTo("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3");
		assertThat(this.official.isValidMsgSignature("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3", "1714112445",
				"415670741", OFFICIAL_ENCRYPT))
			.isTrue();
	}

	@Test
	void decryptsOfficialSafeModePushToItsRawJson() {
		assertThat(this.official.decrypt(OFFICIAL_ENCRYPT)).isEqualTo(OFFICIAL_PLAINTEXT);
	}

	@Test
	void encryptsOfficialReplyVector() {
		String encrypt = this.official.encrypt("{\"demo_resp\":\"good luck\"}", ascii("707722b803182950"));
		assertThat(encrypt).isEqualTo(OFFICIAL_REPLY_ENCRYPT);
		assertThat(this.official.msgSignature("1713424427", "415670741", encrypt))
			.isEqualTo("1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1");
	}

	@Test
	void decryptsOfficialReplyVector() {
		assertThat(this.official.decrypt(OFFICIAL_REPLY_ENCRYPT)).isEqualTo("{\"demo_resp\":\"good luck\"}");
	}

	@Test
	void encryptsSecondVectorWithChineseText() {
		String encrypt = this.second.encrypt("我是中文abcd123", ascii("aaaabbbbccccdddd"));
		assertThat(encrypt).isEqualTo(SECOND_ENCRYPT);
		assertThat(this.second.msgSignature("1409304348", "xxxxxx", encrypt))
			.isEqualTo("82c962d39941aa48552f90ef55aa323dc620cc10");
	}

	@Test
	void decryptsSecondVectorWithChineseText() {
		assertThat(this.second.decrypt(SECOND_ENCRYPT)).isEqualTo("我是中文abcd123");
	}

	@Test
	void padsEveryLengthToMultipleOf32AndRoundTrips() {
		for (int length = 0; length <= 70; length++) {
			String message = "x".repeat(length);
			byte[] ciphertext = Base64.getDecoder().decode(this.official.encrypt(message));
			assertThat(ciphertext.length % 32).isZero();
			int unpadded = 16 + 4 + length + OFFICIAL_APPID.length();
			assertThat(ciphertext.length - unpadded).isBetween(1, 32);
			assertThat(this.official.decrypt(Base64.getEncoder().encodeToString(ciphertext))).isEqualTo(message);
		}
	}

	@Test
	void usesFreshRandomPrefixEachTime() {
		assertThat(this.official.encrypt("same")).isNotEqualTo(this.official.encrypt("same"));
	}

	@Test
	void refusesMessageForAnotherAppid() {
		MessageCrypto other = new MessageCrypto("AAAAA", OFFICIAL_KEY, "wx0000000000000000");
		assertThat(reason(() -> other.decrypt(OFFICIAL_ENCRYPT))).isEqualTo(Reason.WRONG_APPID);
	}

	@Test
	void refusesCiphertextThatIsNotBase64() {
		assertThat(reason(() -> this.official.decrypt("not base64!"))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesCiphertextThatIsNotWholeBlocks() {
		assertThat(reason(() -> this.official.decrypt(Base64.getEncoder().encodeToString(new byte[33]))))
			.isEqualTo(Reason.BAD_CIPHERTEXT);
		assertThat(reason(() -> this.official.decrypt(""))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesPadByteOfZero() {
		byte[] plain = layout("hi", OFFICIAL_APPID);
		plain[plain.length - 1] = 0;
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain)))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesPadByteAbove32() {
		byte[] plain = layout("hi", OFFICIAL_APPID);
		plain[plain.length - 1] = 33;
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain)))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesInconsistentPadBytes() {
		byte[] plain = layout("hi", OFFICIAL_APPID);
		int pad = plain[plain.length - 1];
		assertThat(pad).isGreaterThan(1);
		plain[plain.length - pad] = (byte) (pad + 1);
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain)))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesLengthFieldBeyondTheMessage() {
		byte[] plain = layout("hi", OFFICIAL_APPID);
		ByteBuffer.wrap(plain).putInt(16, 1_000_000);
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain)))).isEqualTo(Reason.BAD_CIPHERTEXT);
		ByteBuffer.wrap(plain).putInt(16, -1);
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain)))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesPlaintextShorterThanItsHeader() {
		byte[] plain = new byte[32];
		Arrays.fill(plain, 16, 32, (byte) 16);
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain)))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesMessageThatIsNotUtf8() {
		byte[] message = { (byte) 0xC3, (byte) 0x28 };
		byte[] appId = OFFICIAL_APPID.getBytes(StandardCharsets.US_ASCII);
		int length = 16 + 4 + message.length + appId.length;
		int pad = 32 - length % 32;
		ByteBuffer plain = ByteBuffer.allocate(length + pad);
		plain.put(new byte[16]).putInt(message.length).put(message).put(appId);
		while (plain.hasRemaining()) {
			plain.put((byte) pad);
		}
		assertThat(reason(() -> this.official.decrypt(rawEncrypt(plain.array())))).isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesCiphertextUnderAnotherKeyWithoutNamingEitherKey() {
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.second.decrypt(OFFICIAL_ENCRYPT));
		assertThat(ex.getReason()).isIn(Reason.BAD_CIPHERTEXT, Reason.WRONG_APPID);
		assertThat(ex.getMessage()).doesNotContain(OFFICIAL_KEY).doesNotContain(SECOND_KEY);
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void refusesEncodingAesKeyOfWrongLengthWithoutShowingIt() {
		String key = "A".repeat(42);
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageCrypto("t", key, "wx1"))
			.withMessageContaining("encodingAesKey")
			.withMessageContaining("43 characters of a-z, A-Z and 0-9")
			.withMessageNotContaining(key);
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageCrypto("t", "A".repeat(44), "wx1"))
			.withMessageContaining("encodingAesKey");
	}

	@Test
	void refusesEncodingAesKeyWithOtherCharactersWithoutShowingIt() {
		String key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF+";
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageCrypto("t", key, "wx1"))
			.withMessageContaining("encodingAesKey")
			.withMessageContaining("position 43")
			.withMessageNotContaining(key)
			.withMessageNotContaining("+");
	}

	@Test
	void refusesToEncryptOrDecryptWithoutKey() {
		MessageCrypto plainOnly = new MessageCrypto("t", null, "wx1");
		assertThat(plainOnly.hasAesKey()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> plainOnly.encrypt("x"))
			.withMessageContaining("encodingAesKey");
		assertThatIllegalStateException().isThrownBy(() -> plainOnly.decrypt(OFFICIAL_REPLY_ENCRYPT));
	}

	@Test
	void refusesRandomPrefixOfWrongLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.official.encrypt("x", new byte[15]))
			.withMessageContaining("random must be 16 bytes");
	}

	@Test
	void showsNeitherTokenNorKey() {
		assertThat(this.second.toString()).contains(SECOND_APPID).doesNotContain("pamtest").doesNotContain(SECOND_KEY);
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	static Reason reason(Runnable action) {
		return catchThrowableOfType(WechatMessageException.class, action::run).getReason();
	}

	/** The plaintext layout of safe mode, padded to 32, for tampering with. */
	private static byte[] layout(String message, String appId) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		byte[] id = appId.getBytes(StandardCharsets.UTF_8);
		int length = 16 + 4 + text.length + id.length;
		int pad = 32 - length % 32;
		ByteBuffer plain = ByteBuffer.allocate(length + pad);
		plain.put(ascii("0123456789abcdef")).putInt(text.length).put(text).put(id);
		while (plain.hasRemaining()) {
			plain.put((byte) pad);
		}
		return plain.array();
	}

	/**
	 * Encrypts bytes as they are, under the official vector's key, without padding them.
	 */
	private static String rawEncrypt(byte[] plain) {
		try {
			byte[] key = Base64.getDecoder().decode(OFFICIAL_KEY + "=");
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
					new IvParameterSpec(Arrays.copyOf(key, 16)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plain));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
