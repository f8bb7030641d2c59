package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
			.of(message("event", "Event", "LOCATION", "Latitude", " ", "Longitude", "1", "Precision", "1")))
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

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "9223372036854775808", "99999999999999999999999", "-1",
			"253402300800", "1e9", "0x10", "+1" })
	void refusesCreateTimeOutOfRangeNamingIt(String createTime) {
		Map<String, String> fields = message("text", "MsgId", "1", "Content", "x");
		fields.put("CreateTime", createTime);
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class, () -> InboundMessage.of(fields));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getReason().httpStatus()).isEqualTo(400);
		assertThat(ex.getMessage()).contains("CreateTime");
	}

	@Test
	void acceptsTheWholeRangeOfCreateTime() {
		assertThat(InboundMessage.of(message("unknown", "CreateTime", "0")).createTime()).isEqualTo(Instant.EPOCH);
		assertThat(InboundMessage.of(message("unknown", "CreateTime", "253402300799")).createTime())
			.isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			text     | MsgId       | 123456789012345678901 | MsgId
			text     | MsgId       | 1e3                   | MsgId
			location | Location_X  | 90.000001             | Location_X
			location | Location_Y  | -180.5                | Location_Y
			location | Location_X  | NaN                   | Location_X
			location | Scale       | 2147483648            | Scale
			location | Scale       | -1                    | Scale
			location | Scale       | 9223372036854775807   | Scale
			LOCATION | Latitude    | north                 | Latitude
			LOCATION | Latitude    | 1e400                 | Latitude
			LOCATION | Longitude   | 181                   | Longitude
			LOCATION | Precision   | -0.5                  | Precision
			LOCATION | Precision   | Infinity              | Precision
			""")
	void refusesANumberOutOfItsRangeNamingTheField(String type, String field, String value, String named) {
		Map<String, String> fields = ("LOCATION".equals(type))
				? message("event", "Event", "LOCATION", "Latitude", "23.1", "Longitude", "113.3", "Precision", "30")
				: message(type, "MsgId", "1", "Content", "x", "Location_X", "23.1", "Location_Y", "113.3", "Scale",
						"15", "Label", "Guangzhou");
		fields.put(field, value);
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class, () -> InboundMessage.of(fields));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).contains(named).doesNotContain(value);
	}

	@Test
	void acceptsNumbersAtTheEdgesOfTheirRanges() {
		InboundMessage location = InboundMessage.of(message("location", "MsgId", "18446744073709551615", "Location_X",
				"-90", "Location_Y", "180", "Scale", "0", "Label", "edge"));
		assertThat(location).isInstanceOfSatisfying(LocationMessage.class, (message) -> {
			assertThat(message.latitude()).isEqualTo(-90);
			assertThat(message.longitude()).isEqualTo(180);
			assertThat(message.scale()).isZero();
		});
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
