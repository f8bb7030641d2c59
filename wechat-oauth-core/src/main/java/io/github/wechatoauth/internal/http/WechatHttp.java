package io.github.wechatoauth.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import io.github.wechatoauth.BusyRetry;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.json.WechatJson;
import io.micrometer.common.KeyValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls WeChat's JSON endpoints. WeChat answers errors with HTTP 200 and an
 * {@code errcode}, declares {@code text/plain} (or an invalid charset) for JSON and puts
 * raw control characters in nicknames, so the body is read as bytes, decoded as UTF-8 and
 * parsed leniently here, whatever the declared type.
 * <p>
 * Query strings and bodies carry the app secret and tokens, so no URL ever reaches a
 * message or a log line (requests are named by their endpoint path), and whatever comes
 * back (a failure's message, WeChat's {@code errmsg}) is masked of the values the request
 * carried. JSON is read with the application's Jackson ({@link WechatJson}). Internal:
 * use {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class WechatHttp {

	private static final Log logger = LogFactory.getLog(WechatHttp.class);

	/** Larger answers are refused: WeChat's JSON answers are a few kilobytes. */
	private static final int MAX_BODY_BYTES = 1 << 20;

	/**
	 * Found when the client is built, so that a missing Jackson fails then, not later.
	 */
	private final WechatJson json = WechatJson.get();

	private final RestClient restClient;

	private final BusyRetry busyRetry;

	/**
	 * Creates a client.
	 * @param restClientBuilder the builder to start from; it is cloned, never changed
	 * @param connectTimeout connect timeout, or {@code null} to keep the builder's
	 * request factory
	 * @param readTimeout read timeout, or {@code null} to keep the builder's request
	 * factory
	 * @param busyRetry the retry policy for {@code errcode -1}
	 */
	public WechatHttp(RestClient.Builder restClientBuilder, @Nullable Duration connectTimeout,
			@Nullable Duration readTimeout, BusyRetry busyRetry) {
		RestClient.Builder builder = restClientBuilder.clone();
		if (connectTimeout != null || readTimeout != null) {
			HttpClient.Builder httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
			if (connectTimeout != null) {
				httpClient.connectTimeout(connectTimeout);
			}
			JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient.build());
			if (readTimeout != null) {
				requestFactory.setReadTimeout(readTimeout);
			}
			builder.requestFactory(requestFactory);
		}
		// WeChat puts the secret and tokens in query strings; Spring's default convention
		// would record the whole URL in every client observation (and so in traces).
		builder.observationConvention(new QueryFreeObservationConvention());
		this.restClient = builder.build();
		this.busyRetry = busyRetry;
	}

	/**
	 * Sends a GET and reads the JSON answer.
	 * @param <T> the answer's type
	 * @param baseUrl the base URL, such as {@code https://api.weixin.qq.com}
	 * @param endpoint the endpoint path without a leading slash, such as
	 * {@code sns/userinfo}
	 * @param query the query parameters, in order, not yet encoded
	 * @param type the record the answer is read into
	 * @return the answer
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no JSON answer could be read
	 */
	public <T> T get(String baseUrl, String endpoint, Map<String, String> query, Class<T> type) {
		return call(HttpMethod.GET, baseUrl, endpoint, query, null, type, this.busyRetry.maxRetries());
	}

	/**
	 * Sends a GET once, even if WeChat answers {@code errcode -1}: for calls that spend a
	 * single-use code ({@code sns/oauth2/access_token}, {@code sns/jscode2session}),
	 * which a busy WeChat may have spent already, so that a retry could only earn 40163.
	 * @param <T> the answer's type
	 * @param baseUrl the base URL, such as {@code https://api.weixin.qq.com}
	 * @param endpoint the endpoint path without a leading slash
	 * @param query the query parameters, in order, not yet encoded
	 * @param type the record the answer is read into
	 * @return the answer
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no JSON answer could be read
	 */
	public <T> T getOnce(String baseUrl, String endpoint, Map<String, String> query, Class<T> type) {
		return call(HttpMethod.GET, baseUrl, endpoint, query, null, type, 0);
	}

	/**
	 * Sends a POST with a JSON body and reads the JSON answer.
	 * @param <T> the answer's type
	 * @param baseUrl the base URL, such as {@code https://api.weixin.qq.com}
	 * @param endpoint the endpoint path without a leading slash, such as
	 * {@code cgi-bin/qrcode/create}
	 * @param query the query parameters, in order, not yet encoded
	 * @param body the body, written as JSON
	 * @param type the record the answer is read into
	 * @return the answer
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no JSON answer could be read
	 */
	public <T> T postJson(String baseUrl, String endpoint, Map<String, String> query, Object body, Class<T> type) {
		return call(HttpMethod.POST, baseUrl, endpoint, query, body, type, this.busyRetry.maxRetries());
	}

	private <T> T call(HttpMethod method, String baseUrl, String endpoint, Map<String, String> query,
			@Nullable Object body, Class<T> type, int maxRetries) {
		URI uri = uri(baseUrl, endpoint, query);
		RequestValues sent = RequestValues.of(query, body);
		byte[] json = (body != null) ? write(body, endpoint) : null;
		for (int retry = 0;; retry++) {
			WechatAnswer answer = exchange(method, uri, endpoint, json, sent);
			int errorCode = answer.errorCode();
			if (errorCode == 0) {
				return answer.read(type);
			}
			if (errorCode == -1 && retry < maxRetries) {
				Duration backoff = this.busyRetry.backoff(retry + 1);
				logger.debug(endpoint + " answered errcode -1 (system busy); retry " + (retry + 1) + " in " + backoff);
				pause(backoff, endpoint);
				continue;
			}
			throw answer.error(errorCode);
		}
	}

	private byte[] write(Object body, String endpoint) {
		try {
			return this.json.write(body);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("body of " + endpoint + " cannot be written as JSON", ex);
		}
	}

	private WechatAnswer exchange(HttpMethod method, URI uri, String endpoint, byte @Nullable [] body,
			RequestValues sent) {
		long started = System.nanoTime();
		RestClient.RequestBodySpec request = this.restClient.method(method)
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		Response response;
		try {
			response = request.exchange((req, res) -> {
				int status = res.getStatusCode().value();
				// The raw header, not getContentType(): WeChat's declared type is only
				// reported, and parsing an invalid charset would throw.
				String contentType = res.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
				return new Response(status, (contentType != null) ? contentType : "no content type",
						readBody(res.getBody(), endpoint));
			}, true);
		}
		catch (WechatException ex) {
			throw ex;
		}
		catch (RestClientException ex) {
			// RestClient's own message holds the URL, and with it the secret: keep only
			// the root cause, and only if it does not quote the request either.
			Throwable cause = rootCause(ex);
			boolean safe = !(cause instanceof RestClientException) && !sent.quotedIn(cause.getMessage());
			String detail = (safe && cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "";
			throw new WechatTransportException(method + " " + endpoint + " failed: " + cause.getClass().getSimpleName()
					+ detail + " after " + elapsedMillis(started) + " ms", safe ? cause : null);
		}
		if (response == null) {
			// Spring 6.2 declares exchange(..) nullable; our exchange function never
			// returns null.
			throw new WechatTransportException(method + " " + endpoint + " failed: no response was read");
		}
		if (logger.isDebugEnabled()) {
			logger.debug(method + " " + endpoint + " -> HTTP " + response.status + ", " + response.body.length
					+ " bytes in " + elapsedMillis(started) + " ms");
		}
		if (response.status < 200 || response.status > 299) {
			throw new WechatTransportException(method + " " + endpoint + " failed: unexpected HTTP status "
					+ response.status + " (" + sent.mask(response.contentType) + ")");
		}
		// Decoded here whatever the declared type says; no parse failure is kept, as it
		// would quote the text, which may hold a token.
		Map<String, @Nullable Object> fields = this.json.readObject(new String(response.body, StandardCharsets.UTF_8));
		if (fields == null) {
			throw new WechatTransportException(method + " " + endpoint + " failed: the answer is not a JSON object ("
					+ sent.mask(response.contentType) + ", " + response.body.length + " bytes)");
		}
		return new WechatAnswer(endpoint, fields, sent, this.json);
	}

	private static byte[] readBody(InputStream body, String endpoint) throws IOException {
		byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
		if (bytes.length > MAX_BODY_BYTES) {
			throw new WechatTransportException(endpoint + " answered more than " + MAX_BODY_BYTES + " bytes");
		}
		return bytes;
	}

	private static URI uri(String baseUrl, String endpoint, Map<String, String> query) {
		StringBuilder url = new StringBuilder(baseUrl);
		if (!baseUrl.endsWith("/")) {
			url.append('/');
		}
		url.append(endpoint);
		if (!query.isEmpty()) {
			StringJoiner parameters = new StringJoiner("&", "?", "");
			query.forEach((name, value) -> parameters
				.add(UriEncoding.encodeUriComponent(name) + "=" + UriEncoding.encodeUriComponent(value)));
			url.append(parameters);
		}
		try {
			return new URI(url.toString());
		}
		catch (URISyntaxException ex) {
			// The exception quotes the whole URL, query string and secret included.
			throw new IllegalArgumentException("base URL " + baseUrl + " does not make a valid URI with " + endpoint);
		}
	}

	private static void pause(Duration backoff, String endpoint) {
		if (backoff.isZero()) {
			return;
		}
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WechatTransportException(endpoint + ": interrupted while waiting to retry", ex);
		}
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static long elapsedMillis(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1_000_000;
	}

	private record Response(int status, String contentType, byte[] body) {
	}

	/**
	 * Spring's default client observation convention, less the query string: the URL
	 * recorded as {@code http.url} (and any URI template recorded as {@code uri}) stops
	 * at the path, because WeChat's query strings carry the app secret and tokens.
	 */
	private static final class QueryFreeObservationConvention extends DefaultClientRequestObservationConvention {

		@Override
		protected KeyValue uri(ClientRequestObservationContext context) {
			KeyValue uri = super.uri(context);
			return KeyValue.of(uri.getKey(), withoutQuery(uri.getValue()));
		}

		@Override
		protected KeyValue requestUri(ClientRequestObservationContext context) {
			KeyValue url = super.requestUri(context);
			return KeyValue.of(url.getKey(), withoutQuery(url.getValue()));
		}

		private static String withoutQuery(String url) {
			int query = url.indexOf('?');
			int fragment = url.indexOf('#');
			int end = (query >= 0) ? query : url.length();
			if (fragment >= 0 && fragment < end) {
				end = fragment;
			}
			return url.substring(0, end);
		}

	}

}
