package io.github.wechatoauth.message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.oauth.InMemoryTokenStore;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.FaultyStore;
import io.github.wechatoauth.testsupport.MutableClock;
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
		MessageGateway compatible = new MessageGateway(
				settingsAt(NOW).withEncodingAesKey(KEY).withMode(MessageMode.COMPATIBLE));
		InboundPush plain = compatible.open(plainRequest(), utf8(TEXT_MESSAGE));
		assertThat(new MessageXml(4096).parse(compatible.seal(new TextReply("ok"), plain))).containsEntry("Content",
				"ok");
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
		assertThat(settings.toString()).contains(APPID).contains("mode=SAFE").doesNotContain(TOKEN).doesNotContain(KEY);
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

	@Test
	void choosesSafeModeByDefaultWhenAKeyIsSetAndPlaintextOtherwise() {
		assertThat(MessageSettings.of(TOKEN, APPID).mode()).isEqualTo(MessageMode.PLAINTEXT);
		assertThat(MessageSettings.of(TOKEN, APPID).withEncodingAesKey(KEY).mode()).isEqualTo(MessageMode.SAFE);
		assertThat(MessageSettings.of(TOKEN, APPID).withEncodingAesKey(KEY).withEncodingAesKey(null).mode())
			.isEqualTo(MessageMode.PLAINTEXT);
		assertThat(MessageSettings.of(TOKEN, APPID)
			.withEncodingAesKey(KEY)
			.withMode(MessageMode.PLAINTEXT)
			.withEncodingAesKey(KEY)
			.mode()).isEqualTo(MessageMode.PLAINTEXT);
		assertThat(new MessageSettings(TOKEN, KEY, APPID, Duration.ofMinutes(5), 1024, Clock.systemUTC()).mode())
			.isEqualTo(MessageMode.SAFE);
	}

	@Test
	void refusesSafeAndCompatibleModeWithoutAKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageSettings.of(TOKEN, APPID).withMode(MessageMode.SAFE))
			.withMessageContaining("mode safe needs an encodingAesKey");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageSettings.of(TOKEN, APPID).withMode(MessageMode.COMPATIBLE))
			.withMessageContaining("mode compatible needs an encodingAesKey");
	}

	@Test
	void safeModeRefusesAPushWithoutEncryptionBeforeReadingItsBody() {
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.safeGateway.open(plainRequest(), utf8("<!DOCTYPE xml><not-even-xml")));
		assertThat(ex.getReason()).isEqualTo(Reason.UNENCRYPTED);
		assertThat(ex.getReason().httpStatus()).isEqualTo(403);
		assertThat(ex.getMessage()).contains("safe mode").contains("encrypt_type=aes");
	}

	@Test
	void safeModeRefusesEveryForgedBodyUnderACapturedSignature() {
		// The plain signature covers the token, timestamp and nonce only: one captured
		// push URL would carry any body.
		for (int i = 0; i < 20; i++) {
			String forged = TEXT_MESSAGE.replace("hello", "forged " + i).replace("1001", Integer.toString(2000 + i));
			assertThat(reason(() -> this.safeGateway.open(plainRequest(), utf8(forged)))).isEqualTo(Reason.UNENCRYPTED);
		}
	}

	@Test
	void compatibleModeAcceptsPushesInClearAndEncrypted() {
		MessageGateway compatible = new MessageGateway(
				settingsAt(NOW).withEncodingAesKey(KEY).withMode(MessageMode.COMPATIBLE));
		assertThat(compatible.open(plainRequest("1"), utf8(TEXT_MESSAGE)).encrypted()).isFalse();
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		PushRequest encrypted = new PushRequest(null, Long.toString(NOW), "2", "aes",
				this.crypto.msgSignature(Long.toString(NOW), "2", encrypt));
		assertThat(compatible.open(encrypted, utf8(compatible(encrypt, "clear part"))).encrypted()).isTrue();
	}

	@Test
	void refusesANonceUsedAgainWithAnotherBody() {
		this.plainGateway.open(plainRequest(), utf8(TEXT_MESSAGE));
		String forged = TEXT_MESSAGE.replace("hello", "forged");
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.plainGateway.open(plainRequest(), utf8(forged)));
		assertThat(ex.getReason()).isEqualTo(Reason.REPLAYED);
		assertThat(ex.getReason().httpStatus()).isEqualTo(403);
		// Still refused the second time: the refusal marks nothing.
		assertThat(reason(() -> this.plainGateway.open(plainRequest(), utf8(forged)))).isEqualTo(Reason.REPLAYED);
	}

	@Test
	void letsTheSameRequestThroughAgainForDeduplicationToAnswer() {
		InboundPush first = this.plainGateway.open(plainRequest(), utf8(TEXT_MESSAGE));
		InboundPush again = this.plainGateway.open(plainRequest(), utf8(TEXT_MESSAGE));
		assertThat(again.message().deduplicationKey()).isEqualTo(first.message().deduplicationKey());
	}

	@Test
	void refusesANonceReplayedInSafeModeWithAnotherCiphertext() {
		String encrypt = this.crypto.encrypt(TEXT_MESSAGE);
		this.safeGateway.open(safeRequest(encrypt, sign(encrypt)), envelope(encrypt));
		String other = this.crypto.encrypt(TEXT_MESSAGE.replace("hello", "other"));
		assertThat(reason(() -> this.safeGateway.open(safeRequest(other, sign(other)), envelope(other))))
			.isEqualTo(Reason.REPLAYED);
	}

	@Test
	void refusesANonceReplayedOnAnotherInstanceSharingTheStore() {
		MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
		InMemorySharedStore store = new InMemorySharedStore(clock);
		MessageSettings settings = settingsAt(NOW).withClock(clock);
		new MessageGateway(settings, store).open(plainRequest(), utf8(TEXT_MESSAGE));
		MessageGateway other = new MessageGateway(settings, store);
		String forged = TEXT_MESSAGE.replace("hello", "forged");
		assertThat(reason(() -> other.open(plainRequest(), utf8(forged)))).isEqualTo(Reason.REPLAYED);
		// The mark lives twice the window: by then the timestamp itself is refused.
		clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(store.get("nonce:" + NOW + ":" + NONCE)).isEmpty();
	}

	@Test
	void acceptsPushesWhileTheNonceStoreFailsAndSaysSoOnce() {
		MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
		FaultyStore store = new FaultyStore(new InMemorySharedStore(clock), new InMemoryTokenStore(clock));
		MessageGateway gateway = new MessageGateway(settingsAt(NOW), store);
		store.fail();
		try (CapturedLogs logs = CapturedLogs.of(ReplayGuard.class.getName())) {
			assertThat(gateway.open(plainRequest(), utf8(TEXT_MESSAGE)).message()).isInstanceOf(TextMessage.class);
			assertThat(gateway.open(plainRequest(), utf8(TEXT_MESSAGE.replace("hello", "x"))).message())
				.isInstanceOf(TextMessage.class);
			store.heal();
			gateway.open(plainRequest("2"), utf8(TEXT_MESSAGE));
			assertThat(logs.at(Level.WARN)).singleElement().asString().contains("accepted without that check");
			assertThat(logs.at(Level.INFO)).singleElement().asString().contains("checked for replays again");
		}
	}

	@Test
	void opensPlaintextJsonPush() {
		String json = """
				{"ToUserName":"gh_account","FromUserName":"o_user","CreateTime":1714112440,"MsgType":"text",
				"Content":"hello","MsgId":1001}""";
		InboundPush push = this.plainGateway.open(plainRequest(), utf8(json), "application/json");
		assertThat(push.format()).isEqualTo(PushFormat.JSON);
		assertThat(push.takesReply()).isFalse();
		assertThat(push.message()).isInstanceOfSatisfying(TextMessage.class, (text) -> {
			assertThat(text.content()).isEqualTo("hello");
			assertThat(text.msgId()).isEqualTo("1001");
			assertThat(text.createTime()).isEqualTo(Instant.ofEpochSecond(1714112440));
		});
	}

	@Test
	void opensTheOfficialSafeModeJsonVectorIntoAGenericMessage() {
		String body = "{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"" + MessageCryptoTests.OFFICIAL_ENCRYPT
				+ "\"}";
		PushRequest request = new PushRequest(null, "1714112445", "415670741", "aes",
				"046e02f8204d34f8ba5fa3b1db94908f3df2e9b3");
		InboundPush push = this.safeGateway.open(request, utf8(body), null);
		assertThat(push.encrypted()).isTrue();
		assertThat(push.format()).isEqualTo(PushFormat.JSON);
		assertThat(push.message()).isInstanceOfSatisfying(GenericMessage.class, (message) -> {
			assertThat(message.event()).isEqualTo("debug_demo");
			assertThat(message.fromUserName()).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
			assertThat(message.fields()).containsEntry("debug_str", "hello world");
		});
	}

	@Test
	void sealsNoReplyToAJsonPush() {
		String json = "{\"ToUserName\":\"gh\",\"FromUserName\":\"o\",\"CreateTime\":1,\"MsgType\":\"event\"}";
		InboundPush push = this.plainGateway.open(plainRequest(), utf8(json));
		assertThatIllegalStateException().isThrownBy(() -> this.plainGateway.seal(new TextReply("x"), push))
			.withMessageContaining("success");
	}

	@Test
	void readsNestedJsonLikeNestedXml() {
		String json = """
				{"ToUserName":"gh","FromUserName":"o","CreateTime":1714112440,"MsgType":"event",
				"Event":"scancode_push","ScanCodeInfo":{"ScanType":"qrcode","ScanResult":"1"},
				"List":[{"Id":1},{"Id":2}],"Flag":true,"Nothing":null}""";
		Map<String, String> fields = this.plainGateway.open(plainRequest(), utf8(json)).message().fields();
		assertThat(fields).containsEntry("ScanCodeInfo.ScanType", "qrcode")
			.containsEntry("List.Id", "1")
			.containsEntry("List[1].Id", "2")
			.containsEntry("Flag", "true")
			.doesNotContainKey("Nothing");
	}

	@Test
	void refusesAHostileCreateTimeInAJsonPushNamingIt() {
		String json = "{\"ToUserName\":\"gh\",\"FromUserName\":\"o\",\"CreateTime\":9223372036854775807,"
				+ "\"MsgType\":\"text\",\"Content\":\"x\",\"MsgId\":1}";
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.plainGateway.open(plainRequest(), utf8(json)));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).contains("CreateTime");
	}

	@Test
	void refusesJsonThatIsNotAnObjectAndABodyUnlikeItsContentType() {
		assertThat(reason(() -> this.plainGateway.open(plainRequest(), utf8("[1,2]"), "application/json")))
			.isEqualTo(Reason.MALFORMED);
		assertThat(reason(() -> this.plainGateway.open(plainRequest("2"), utf8("{\"a\":"), null)))
			.isEqualTo(Reason.MALFORMED);
		assertThat(reason(() -> this.plainGateway.open(plainRequest("3"), utf8(TEXT_MESSAGE), "application/json")))
			.isEqualTo(Reason.MALFORMED);
		assertThat(reason(() -> this.plainGateway.open(plainRequest("4"), utf8("{\"a\":1}"), "text/xml")))
			.isEqualTo(Reason.MALFORMED);
	}

	@Test
	void tellsTheFormatByContentTypeThenByBody() {
		assertThat(PushFormat.of("application/json; charset=utf-8", utf8("<xml/>"))).isEqualTo(PushFormat.JSON);
		assertThat(PushFormat.of("text/xml", utf8("{}"))).isEqualTo(PushFormat.XML);
		assertThat(PushFormat.of("text/plain", utf8("\uFEFF \n {}"))).isEqualTo(PushFormat.JSON);
		assertThat(PushFormat.of(null, utf8("<xml/>"))).isEqualTo(PushFormat.XML);
		assertThat(PushFormat.of(null, new byte[0])).isEqualTo(PushFormat.XML);
	}

	@Test
	void refusesOversizedJsonBody() {
		MessageGateway gateway = new MessageGateway(settingsAt(NOW).withMaxBodySize(16));
		assertThat(reason(() -> gateway.open(plainRequest(), utf8("{\"ToUserName\":\"gh_account\"}"))))
			.isEqualTo(Reason.BODY_TOO_LARGE);
	}

	private static MessageSettings settingsAt(long epochSecond) {
		return MessageSettings.of(TOKEN, APPID).withClock(clockAt(epochSecond));
	}

	private static Clock clockAt(long epochSecond) {
		return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
	}

	private PushRequest plainRequest() {
		return plainRequest(NONCE);
	}

	private PushRequest plainRequest(String nonce) {
		String timestamp = Long.toString(NOW);
		return new PushRequest(this.crypto.signature(timestamp, nonce), timestamp, nonce, null, null);
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
