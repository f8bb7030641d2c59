package io.github.wechatoauth.message;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Turns raw fields into typed messages. A typed record is built only when all the fields
 * WeChat documents for it are there and readable; otherwise the message stays generic.
 */
final class MessageFields {

	private static final String QR_SCENE_PREFIX = "qrscene_";

	private final Map<String, String> fields;

	private MessageFields(Map<String, String> fields) {
		this.fields = fields;
	}

	static Map<String, String> copy(Map<String, String> fields) {
		Arguments.requireNonNull(fields, "fields");
		return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	static InboundMessage toMessage(Map<String, String> raw) {
		Map<String, String> fields = copy(raw);
		MessageFields read = new MessageFields(fields);
		String to = read.common("ToUserName");
		String from = read.common("FromUserName");
		String msgType = read.common("MsgType");
		Instant createTime;
		try {
			createTime = Instant.ofEpochSecond(Long.parseLong(read.common("CreateTime").strip()));
		}
		catch (NumberFormatException ex) {
			throw new WechatMessageException(Reason.MALFORMED, "the message's CreateTime is not a number");
		}
		try {
			InboundMessage typed = read.typed(to, from, createTime, msgType.toLowerCase(Locale.ROOT));
			if (typed != null) {
				return typed;
			}
		}
		catch (MissingField | NumberFormatException ex) {
			// A known type without its documented fields: keep it whole, untyped.
		}
		return new GenericMessage(to, from, createTime, msgType, fields);
	}

	private @Nullable InboundMessage typed(String to, String from, Instant time, String msgType) {
		return switch (msgType) {
			case "text" -> new TextMessage(to, from, time, text("MsgId"), text("Content"), this.fields);
			case "image" ->
				new ImageMessage(to, from, time, text("MsgId"), text("PicUrl"), text("MediaId"), this.fields);
			case "voice" -> new VoiceMessage(to, from, time, text("MsgId"), text("MediaId"), text("Format"),
					optional("Recognition"), this.fields);
			case "video" ->
				new VideoMessage(to, from, time, text("MsgId"), text("MediaId"), text("ThumbMediaId"), this.fields);
			case "shortvideo" -> new ShortVideoMessage(to, from, time, text("MsgId"), text("MediaId"),
					text("ThumbMediaId"), this.fields);
			case "location" -> new LocationMessage(to, from, time, text("MsgId"), decimal("Location_X"),
					decimal("Location_Y"), Integer.parseInt(text("Scale").strip()), text("Label"), this.fields);
			case "link" -> new LinkMessage(to, from, time, text("MsgId"), text("Title"), text("Description"),
					text("Url"), this.fields);
			case "event" -> event(to, from, time, text("Event").strip().toLowerCase(Locale.ROOT));
			default -> null;
		};
	}

	private @Nullable InboundMessage event(String to, String from, Instant time, String event) {
		return switch (event) {
			case "subscribe" -> {
				String eventKey = optional("EventKey");
				String scene = (eventKey != null && eventKey.startsWith(QR_SCENE_PREFIX)
						&& eventKey.length() > QR_SCENE_PREFIX.length()) ? eventKey.substring(QR_SCENE_PREFIX.length())
								: null;
				yield new SubscribeEvent(to, from, time, scene, optional("Ticket"), this.fields);
			}
			case "unsubscribe" -> new UnsubscribeEvent(to, from, time, this.fields);
			case "scan" -> new ScanEvent(to, from, time, text("EventKey"), optional("Ticket"), this.fields);
			case "location" -> new LocationEvent(to, from, time, decimal("Latitude"), decimal("Longitude"),
					decimal("Precision"), this.fields);
			case "click" -> new ClickEvent(to, from, time, text("EventKey"), this.fields);
			case "view" -> new ViewEvent(to, from, time, text("EventKey"), optional("MenuId"), this.fields);
			default -> null;
		};
	}

	private String common(String name) {
		String value = this.fields.get(name);
		if (value == null || value.isBlank()) {
			throw new WechatMessageException(Reason.MALFORMED, "the message has no " + name);
		}
		return value;
	}

	private String text(String name) {
		String value = this.fields.get(name);
		if (value == null) {
			throw new MissingField();
		}
		return value;
	}

	private @Nullable String optional(String name) {
		String value = this.fields.get(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	private double decimal(String name) {
		double value = Double.parseDouble(text(name).strip());
		if (!Double.isFinite(value)) {
			throw new NumberFormatException(name + " is not finite");
		}
		return value;
	}

	/** A documented field is absent: the message stays generic. */
	private static final class MissingField extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MissingField() {
			super(null, null, false, false);
		}

	}

}
