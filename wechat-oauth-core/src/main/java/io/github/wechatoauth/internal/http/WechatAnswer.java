package io.github.wechatoauth.internal.http;

import java.util.Map;
import java.util.StringJoiner;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.json.JsonBindingException;
import io.github.wechatoauth.internal.json.WechatJson;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object WeChat answered, read leniently: {@code errcode} may be absent (0) or a
 * string, and whatever the answer says back ({@code errmsg}, field names) is masked of
 * the values the request carried before it reaches an exception.
 */
final class WechatAnswer {

	private final String endpoint;

	private final Map<String, @Nullable Object> fields;

	private final RequestValues sent;

	private final WechatJson json;

	WechatAnswer(String endpoint, Map<String, @Nullable Object> fields, RequestValues sent, WechatJson json) {
		this.endpoint = endpoint;
		this.fields = fields;
		this.sent = sent;
		this.json = json;
	}

	/**
	 * Returns WeChat's {@code errcode}: 0 when absent, as WeChat's successful answers
	 * have none.
	 * @throws WechatTransportException if it is neither a whole number in the range of
	 * {@code int} nor a string of one
	 */
	int errorCode() {
		Object errcode = this.fields.get("errcode");
		if (errcode == null) {
			return 0;
		}
		if (errcode instanceof Integer code) {
			return code;
		}
		if (errcode instanceof String text) {
			try {
				return Integer.parseInt(text.trim());
			}
			catch (NumberFormatException ex) {
				// answered below
			}
		}
		throw new WechatTransportException(
				this.endpoint + " answered an errcode that is not a whole number in the range of int");
	}

	/**
	 * Binds the answer to the type the endpoint answers.
	 * @throws WechatTransportException if the answer does not fit the type, naming the
	 * field that does not
	 */
	<T> T read(Class<T> type) {
		try {
			return this.json.bind(this.fields, type);
		}
		catch (JsonBindingException ex) {
			String field = ex.getField();
			throw new WechatTransportException(this.endpoint + " answered JSON of an unexpected shape for "
					+ type.getSimpleName() + ((field != null) ? ": " + this.sent.mask(field) + " does not fit" : "")
					+ " (fields " + fieldNames() + ")");
		}
	}

	/**
	 * Returns the exception for an error answer, its {@code errmsg} masked of the values
	 * the request carried.
	 */
	WechatApiException error(int errorCode) {
		Object errmsg = this.fields.get("errmsg");
		String message = (errmsg != null) ? this.sent.mask(errmsg.toString()) : "";
		return new WechatApiException(this.endpoint, errorCode, message);
	}

	private String fieldNames() {
		StringJoiner names = new StringJoiner(", ", "[", "]");
		this.fields.keySet().forEach((name) -> names.add(this.sent.mask(name)));
		return names.toString();
	}

}
