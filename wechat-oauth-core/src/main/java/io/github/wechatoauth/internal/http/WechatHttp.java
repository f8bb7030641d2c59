package io.github.wechatoauth.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

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
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls WeChat's JSON endpoints. WeChat answers errors with HTTP 200 and an
 * {@code errcode}, declares {@code text/plain} (or an invalid charset) for JSON and puts
 * raw control characters in nicknames, so the body is read as bytes, decoded as UTF-8 and
 * parsed leniently here, whatever the declared type. An answer that cannot hold an
 * {@code errcode} is read straight into its record in one pass; any other, or one that
 * pass cannot read, is read field by field to find the {@code errcode} and say what does
 * not fit.
 * <p>
 * Query strings and bodies carry the app secret and tokens, so no URL ever reaches a
 * message or a log line (requests are named by their endpoint path), and whatever comes
 * back (a failure's message, WeChat's {@code errmsg}) is masked of the values the request
 * carried. JSON is read with the application's Jackson ({@link WechatJson}). Internal:
 * use {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class WechatHttp implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WechatHttp.class);

	/** Larger answers are refused: WeChat's JSON answers are a few kilobytes. */
	private static final int MAX_BODY_BYTES = 1 << 20;

	private static final byte[] ERRCODE = "errcode".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The {@code Accept} header of every call: WeChat declares JSON as JSON, as text or
	 * not at all.
	 */
	public static final String ACCEPT = MediaType
		.toString(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL));

	/**
	 * Larger downloads are refused: WeChat's media are at most 10 MB (images and videos),
	 * its QR codes and Mini Program codes a few hundred kilobytes.
	 */
	public static final int MAX_DOWNLOAD_BYTES = 16 << 20;

	/**
	 * Found when the client is built, so that a missing Jackson fails then, not later.
	 */
	private final WechatJson json = WechatJson.get();

	/** The connect timeout of the SDK's own transport unless one is set. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The read timeout of the SDK's own transport unless one is set. */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

	private final RestClient restClient;

	/** The transport made here, when the caller gave no builder: closed by us. */
	private final @Nullable ClientHttpRequestFactory ownTransport;

	private volatile boolean closed;

	private final BusyRetry busyRetry;

	/**
	 * Creates a client.
	 * @param callerBuilder the caller's builder, whose request factory, interceptors,
	 * observations and converters every call goes through (it is cloned, never changed),
	 * or {@code null} for the transport the SDK creates itself ({@link DefaultTransport})
	 * @param connectTimeout the connect timeout of the SDK's own transport, or
	 * {@code null} for 5 s
	 * @param readTimeout the read timeout of the SDK's own transport, or {@code null} for
	 * 10 s
	 * @param busyRetry the retry policy for {@code errcode -1}
	 */
	public WechatHttp(RestClient.@Nullable Builder callerBuilder, @Nullable Duration connectTimeout,
			@Nullable Duration readTimeout, BusyRetry busyRetry) {
		RestClient.Builder builder;
		if (callerBuilder != null) {
			builder = callerBuilder.clone();
			this.ownTransport = null;
			if (connectTimeout != null || readTimeout != null) {
				logger.info("connectTimeout and readTimeout are not applied: WeChat calls go through the request "
						+ "factory of the RestClient.Builder given, with its own timeouts");
			}
		}
		else {
			this.ownTransport = DefaultTransport.create(
					(connectTimeout != null) ? connectTimeout : DEFAULT_CONNECT_TIMEOUT,
					(readTimeout != null) ? readTimeout : DEFAULT_READ_TIMEOUT);
			builder = RestClient.builder().requestFactory(this.ownTransport);
		}
		// WeChat puts the secret and tokens in query strings; Spring's default convention
		// would record the whole URL in every client observation (and so in traces).
		builder.observationConvention(new QueryFreeObservationConvention());
		this.restClient = builder.build();
		this.busyRetry = busyRetry;
	}

	/**
	 * Releases the transport made here when no builder was given (its connection pool,
	 * its threads); a caller's request factory stays open. Calls after this fail.
	 */
	@Override
	public void close() {
		this.closed = true;
		if (this.ownTransport != null) {
			DefaultTransport.close(this.ownTransport);
		}
	}

	/**
	 * The transport made here, or {@code null} if the caller gave a builder; for tests.
	 */
	@Nullable ClientHttpRequestFactory ownTransport() {
		return this.ownTransport;
	}

	/**
	 * Sends a GET and reads the JSON answer, retrying {@code errcode -1} per the busy
	 * policy.
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
		return call(HttpMethod.GET, baseUrl, endpoint, query, null, type, true);
	}

	/**
	 * Sends a POST with a JSON body and reads the JSON answer, retrying
	 * {@code errcode -1} per the busy policy.
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
		return call(HttpMethod.POST, baseUrl, endpoint, query, body, type, true);
	}

	/**
	 * Sends a GET, or a POST with a JSON body, and reads the JSON answer.
	 * @param <T> the answer's type
	 * @param baseUrl the base URL
	 * @param endpoint the endpoint path without a leading slash
	 * @param query the query parameters, in order, not yet encoded
	 * @param body the body, written as JSON, for a POST; {@code null} for a GET
	 * @param type the type the answer is read into
	 * @param retryBusy whether {@code errcode -1} is retried per the busy policy;
	 * {@code false} for calls that must not take effect twice
	 * @return the answer
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if no JSON answer could be read
	 */
	public <T> T call(String baseUrl, String endpoint, Map<String, String> query, @Nullable Object body, Class<T> type,
			boolean retryBusy) {
		return call((body != null) ? HttpMethod.POST : HttpMethod.GET, baseUrl, endpoint, query, body, type, retryBusy);
	}

	/**
	 * Sends a GET, or a POST with a JSON body, and returns the bytes of the answer, such
	 * as an image. An answer that is a JSON object with a non-zero {@code errcode} (how
	 * WeChat answers a failed download) is an error; any other answer, JSON or not, is
	 * returned as it came.
	 * @param baseUrl the base URL
	 * @param endpoint the endpoint path without a leading slash
	 * @param query the query parameters, in order, not yet encoded
	 * @param body the body, written as JSON, for a POST; {@code null} for a GET
	 * @param retryBusy whether {@code errcode -1} is retried per the busy policy
	 * @return the answer's bytes, at most {@value #MAX_DOWNLOAD_BYTES}
	 * @throws WechatApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WechatTransportException if the download failed, answered an HTTP status
	 * other than 2xx or was larger than the limit
	 */
	public byte[] download(String baseUrl, String endpoint, Map<String, String> query, @Nullable Object body,
			boolean retryBusy) {
		Request request = request((body != null) ? HttpMethod.POST : HttpMethod.GET, baseUrl, endpoint, query, body);
		return withBusyRetry(endpoint, retryBusy, () -> {
			Response response = send(request, MAX_DOWNLOAD_BYTES);
			if (!isMedia(response.contentType)) {
				Map<String, @Nullable Object> fields = this.json
					.readObject(new String(response.body, StandardCharsets.UTF_8));
				if (fields != null) {
					WechatAnswer answer = new WechatAnswer(endpoint, fields, request.sent, this.json);
					int errorCode = answer.errorCode();
					if (errorCode != 0) {
						throw answer.error(errorCode);
					}
				}
			}
			return response.body;
		});
	}

	private <T> T call(HttpMethod method, String baseUrl, String endpoint, Map<String, String> query,
			@Nullable Object body, Class<T> type, boolean retryBusy) {
		Request request = request(method, baseUrl, endpoint, query, body);
		return withBusyRetry(endpoint, retryBusy, () -> {
			Response response = send(request, MAX_BODY_BYTES);
			T read = mayHoldErrorCode(response.body) ? null : this.json.readOrNull(response.body, type);
			if (read != null) {
				// Most answers: one pass from the bytes to the record.
				return read;
			}
			WechatAnswer answer = parse(request, response);
			int errorCode = answer.errorCode();
			if (errorCode != 0) {
				throw answer.error(errorCode);
			}
			return answer.read(type);
		});
	}

	private Request request(HttpMethod method, String baseUrl, String endpoint, Map<String, String> query,
			@Nullable Object body) {
		return new Request(method, uri(baseUrl, endpoint, query), endpoint,
				(body != null) ? write(body, endpoint) : null, RequestValues.of(query, body));
	}

	private <R> R withBusyRetry(String endpoint, boolean retryBusy, Supplier<R> attempt) {
		int maxRetries = retryBusy ? this.busyRetry.maxRetries() : 0;
		for (int retry = 0;; retry++) {
			try {
				return attempt.get();
			}
			catch (WechatApiException ex) {
				if (ex.getErrorCode() != -1 || retry >= maxRetries) {
					throw ex;
				}
				Duration backoff = this.busyRetry.backoff(retry + 1);
				logger.debug(endpoint + " answered errcode -1 (system busy); retry " + (retry + 1) + " in " + backoff);
				pause(backoff, endpoint);
			}
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

	private Response send(Request call, int maxBytes) {
		long started = System.nanoTime();
		HttpMethod method = call.method;
		String endpoint = call.endpoint;
		if (this.closed) {
			throw new WechatTransportException(method + " " + endpoint + " failed: the client is closed");
		}
		RestClient.RequestBodySpec request = this.restClient.method(method)
			.uri(call.uri)
			.header(HttpHeaders.ACCEPT, ACCEPT);
		if (call.body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(call.body);
		}
		Response response;
		try {
			response = request.exchange((req, res) -> {
				int status = res.getStatusCode().value();
				// The raw header, not getContentType(): WeChat's declared type is only
				// reported, and parsing an invalid charset would throw.
				String contentType = res.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
				return new Response(status, (contentType != null) ? contentType : "no content type",
						readBody(res, endpoint, maxBytes));
			}, true);
		}
		catch (WechatException ex) {
			throw ex;
		}
		catch (RestClientException ex) {
			// RestClient's own message holds the URL, and with it the secret: keep only
			// the root cause, and only if it does not quote the request either.
			Throwable cause = rootCause(ex);
			boolean safe = !(cause instanceof RestClientException) && !call.sent.quotedIn(cause.getMessage());
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
					+ response.status + " (" + call.sent.mask(response.contentType) + ")");
		}
		return response;
	}

	private WechatAnswer parse(Request call, Response response) {
		// Decoded here whatever the declared type says; no parse failure is kept, as it
		// would quote the text, which may hold a token.
		Map<String, @Nullable Object> fields = this.json.readObject(new String(response.body, StandardCharsets.UTF_8));
		if (fields == null) {
			throw new WechatTransportException(
					call.method + " " + call.endpoint + " failed: the answer is not a JSON object ("
							+ call.sent.mask(response.contentType) + ", " + response.body.length + " bytes)");
		}
		return new WechatAnswer(call.endpoint, fields, call.sent, this.json);
	}

	/**
	 * Whether a declared type says the body is media, never one of WeChat's JSON error
	 * answers (those come as JSON or text).
	 */
	private static boolean isMedia(String contentType) {
		String type = contentType.toLowerCase(Locale.ROOT);
		return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")
				|| type.startsWith("application/octet-stream");
	}

	/**
	 * Whether a JSON answer may hold an {@code errcode}: it names it, or it has escapes,
	 * which could spell the name otherwise. Such answers are read field by field, to find
	 * it; the others, straight into their record.
	 */
	static boolean mayHoldErrorCode(byte[] json) {
		int last = json.length - ERRCODE.length;
		for (int i = 0; i < json.length; i++) {
			byte b = json[i];
			if (b == '\\' || (b == 'e' && i <= last && namesErrorCodeAt(json, i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean namesErrorCodeAt(byte[] json, int start) {
		for (int i = 1; i < ERRCODE.length; i++) {
			if (json[start + i] != ERRCODE[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads a body of at most {@code maxBytes}: into an array of the declared length when
	 * there is one, else in chunks.
	 */
	private static byte[] readBody(ClientHttpResponse response, String endpoint, int maxBytes) throws IOException {
		long declared = response.getHeaders().getContentLength();
		InputStream body = response.getBody();
		boolean fits = declared >= 0 && declared <= maxBytes;
		byte[] bytes = body.readNBytes(fits ? (int) declared : maxBytes + 1);
		if (fits && bytes.length == declared) {
			int next = body.read();
			if (next == -1) {
				return bytes;
			}
			// More than declared (a body the client decoded): read on, within the limit.
			byte[] rest = body.readNBytes(maxBytes - bytes.length);
			byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + rest.length);
			all[bytes.length] = (byte) next;
			System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
			bytes = all;
		}
		if (bytes.length > maxBytes) {
			throw new WechatTransportException(endpoint + " answered more than " + maxBytes + " bytes");
		}
		return bytes;
	}

	private static URI uri(String baseUrl, String endpoint, Map<String, String> query) {
		StringBuilder url = new StringBuilder(baseUrl.length() + endpoint.length() + 160);
		url.append(baseUrl);
		if (!baseUrl.endsWith("/")) {
			url.append('/');
		}
		url.append(endpoint);
		char separator = '?';
		for (Map.Entry<String, String> parameter : query.entrySet()) {
			url.append(separator);
			UriEncoding.append(url, parameter.getKey()).append('=');
			UriEncoding.append(url, parameter.getValue());
			separator = '&';
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

	// The bodies are read once and never compared or hashed, which is what arrays in
	// records get wrong.
	@SuppressWarnings("ArrayRecordComponent")
	private record Request(HttpMethod method, URI uri, String endpoint, byte @Nullable [] body, RequestValues sent) {
	}

	@SuppressWarnings("ArrayRecordComponent")
	private record Response(int status, String contentType, byte[] body) {
	}

	/**
	 * Spring's default client observation convention, less the query string: the URL
	 * recorded as {@code http.url} and the {@code uri} (a template, or else the path)
	 * stop at the path, because WeChat's query strings carry the app secret and tokens.
	 */
	private static final class QueryFreeObservationConvention extends DefaultClientRequestObservationConvention {

		@Override
		protected KeyValue uri(ClientRequestObservationContext context) {
			KeyValue uri = super.uri(context);
			ClientHttpRequest request = context.getCarrier();
			if (context.getUriTemplate() == null && request != null) {
				// The SDK sends expanded URIs, for which Spring records "none": the path
				// names the endpoint, and holds nothing secret.
				return KeyValue.of(uri.getKey(), request.getURI().getRawPath());
			}
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
