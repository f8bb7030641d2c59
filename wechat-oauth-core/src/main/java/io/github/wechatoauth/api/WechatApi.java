package io.github.wechatoauth.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.WechatHttp;
import org.jspecify.annotations.Nullable;

/**
 * Calls any WeChat API that takes the app access token ({@code cgi-bin/*}, {@code wxa/*}
 * and the like) with the token the client manages: the token is added as the query
 * parameter {@code access_token}; an answer that it is invalid, expired or replaced
 * (40001, 40014, 42001) invalidates it for every instance sharing the store (only if the
 * store still holds that token), and the call is made once more with a valid one; "system
 * busy" ({@code -1}) is retried per the client's busy policy, except on a
 * {@link #singleUse() single-use} view; any other non-zero {@code errcode} is a
 * {@link WechatApiException} naming the path. No message holds the token. Get it from
 * {@link io.github.wechatoauth.WechatOAuthClient#api()}; thread-safe. <pre>{@code
 * Map<String, Object> tags = client.api().get("/cgi-bin/tags/get", Map.of());
 * client.api().singleUse().post("/cgi-bin/message/custom/send", message);
 * }</pre>
 */
public final class WechatApi {

	private static final Pattern PATH = Pattern.compile("/?[A-Za-z0-9_-]+(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");

	private static final String PATH_RULE = "a WeChat API path such as /cgi-bin/tags/get: letters, digits, '_', "
			+ "'-', '.' and '/', no scheme, host, query string or '..' (give query parameters in the map)";

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final AppCredentials credentials;

	private final boolean retryBusy;

	/**
	 * Creates the generic calls of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's HTTP layer and API base URL
	 * @param credentials where the access token comes from
	 */
	public WechatApi(ClientContext context, AppCredentials credentials) {
		this(context.http(), context.apiBaseUrl(), credentials, true);
	}

	private WechatApi(WechatHttp http, String apiBaseUrl, AppCredentials credentials, boolean retryBusy) {
		this.http = http;
		this.apiBaseUrl = apiBaseUrl;
		this.credentials = credentials;
		this.retryBusy = retryBusy;
	}

	/**
	 * Returns a view of these calls for those that must not take effect twice, such as
	 * sending a message: WeChat's "system busy" ({@code -1}) does not say whether it
	 * acted, so it is not retried but thrown. A rejected token (40001, 40014, 42001) is
	 * still retried once, as WeChat does nothing with a call whose token it rejects.
	 * @return the single-use view
	 */
	public WechatApi singleUse() {
		return new WechatApi(this.http, this.apiBaseUrl, this.credentials, false);
	}

	/**
	 * Sends a GET and reads the JSON answer into a type.
	 * @param <T> the answer's type
	 * @param path the API path, such as {@code /cgi-bin/tags/get}
	 * @param query the query parameters besides {@code access_token} (values written with
	 * {@code String.valueOf}); may be empty
	 * @param type the type to read the answer into, such as a record with
	 * {@code @JsonProperty} components
	 * @return the answer
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no answer of that type could be read
	 */
	public <T> T get(String path, Map<String, ?> query, Class<T> type) {
		Arguments.requireNonNull(type, "type");
		return call(path, query, null, type);
	}

	/**
	 * Sends a GET and reads the JSON answer as a map.
	 * @param path the API path, such as {@code /cgi-bin/tags/get}
	 * @param query the query parameters besides {@code access_token}; may be empty
	 * @return the answer's fields, in order: strings, numbers, booleans, nulls, lists and
	 * maps, whichever Jackson the application has
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no JSON answer could be read
	 */
	public Map<String, @Nullable Object> get(String path, Map<String, ?> query) {
		return fields(call(path, query, null, Map.class));
	}

	/**
	 * Sends a POST with a JSON body and reads the JSON answer into a type.
	 * @param <T> the answer's type
	 * @param path the API path, such as {@code /cgi-bin/menu/create}
	 * @param body the body, written as JSON (UTF-8, Chinese unescaped): a map, a record
	 * or a bean
	 * @param type the type to read the answer into
	 * @return the answer
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no answer of that type could be read
	 */
	public <T> T post(String path, Object body, Class<T> type) {
		Arguments.requireNonNull(type, "type");
		return call(path, Map.of(), Arguments.requireNonNull(body, "body"), type);
	}

	/**
	 * Sends a POST with a JSON body and reads the JSON answer as a map.
	 * @param path the API path, such as {@code /cgi-bin/menu/create}
	 * @param body the body, written as JSON: a map, a record or a bean
	 * @return the answer's fields, in order
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no JSON answer could be read
	 */
	public Map<String, @Nullable Object> post(String path, Object body) {
		return fields(call(path, Map.of(), Arguments.requireNonNull(body, "body"), Map.class));
	}

	/**
	 * Sends a GET and returns the answer's bytes, such as a temporary media file
	 * ({@code /cgi-bin/media/get}). An answer that is JSON with a non-zero
	 * {@code errcode} is an error; any other answer is returned as it came, JSON included
	 * (WeChat answers some media, such as videos, with a JSON link).
	 * @param path the API path, such as {@code /cgi-bin/media/get}
	 * @param query the query parameters besides {@code access_token}; may be empty
	 * @return the bytes, at most 16 MB
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if the download failed or was larger than 16 MB
	 */
	public byte[] getBytes(String path, Map<String, ?> query) {
		String endpoint = endpoint(path);
		Map<String, String> parameters = parameters(query);
		return this.credentials.withAccessToken((token) -> this.http.download(this.apiBaseUrl, endpoint,
				withToken(token, parameters), null, this.retryBusy));
	}

	/**
	 * Sends a POST with a JSON body and returns the answer's bytes, such as a Mini
	 * Program code image ({@code /wxa/getwxacodeunlimit}) or a permanent material
	 * ({@code /cgi-bin/material/get_material}). Errors as in {@link #getBytes}.
	 * @param path the API path
	 * @param body the body, written as JSON
	 * @return the bytes, at most 16 MB
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if the download failed or was larger than 16 MB
	 */
	public byte[] postForBytes(String path, Object body) {
		String endpoint = endpoint(path);
		Arguments.requireNonNull(body, "body");
		return this.credentials.withAccessToken((token) -> this.http.download(this.apiBaseUrl, endpoint,
				withToken(token, Map.of()), body, this.retryBusy));
	}

	private <T> T call(String path, Map<String, ?> query, @Nullable Object body, Class<T> type) {
		String endpoint = endpoint(path);
		Map<String, String> parameters = parameters(query);
		return this.credentials.withAccessToken((token) -> this.http.call(this.apiBaseUrl, endpoint,
				withToken(token, parameters), body, type, this.retryBusy));
	}

	private static String endpoint(String path) {
		Arguments.requireMatch(path, "path", PATH, PATH_RULE);
		return path.startsWith("/") ? path.substring(1) : path;
	}

	private static Map<String, String> parameters(Map<String, ?> query) {
		Arguments.requireNonNull(query, "query");
		Map<String, String> parameters = new LinkedHashMap<>();
		query.forEach((name, value) -> {
			Arguments.requireText(name, "a query parameter's name");
			if (name.equals(AppCredentials.ACCESS_TOKEN)) {
				throw new IllegalArgumentException(
						"query must not hold access_token: the client adds the token it manages");
			}
			parameters.put(name, String.valueOf(Arguments.requireNonNull(value, "query parameter " + name)));
		});
		return parameters;
	}

	private static Map<String, String> withToken(String token, Map<String, String> parameters) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put(AppCredentials.ACCESS_TOKEN, token);
		query.putAll(parameters);
		return query;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> fields(Map<?, ?> answer) {
		return (Map<String, @Nullable Object>) answer;
	}

}
