package io.github.wechatoauth.message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The entry point an endpoint calls: URL verification, opening pushes in each mode and
 * sealing replies.
 */
class MessageGatewayTests {

	private static final String TOKEN = "AAAAA";

	private static final String KEY = MessageCryptoTests.OFFICIAL_KEY;

	private static final String APPID = MessageCryptoTests.OFFICIAL_APPID;

	private static final long NOW = 1714112445;

	private static final String NONCE = "415670741";

	private static final String TEXT_MESSAGE = "<xml><ToUserName><![CDATA[gh_account]]></ToUserName>"
			+ "<FromUserName><![CDATA[o_user]]></FromUserName><CreateTime>1714112440</CreateTime>"
			+ "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>1001</MsgId></xml>";

	private final MessageCrypto crypto = new MessageCrypto(TOKEN, KEY, APPID);

	private final MessageGateway plainGateway = new MessageGateway(settingsAt(NOW));

	private final MessageGateway safeGateway = new MessageGateway(settingsAt(NOW).withEncodingAesKey(KEY));

	@Test
	void answersUrlVerificationWithEchostr() {
		MessageGateway gateway = new MessageGateway(settingsAt(1714036504));
		assertThat(gateway.verifyUrl("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", "1514711492",
				"4375120948345356249"))
			.isEqualTo("4375120948345356249");
	}

	@Test
	void answersUrlVerificationOfVectorOne() {
		MessageGateway gateway = new MessageGateway(
				new MessageSettings("test", null, "wx1", Duration.ofMinutes(5), 1024, clockAt(1410685589)));
		assertThat(gateway.verifyUrl("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff", "1410685589", "test", "echo"))
			.isEqualTo("echo");
	}

	@Test
	void refusesUrlVerificationWithWrongOrMissingSignature() {
		MessageGateway gateway = new MessageGateway(settingsAt(1714036504));
		assertThat(reason(() -> gateway.verifyUrl("f464b24fc39322e44b38aa78f5edd27bd1441697", "1714036504",
				"1514711492", "4375120948345356249")))
			.isEqualTo(Reason.BAD_SIGNATURE);
		assertThat(reason(() -> gateway.verifyUrl(null, "1714036504", "1514711492", "1")))
			.isEqualTo(Reason.BAD_SIGNATURE);
		assertThat(reason(() -> gateway.verifyUrl("f464b24fc39322e44b38aa78f5edd27bd1441696", null, "1514711492", "1")))
			.isEqualTo(Reason.BAD_SIGNATURE);
		assertThat(reason(() -> gateway.verifyUrl("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", null, "1")))
			.isEqualTo(Reason.BAD_SIGNATURE);
		assertThat(Reason.BAD_SIGNATURE.httpStatus()).isEqualTo(403);
	}

	@Test
	void refusesUrlVerificationWithoutEchostr() {
		MessageGateway gateway = new MessageGateway(settingsAt(1714036504));
		assertThat(reason(
				() -> gateway.verifyUrl("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", "1514711492", null)))
			.isEqualTo(Reason.MALFORMED);
	}

	@Test
	void refusesTimestampOutsideTheWindowEitherWay() {
		String timestamp = Long.toString(NOW);
		String signature = this.crypto.signature(timestamp, NONCE);
		MessageGateway later = new MessageGateway(settingsAt(NOW + 301));
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> later.verifyUrl(signature, timestamp, NONCE, "e"));
		assertThat(ex.getReason()).isEqualTo(Reason.STALE_TIMESTAMP);
		assertThat(ex.getReason().httpStatus()).isEqualTo(403);
		assertThat(ex.getMessage()).contains("301 s").contains("300 s");
		MessageGateway earlier = new MessageGateway(settingsAt(NOW - 301));
		assertThat(reason(() -> earlier.verifyUrl(signature, timestamp, NONCE, "e"))).isEqualTo(Reason.STALE_TIMESTAMP);
	}

	@Test
	void acceptsTimestampAtTheWindowsEdge() {
		String timestamp = Long.toString(NOW);
		String signature = this.crypto.signature(timestamp, NONCE);
		assertThat(new MessageGateway(settingsAt(NOW + 300)).verifyUrl(signature, timestamp, NONCE, "e"))
			.isEqualTo("e");
		assertThat(new MessageGateway(settingsAt(NOW - 300)).verifyUrl(signature, timestamp, NONCE, "e"))
			.isEqualTo("e");
	}

	@Test
	void usesConfiguredTimestampWindow() {
		String timestamp = Long.toString(NOW);
		String signature = this.crypto.signature(timestamp, NONCE);
		MessageGateway strict = new MessageGateway(settingsAt(NOW + 31).withTimestampWindow(Duration.ofSeconds(30)));
		assertThat(reason(() -> strict.verifyUrl(signature, timestamp, NONCE, "e"))).isEqualTo(Reason.STALE_TIMESTAMP);
	}

	@Test
	void refusesSignedTimestampThatIsNotSeconds() {
		String signature = this.crypto.signature("soon", NONCE);
		assertThat(reason(() -> this.plainGateway.verifyUrl(signature, "soon", NONCE, "e")))
			.isEqualTo(Reason.STALE_TIMESTAMP);
		String huge = "9".repeat(30);
		String hugeSignature = this.crypto.signature(huge, NONCE);
		assertThat(reason(() -> this.plainGateway.verifyUrl(hugeSignature, huge, NONCE, "e")))
			.isEqualTo(Reason.STALE_TIMESTAMP);
	}

	@Test
	void opensPlaintextPush() {
		InboundPush push = this.plainGateway.open(plainRequest(), utf8(TEXT_MESSAGE));
		assertThat(push.encrypted()).isFalse();
		assertThat(push.message()).isInstanceOfSatisfying(TextMessage.class,
				(text) -> assertThat(text.content()).isEqualTo("hello"));
	}

	@Test
	void readsParametersByName() {
		Map<String, String> query = Map.of("signature", "s", "timestamp", "1", "nonce", "n", "encrypt_type", "aes",
				"msg_signature", "m", "openid", "o_user");
		PushRequest request = PushRequest.from(query::get);
		assertThat(request).isEqualTo(new PushRequest("s", "1", "n", "aes", "m"));
		assertThat(request.encrypted()).isTrue();
		assertThat(new PushRequest("s", "1", "n", "raw", null).encrypted()).isFalse();
		assertThat(new PushRequest("s", "1", "n", null, null).encrypted()).isFalse();
	}

	@Test
	void checksSignatureBeforeParsingPlaintextPush() {
		PushRequest forged = new PushRequest("0".repeat(40), Long.toString(NOW), NONCE, null, null);
		assertThat(reason(() -> this.plainGateway.open(forged, utf8("<!DOCTYPE xml><not-even-xml"))))
			.isEqualTo(Reason.BAD_SIGNATURE);
	}

	@Test
	void refusesReplayedPlaintextPush() {
		MessageGateway later = new MessageGateway(settingsAt(NOW + 3600));
		assertThat(reason(() -> later.open(plainRequest(), utf8(TEXT_MESSAGE)))).isEqualTo(Reason.STALE_TIMESTAMP);
	}

	@Test
	void refusesExternalEntityInSignedPushWithoutReadingTheFile() {
		String body = "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<xml><ToUserName>&xxe;</ToUserName></xml>";
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.plainGateway.open(plainRequest(), utf8(body)));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getReason().httpStatus()).isEqualTo(400);
		assertThat(ex.getMessage()).doesNotContain("root:");
	}

	@Test
	void refusesExternalEntityInSafeModeEnvelope() {
		String body = "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<xml><ToUserName>gh</ToUserName><Encrypt>&xxe;</Encrypt></xml>";
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.safeGateway.open(safeRequest("x", "x"), utf8(body)));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).doesNotContain("root:");
	}

	@Test
	void refusesOversizedBody() {
		MessageGateway gateway = new MessageGateway(settingsAt(NOW).withMaxBodySize(64));
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> gateway.open(plainRequest(), utf8(TEXT_MESSAGE)));
		assertThat(ex.getReason()).isEqualTo(Reason.BODY_TOO_LARGE);
		assertThat(ex.getReason().httpStatus()).isEqualTo(413);
	}

	@Test
	void opensSafeModePush() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		InboundPush push = this.safeGateway.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt));
		assertThat(push.encrypted()).isTrue();
		assertThat(push.message()).isInstanceOfSatisfying(TextMessage.class, (text) -> {
			assertThat(text.content()).isEqualTo("hello");
			assertThat(text.fromUserName()).isEqualTo("o_user");
		});
	}

	@Test
	void checksOfficialSafeModeVectorAndHandsJsonPlaintextToNoXmlParser() {
		String encrypt = MessageCryptoTests.OFFICIAL_ENCRYPT;
		PushRequest request = new PushRequest(null, "1714112445", "415670741", "aes",
				"046e02f8204d34f8ba5fa3b1db94908f3df2e9b3");
		// The vector's plaintext is the JSON push format: the signature and decryption
		// pass,
		// and the JSON is refused as malformed XML rather than misread.
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.safeGateway.open(request, envelope(encrypt)));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(this.crypto.decrypt(encrypt)).isEqualTo(MessageCryptoTests.OFFICIAL_PLAINTEXT);
	}

	@Test
	void refusesSafeModePushWithWrongOrMissingMsgSignature() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		assertThat(reason(() -> this.safeGateway.open(safeRequest(encrypt, "0".repeat(40)), envelope(encrypt))))
			.isEqualTo(Reason.BAD_SIGNATURE);
		assertThat(reason(() -> this.safeGateway.open(safeRequest(encrypt, null), envelope(encrypt))))
			.isEqualTo(Reason.BAD_SIGNATURE);
		PushRequest plainSignatureOnly = new PushRequest(this.crypto.signature(Long.toString(NOW), NONCE),
				Long.toString(NOW), NONCE, "aes", null);
		assertThat(reason(() -> this.safeGateway.open(plainSignatureOnly, envelope(encrypt))))
			.isEqualTo(Reason.BAD_SIGNATURE);
	}

	@Test
	void refusesTamperedCiphertextBySignatureBeforeDecrypting() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		String tampered = ((encrypt.charAt(0) == 'A') ? "B" : "A") + encrypt.substring(1);
		assertThat(reason(() -> this.safeGateway.open(safeRequest(tampered, sign(encrypt)), envelope(tampered))))
			.isEqualTo(Reason.BAD_SIGNATURE);
	}

	@Test
	void refusesSafeModePushForAnotherAppid() {
		String encrypt = new MessageCrypto(TOKEN, KEY, "wx0000000000000000").encrypt(TEXT_MESSAGE);
		assertThat(reason(() -> this.safeGateway.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt))))
			.isEqualTo(Reason.WRONG_APPID);
	}

	@Test
	void refusesSignedCiphertextThatDoesNotDecrypt() {
		String encrypt = Base64.getEncoder().encodeToString(new byte[48]);
		assertThat(reason(() -> this.safeGateway.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt))))
			.isEqualTo(Reason.BAD_CIPHERTEXT);
	}

	@Test
	void refusesReplayedSafeModePush() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		MessageGateway later = new MessageGateway(settingsAt(NOW + 600).withEncodingAesKey(KEY));
		assertThat(reason(() -> later.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt))))
			.isEqualTo(Reason.STALE_TIMESTAMP);
	}

	@Test
	void refusesSafeModePushWithoutEncrypt() {
		assertThat(reason(() -> this.safeGateway.open(safeRequest("x", "x"), utf8(TEXT_MESSAGE))))
			.isEqualTo(Reason.MALFORMED);
	}

	@Test
	void usesEncryptedPartOfCompatibleModePushWhenKeyIsConfigured() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		byte[] body = utf8(compatible(encrypt, "not what was encrypted"));
		InboundPush push = this.safeGateway.open(safeRequest(encrypt, sign(encrypt)), body);
		assertThat(push.encrypted()).isTrue();
		assertThat(((TextMessage) push.message()).content()).isEqualTo("hello");
	}

	@Test
	void usesPlaintextPartOfCompatibleModePushWithoutKey() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		PushRequest request = new PushRequest(this.crypto.signature(Long.toString(NOW), NONCE), Long.toString(NOW),
				NONCE, "aes", sign(encrypt));
		InboundPush push = this.plainGateway.open(request, utf8(compatible(encrypt, "plain part")));
		assertThat(push.encrypted()).isFalse();
		assertThat(((TextMessage) push.message()).content()).isEqualTo("plain part");
		assertThat(push.message().fields()).doesNotContainKey("Encrypt");
	}

	@Test
	void checksSignatureOfCompatibleModePushWithoutKey() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		PushRequest request = new PushRequest("0".repeat(40), Long.toString(NOW), NONCE, "aes", sign(encrypt));
		assertThat(reason(() -> this.plainGateway.open(request, utf8(compatible(encrypt, "plain part")))))
			.isEqualTo(Reason.BAD_SIGNATURE);
	}

	@Test
	void refusesSafeModeOnlyPushWithoutKeyAsConfigurationError() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.plainGateway.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt)));
		assertThat(ex.getReason()).isEqualTo(Reason.AES_KEY_MISSING);
		assertThat(ex.getReason().httpStatus()).isEqualTo(500);
		assertThat(ex.getMessage()).contains("encodingAesKey");
	}

	@Test
	void sealsPlaintextReplyToTheSender() {
		TextMessage to = new TextMessage("gh_account", "o_user", Instant.ofEpochSecond(1), "1", "hi", Map.of());
		String body = this.plainGateway.seal(new TextReply("a ]]> b"), to, false);
		Map<String, String> fields = new MessageXml(1024).parse(body);
		assertThat(fields).containsEntry("ToUserName", "o_user")
			.containsEntry("FromUserName", "gh_account")
			.containsEntry("CreateTime", Long.toString(NOW))
			.containsEntry("MsgType", "text")
			.containsEntry("Content", "a ]]> b");
	}

	@Test
	void sealsEncryptedReplyInSignedEnvelope() {
		InboundPush push = new InboundPush(
				new TextMessage("gh_account", "o_user", Instant.ofEpochSecond(1), "1", "hi", Map.of()), true);
		String body = this.safeGateway.seal(new TextReply("你好"), push);
		Map<String, String> envelope = new MessageXml(4096).parse(body);
		assertThat(envelope.keySet()).containsExactly("Encrypt", "MsgSignature", "TimeStamp", "Nonce");
		assertThat(envelope.get("TimeStamp")).isEqualTo(Long.toString(NOW));
		assertThat(envelope.get("Nonce")).matches("[0-9]{9}");
		assertThat(this.crypto.isValidMsgSignature(envelope.get("MsgSignature"), envelope.get("TimeStamp"),
				envelope.get("Nonce"), envelope.get("Encrypt")))
			.isTrue();
		Map<String, String> reply = new MessageXml(4096).parse(this.crypto.decrypt(envelope.get("Encrypt")));
		assertThat(reply).containsEntry("ToUserName", "o_user")
			.containsEntry("FromUserName", "gh_account")
			.containsEntry("Content", "你好");
	}

	@Test
	void sealsReplyToOpenedPushTheWayItCame() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		InboundPush safe = this.safeGateway.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt));
		assertThat(new MessageXml(4096).parse(this.safeGateway.seal(new TextReply("ok"), safe))).containsKey("Encrypt");
		InboundPush plain = this.safeGateway.open(plainRequest(), utf8(TEXT_MESSAGE));
		assertThat(new MessageXml(4096).parse(this.safeGateway.seal(new TextReply("ok"), plain)))
			.containsEntry("Content", "ok");
	}

	@Test
	void refusesToEncryptReplyWithoutKey() {
		InboundMessage to = new UnsubscribeEvent("gh", "o", Instant.EPOCH, Map.of());
		assertThatIllegalStateException().isThrownBy(() -> this.plainGateway.seal(new TextReply("x"), to, true))
			.withMessageContaining("encodingAesKey");
	}

	@Test
	void showsNeitherTokenNorKey() {
		MessageSettings settings = settingsAt(NOW).withEncodingAesKey(KEY);
		assertThat(settings.toString()).contains(APPID)
			.contains("safeMode=true")
			.doesNotContain(TOKEN)
			.doesNotContain(KEY);
		assertThat(new MessageGateway(settings).toString()).doesNotContain(TOKEN).doesNotContain(KEY);
	}

	@Test
	void checksSettingsAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(() -> MessageSettings.of(" ", APPID))
			.withMessageContaining("token");
		assertThatIllegalArgumentException().isThrownBy(() -> MessageSettings.of(TOKEN, ""))
			.withMessageContaining("appId");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageSettings.of(TOKEN, APPID).withTimestampWindow(Duration.ZERO))
			.withMessageContaining("timestampWindow");
		assertThatIllegalArgumentException().isThrownBy(() -> MessageSettings.of(TOKEN, APPID).withMaxBodySize(0))
			.withMessageContaining("maxBodySize");
		String badKey = "x".repeat(42);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageSettings.of(TOKEN, APPID).withEncodingAesKey(badKey))
			.withMessageContaining("encodingAesKey")
			.withMessageNotContaining(badKey);
	}

	@Test
	void defaultsToFiveMinutesAnd64KiB() {
		MessageSettings settings = MessageSettings.of(TOKEN, APPID);
		assertThat(settings.timestampWindow()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.maxBodySize()).isEqualTo(65536);
		assertThat(settings.encodingAesKey()).isNull();
	}

	private static MessageSettings settingsAt(long epochSecond) {
		return MessageSettings.of(TOKEN, APPID).withClock(clockAt(epochSecond));
	}

	private static Clock clockAt(long epochSecond) {
		return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
	}

	private PushRequest plainRequest() {
		String timestamp = Long.toString(NOW);
		return new PushRequest(this.crypto.signature(timestamp, NONCE), timestamp, NONCE, null, null);
	}

	private static PushRequest safeRequest(String encrypt, String msgSignature) {
		return new PushRequest(null, Long.toString(NOW), NONCE, "aes", msgSignature);
	}

	private String sign(String encrypt) {
		return this.crypto.msgSignature(Long.toString(NOW), NONCE, encrypt);
	}

	private static byte[] envelope(String encrypt) {
		return utf8("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[" + encrypt
				+ "]]></Encrypt></xml>");
	}

	private static String compatible(String encrypt, String plainContent) {
		return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[o_user]]></FromUserName>"
				+ "<CreateTime>1714112440</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
				+ plainContent + "]]></Content><MsgId>1001</MsgId><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
	}

	private static Reason reason(Runnable action) {
		return MessageCryptoTests.reason(action);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
