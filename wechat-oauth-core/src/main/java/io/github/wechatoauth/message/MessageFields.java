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

	/** The last second of the year 9999: no push comes from later. */
	private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

	/** An unsigned 64-bit number has at most 20 digits. */
	private static final int MAX_MSG_ID_DIGITS = 20;

	private static final int MAX_SAFE_DIGITS = 18;

	private static final int MAX_DECIMAL_LENGTH = 64;

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
		Instant createTime = Instant.ofEpochSecond(read.wholeNumber("CreateTime", 0, MAX_EPOCH_SECOND, true));
		String msgId = read.optional("MsgId");
		if (msgId != null && (msgId.strip().length() > MAX_MSG_ID_DIGITS || !isDigits(msgId.strip()))) {
			throw new WechatMessageException(Reason.MALFORMED,
					"the message's MsgId is not a whole number of at most " + MAX_MSG_ID_DIGITS + " digits");
		}
		try {
			InboundMessage typed = read.typed(to, from, createTime, msgType.toLowerCase(Locale.ROOT));
			if (typed != null) {
				return typed;
			}
		}
		catch (MissingField ex) {
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
			case "location" -> new LocationMessage(to, from, time, text("MsgId"), decimal("Location_X", 90),
					decimal("Location_Y", 180), (int) wholeNumber("Scale", 0, Integer.MAX_VALUE, false), text("Label"),
					this.fields);
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
			case "location" -> new LocationEvent(to, from, time, decimal("Latitude", 90), decimal("Longitude", 180),
					nonNegativeDecimal("Precision"), this.fields);
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

	/**
	 * Reads a whole number within its range; a field that is absent or blank is missing,
	 * one that is there but not such a number is malformed, naming the field.
	 */
	private long wholeNumber(String name, long min, long max, boolean common) {
		String value = common ? common(name).strip() : number(name);
		boolean negative = value.startsWith("-");
		String digits = negative ? value.substring(1) : value;
		if (!isDigits(digits)) {
			throw new WechatMessageException(Reason.MALFORMED, "the message's " + name + " is not a whole number");
		}
		// Past 18 digits a number may not fit a long: it is out of any range here anyway.
		long number = (digits.length() <= MAX_SAFE_DIGITS) ? Long.parseLong(value)
				: (negative ? Long.MIN_VALUE : Long.MAX_VALUE);
		if (number < min || number > max) {
			throw new WechatMessageException(Reason.MALFORMED,
					"the message's " + name + " is out of its range " + min + " to " + max);
		}
		return number;
	}

	/** Reads a decimal from -limit to limit, such as a latitude. */
	private double decimal(String name, double limit) {
		double value = finite(name);
		if (value < -limit || value > limit) {
			throw new WechatMessageException(Reason.MALFORMED,
					"the message's " + name + " is out of its range " + (int) -limit + " to " + (int) limit);
		}
		return value;
	}

	private double nonNegativeDecimal(String name) {
		double value = finite(name);
		if (value < 0) {
			throw new WechatMessageException(Reason.MALFORMED, "the message's " + name + " is negative");
		}
		return value;
	}

	private double finite(String name) {
		String value = number(name);
		double number;
		try {
			number = (value.length() <= MAX_DECIMAL_LENGTH) ? Double.parseDouble(value) : Double.NaN;
		}
		catch (NumberFormatException ex) {
			number = Double.NaN;
		}
		if (!Double.isFinite(number)) {
			throw new WechatMessageException(Reason.MALFORMED, "the message's " + name + " is not a finite number");
		}
		return number;
	}

	/** A number field's text; a blank one counts as absent. */
	private String number(String name) {
		String value = this.fields.get(name);
		if (value == null || value.isBlank()) {
			throw new MissingField();
		}
		return value.strip();
	}

	private static boolean isDigits(String text) {
		return !text.isEmpty() && text.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	/** A documented field is absent: the message stays generic. */
	private static final class MissingField extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MissingField() {
			super(null, null, false, false);
		}

	}

}
