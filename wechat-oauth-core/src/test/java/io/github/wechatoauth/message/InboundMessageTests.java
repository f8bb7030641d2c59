package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Typing inbound messages from their fields.
 */
class InboundMessageTests {

	private static final Instant TIME = Instant.ofEpochSecond(1348831860);

	@Test
	void typesTextMessage() {
		InboundMessage message = InboundMessage.of(message("text", "MsgId", "1001", "Content", "hello"));
		assertThat(message).isEqualTo(new TextMessage("gh_account", "o_user", TIME, "1001", "hello", message.fields()));
		assertThat(message.msgType()).isEqualTo("text");
		assertThat(message.deduplicationKey()).isEqualTo("1001");
	}

	@Test
	void typesImageVoiceVideoAndShortVideo() {
		assertThat(InboundMessage.of(message("image", "MsgId", "1", "PicUrl", "http://pic", "MediaId", "m1")))
			.isInstanceOfSatisfying(ImageMessage.class, (image) -> assertThat(image.picUrl()).isEqualTo("http://pic"));
		assertThat(InboundMessage.of(message("voice", "MsgId", "2", "MediaId", "m2", "Format", "amr")))
			.isInstanceOfSatisfying(VoiceMessage.class, (voice) -> {
				assertThat(voice.format()).isEqualTo("amr");
				assertThat(voice.recognition()).isNull();
			});
		assertThat(InboundMessage
			.of(message("voice", "MsgId", "2", "MediaId", "m2", "Format", "amr", "Recognition", "腾讯微信团队")))
			.isInstanceOfSatisfying(VoiceMessage.class, (voice) -> assertThat(voice.recognition()).isEqualTo("腾讯微信团队"));
		assertThat(InboundMessage.of(message("video", "MsgId", "3", "MediaId", "m3", "ThumbMediaId", "t3")))
			.isInstanceOfSatisfying(VideoMessage.class, (video) -> assertThat(video.thumbMediaId()).isEqualTo("t3"));
		assertThat(InboundMessage.of(message("shortvideo", "MsgId", "4", "MediaId", "m4", "ThumbMediaId", "t4")))
			.isInstanceOfSatisfying(ShortVideoMessage.class, (video) -> {
				assertThat(video.msgType()).isEqualTo("shortvideo");
				assertThat(video.mediaId()).isEqualTo("m4");
			});
	}

	@Test
	void typesLocationAndLinkMessages() {
		assertThat(InboundMessage.of(message("location", "MsgId", "5", "Location_X", "23.134521", "Location_Y",
				"113.358803", "Scale", "20", "Label", "位置信息")))
			.isInstanceOfSatisfying(LocationMessage.class, (location) -> {
				assertThat(location.latitude()).isEqualTo(23.134521);
				assertThat(location.longitude()).isEqualTo(113.358803);
				assertThat(location.scale()).isEqualTo(20);
				assertThat(location.label()).isEqualTo("位置信息");
			});
		assertThat(
				InboundMessage.of(message("link", "MsgId", "6", "Title", "t", "Description", "d", "Url", "http://u")))
			.isInstanceOfSatisfying(LinkMessage.class, (link) -> assertThat(link.url()).isEqualTo("http://u"));
	}

	@Test
	void typesSubscribeFromParametricQrCodeWithSceneWithoutPrefix() {
		InboundMessage message = InboundMessage
			.of(message("event", "Event", "subscribe", "EventKey", "qrscene_login-42", "Ticket", "TICKET"));
		assertThat(message).isInstanceOfSatisfying(SubscribeEvent.class, (event) -> {
			assertThat(event.scene()).isEqualTo("login-42");
			assertThat(event.ticket()).isEqualTo("TICKET");
			assertThat(event.fromQrCode()).isTrue();
			assertThat(event.fields()).containsEntry("EventKey", "qrscene_login-42");
		});
		assertThat(message.deduplicationKey()).isEqualTo("o_user:1348831860:subscribe");
	}

	@Test
	void typesPlainSubscribeWithoutScene() {
		assertThat(InboundMessage.of(message("event", "Event", "subscribe", "EventKey", "")))
			.isInstanceOfSatisfying(SubscribeEvent.class, (event) -> {
				assertThat(event.scene()).isNull();
				assertThat(event.ticket()).isNull();
				assertThat(event.fromQrCode()).isFalse();
			});
		assertThat(InboundMessage.of(message("event", "Event", "subscribe"))).isInstanceOf(SubscribeEvent.class);
	}

	@Test
	void typesUnsubscribe() {
		assertThat(InboundMessage.of(message("event", "Event", "unsubscribe")))
			.isInstanceOfSatisfying(UnsubscribeEvent.class, (event) -> {
				assertThat(event.event()).isEqualTo("unsubscribe");
				assertThat(event.msgType()).isEqualTo("event");
			});
	}

	@Test
	void typesScanWithSceneAsSent() {
		InboundMessage message = InboundMessage
			.of(message("event", "Event", "SCAN", "EventKey", "123", "Ticket", "TICKET"));
		assertThat(message).isEqualTo(new ScanEvent("gh_account", "o_user", TIME, "123", "TICKET", message.fields()));
		assertThat(message.deduplicationKey()).isEqualTo("o_user:1348831860:SCAN");
	}

	@Test
	void matchesEventNamesInAnyCase() {
		assertThat(InboundMessage.of(message("EVENT", "Event", "scan", "EventKey", "7"))).isInstanceOf(ScanEvent.class);
	}

	@Test
	void typesLocationClickAndViewEvents() {
		assertThat(InboundMessage.of(message("event", "Event", "LOCATION", "Latitude", "23.137466", "Longitude",
				"113.352425", "Precision", "119.385040")))
			.isInstanceOfSatisfying(LocationEvent.class, (event) -> assertThat(event.precision()).isEqualTo(119.38504));
		assertThat(InboundMessage.of(message("event", "Event", "CLICK", "EventKey", "V1001_TODAY_MUSIC")))
			.isInstanceOfSatisfying(ClickEvent.class,
					(event) -> assertThat(event.eventKey()).isEqualTo("V1001_TODAY_MUSIC"));
		assertThat(InboundMessage.of(message("event", "Event", "VIEW", "EventKey", "http://www.qq.com/")))
			.isInstanceOfSatisfying(ViewEvent.class, (event) -> {
				assertThat(event.eventKey()).isEqualTo("http://www.qq.com/");
				assertThat(event.menuId()).isNull();
			});
	}

	@Test
	void keepsUnknownEventGenericWithEveryField() {
		InboundMessage message = InboundMessage
			.of(message("event", "Event", "TEMPLATESENDJOBFINISH", "MsgID", "200163836", "Status", "success"));
		assertThat(message).isInstanceOfSatisfying(GenericMessage.class, (generic) -> {
			assertThat(generic.event()).isEqualTo("TEMPLATESENDJOBFINISH");
			assertThat(generic.msgType()).isEqualTo("event");
			assertThat(generic.fields()).containsEntry("Status", "success").containsEntry("MsgID", "200163836");
		});
		assertThat(message.deduplicationKey()).isEqualTo("o_user:1348831860:TEMPLATESENDJOBFINISH");
	}

	@Test
	void keepsUnknownMessageTypeGeneric() {
		InboundMessage message = InboundMessage.of(message("miniprogrampage", "MsgId", "77", "Title", "t"));
		assertThat(message).isInstanceOfSatisfying(GenericMessage.class,
				(generic) -> assertThat(generic.event()).isNull());
		assertThat(message.msgType()).isEqualTo("miniprogrampage");
		assertThat(message.deduplicationKey()).isEqualTo("77");
		assertThat(InboundMessage.of(message("unknown")).deduplicationKey()).isEqualTo("o_user:1348831860:unknown");
	}

	@Test
	void keepsKnownTypeGenericWhenItLacksItsFields() {
		assertThat(InboundMessage.of(message("text", "MsgId", "1"))).isInstanceOf(GenericMessage.class);
		assertThat(InboundMessage.of(message("event", "Event", "SCAN"))).isInstanceOf(GenericMessage.class);
		assertThat(InboundMessage
			.of(message("event", "Event", "LOCATION", "Latitude", "north", "Longitude", "1", "Precision", "1")))
			.isInstanceOf(GenericMessage.class);
		assertThat(InboundMessage.of(message("event"))).isInstanceOf(GenericMessage.class);
	}

	@Test
	void refusesMessageWithoutCommonFields() {
		Map<String, String> fields = message("text", "MsgId", "1", "Content", "x");
		fields.remove("FromUserName");
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class, () -> InboundMessage.of(fields));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).contains("FromUserName");
	}

	@Test
	void refusesCreateTimeThatIsNotANumber() {
		Map<String, String> fields = message("text", "MsgId", "1", "Content", "x");
		fields.put("CreateTime", "yesterday");
		assertThatExceptionOfType(WechatMessageException.class).isThrownBy(() -> InboundMessage.of(fields))
			.withMessageContaining("CreateTime");
	}

	@Test
	void keepsFieldsInOrderAndUnmodifiable() {
		Map<String, String> raw = message("text", "MsgId", "1", "Content", "x", "bizmsgmenuid", "101");
		InboundMessage message = InboundMessage.of(raw);
		raw.put("Content", "changed");
		assertThat(message.fields().keySet()).containsExactly("ToUserName", "FromUserName", "CreateTime", "MsgType",
				"MsgId", "Content", "bizmsgmenuid");
		assertThat(((TextMessage) message).content()).isEqualTo("x");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> message.fields().put("x", "y"));
	}

	private static Map<String, String> message(String msgType, String... more) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("ToUserName", "gh_account");
		fields.put("FromUserName", "o_user");
		fields.put("CreateTime", "1348831860");
		fields.put("MsgType", msgType);
		for (int i = 0; i < more.length; i += 2) {
			fields.put(more[i], more[i + 1]);
		}
		return fields;
	}

}
