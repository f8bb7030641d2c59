package io.github.wechatoauth.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.BusyRetry;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link WechatHttp} on its own, without a server: what it keeps of a transport failure
 * (never a quoted secret), which HTTP answers it accepts, and how it retries a busy
 * WeChat.
 */
class WechatHttpTests {

	private static final String BASE_URL = "http://wechat.invalid";

	private static final String SECRET = "5ecret0a1b2c3d4e5f";

	private static final Map<String, String> QUERY = Map.of("secret", SECRET);

	@Test
	void keepsAHarmlessCauseOfATransportFailure() {
		WechatTransportException ex = failureFor("Connection reset", QUERY);
		assertThat(ex).hasMessageStartingWith("GET sns/auth failed: IOException (Connection reset) after ")
			.hasMessageEndingWith(" ms");
		assertThat(ex.getCause()).isInstanceOf(IOException.class);
	}

	@Test
	void keepsTheCauseOfAFailureWithoutAMessage() {
		WechatTransportException ex = failureFor(null, QUERY);
		assertThat(ex).hasMessageStartingWith("GET sns/auth failed: IOException after ");
		assertThat(ex.getCause()).isInstanceOf(IOException.class);
	}

	@Test
	void dropsACauseThatQuotesAQueryString() {
		WechatTransportException ex = failureFor("cannot reach /sns/auth?lang=en", QUERY);
		assertThat(ex.getMessage()).doesNotContain("lang").doesNotContain("(");
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void dropsACauseThatQuotesASecretValue() {
		WechatTransportException ex = failureFor("refused " + SECRET, QUERY);
		assertThat(ex.getMessage()).doesNotContain(SECRET);
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void dropsACauseThatQuotesAValueEncodedOrDecoded() {
		String value = "a b/c+d=e";
		Map<String, String> query = Map.of("code", value);
		assertThat(failureFor("refused " + UriEncoding.encodeUriComponent(value), query).getCause()).isNull();
		assertThat(failureFor("refused " + value, query).getCause()).isNull();
	}

	@Test
	void valuesShorterThanASecretMayBeQuoted() {
		assertThat(failureFor("refused 1234567", Map.of("n", "1234567")).getCause()).isNotNull();
		assertThat(failureFor("refused 12345678", Map.of("n", "12345678")).getCause()).isNull();
	}

	@Test
	void saysTheTimeAFailedCallTook() {
		long before = System.nanoTime();
		WechatTransportException ex = failureFor("Connection reset", QUERY);
		long tookMillis = (System.nanoTime() - before) / 1_000_000;

		assertThat(millisIn(ex.getMessage(), " after ")).isBetween(0L, tookMillis);
	}

	@Test
	void tracesEachCallAtDebugWithItsStatusSizeAndTime() {
		WechatHttp http = answering(new Answer(200, "application/json", "{\"count\":3}"));
		try (CapturedLogs logs = CapturedLogs.withDebugOf(WechatHttp.class.getName())) {
			long before = System.nanoTime();
			http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class);
			long tookMillis = (System.nanoTime() - before) / 1_000_000;

			assertThat(logs.at(Level.DEBUG)).singleElement().satisfies((line) -> {
				assertThat(line).startsWith("GET cgi-bin/count -> HTTP 200, 11 bytes in ").endsWith(" ms");
				assertThat(millisIn(line, " bytes in ")).isBetween(0L, tookMillis);
			});
		}
	}

	@Test
	void saysThatTimeoutsAreNotAppliedToTheTransportOfABuilderGiven() {
		String notApplied = "connectTimeout and readTimeout are not applied: WeChat calls go through the request "
				+ "factory of the RestClient.Builder given, with its own timeouts";
		try (CapturedLogs logs = CapturedLogs.of(WechatHttp.class.getName())) {
			new WechatHttp(RestClient.builder(), null, null, BusyRetry.NONE);
			assertThat(logs.at(Level.INFO)).isEmpty();

			new WechatHttp(RestClient.builder(), Duration.ofSeconds(1), null, BusyRetry.NONE);
			new WechatHttp(RestClient.builder(), null, Duration.ofSeconds(1), BusyRetry.NONE);
			assertThat(logs.at(Level.INFO)).containsExactly(notApplied, notApplied);
		}
	}

	@Test
	void acceptsEveryTwoHundredStatus() {
		WechatHttp http = answering(new Answer(299, "application/json", "{\"count\":3}"));
		assertThat(http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class)).isEqualTo(new Count(3));
	}

	@Test
	void refusesAThreeHundredStatusNamingTheContentType() {
		WechatHttp http = answering(new Answer(300, "text/html", "<p>moved</p>"));
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
			.withMessage("GET cgi-bin/count failed: unexpected HTTP status 300 (text/html)");
	}

	@Test
	void saysWhenAnAnswerHasNoContentType() {
		WechatHttp http = answering(new Answer(502, null, ""));
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
			.withMessage("GET cgi-bin/count failed: unexpected HTTP status 502 (no content type)");
	}

	@Test
	void readsAnAnswerOfExactlyTheSizeLimit() {
		String json = "{\"count\":3}";
		char[] padded = new char[1 << 20];
		Arrays.fill(padded, ' ');
		json.getChars(0, json.length(), padded, 0);
		WechatHttp http = answering(new Answer(200, "application/json", new String(padded)));
		assertThat(http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class)).isEqualTo(new Count(3));
	}

	@Test
	void refusesAnAnswerOverTheSizeLimit() {
		char[] padded = new char[(1 << 20) + 1];
		Arrays.fill(padded, ' ');
		WechatHttp http = answering(new Answer(200, "application/json", new String(padded)));
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
			.withMessageContaining("cgi-bin/count answered more than 1048576 bytes");
	}

	@Test
	void readsAnAnswerOfItsDeclaredLength() {
		byte[] json = "{\"count\":3}".getBytes(StandardCharsets.UTF_8);
		WechatHttp http = answering(new Answer(200, "application/json", json, json.length));
		assertThat(http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class)).isEqualTo(new Count(3));
	}

	@Test
	void readsAnAnswerLongerThanItsDeclaredLength() {
		// As a client that decompresses the body may hand it on.
		byte[] json = "{\"count\":3}".getBytes(StandardCharsets.UTF_8);
		WechatHttp http = answering(new Answer(200, "application/json", json, 4));
		assertThat(http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class)).isEqualTo(new Count(3));
	}

	@Test
	void refusesAnAnswerOverTheSizeLimitWhateverItsDeclaredLength() {
		byte[] padded = new byte[(1 << 20) + 1];
		Arrays.fill(padded, (byte) ' ');
		for (long declared : new long[] { 10, 1 << 20, (1 << 20) + 1, Long.MAX_VALUE }) {
			WechatHttp http = answering(new Answer(200, "application/json", padded, declared));
			assertThatExceptionOfType(WechatTransportException.class)
				.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
				.withMessageContaining("cgi-bin/count answered more than 1048576 bytes");
		}
	}

	@Test
	void findsAnErrcodeSpelledWithEscapes() {
		WechatHttp http = answering(
				new Answer(200, "text/plain", "{\"\\u0065rrcode\":40001,\"errmsg\":\"invalid credential\"}"));
		assertThat(catchThrowableOfType(WechatApiException.class,
				() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
			.getErrorCode()).isEqualTo(40001);
	}

	@Test
	void readsAnAnswerThatIsNotWellFormedUtf8Leniently() {
		byte[] json = { '{', '"', 'c', 'o', 'u', 'n', 't', '"', ':', '3', ',', '"', 'u', '"', ':', '"', (byte) 0xC3,
				'"', '}' };
		WechatHttp http = answering(new Answer(200, "text/plain", json, json.length));
		assertThat(http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class)).isEqualTo(new Count(3));
	}

	@Test
	void anAnswerMayHoldAnErrcodeIfItNamesOneOrHasEscapes() {
		assertThat(WechatHttp.mayHoldErrorCode(bytes("{\"errcode\":0}"))).isTrue();
		assertThat(WechatHttp.mayHoldErrorCode(bytes("{\"a\":\"\\n\"}"))).isTrue();
		assertThat(WechatHttp.mayHoldErrorCode(bytes("{\"count\":3,\"e\":\"errcod\"}"))).isFalse();
		assertThat(WechatHttp.mayHoldErrorCode(bytes("errcod"))).isFalse();
		assertThat(WechatHttp.mayHoldErrorCode(bytes("errcode"))).isTrue();
		assertThat(WechatHttp.mayHoldErrorCode(new byte[0])).isFalse();
	}

	/** The figure of milliseconds in a message, after a prefix and before " ms". */
	private static long millisIn(String message, String prefix) {
		int start = message.indexOf(prefix) + prefix.length();
		return Long.parseLong(message.substring(start, message.indexOf(" ms", start)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void namesTheFieldsOfAnAnswerOfTheWrongShape() {
		WechatHttp http = answering(new Answer(200, "text/plain", "{\"count\":\"many\",\"unit\":\"apples\"}"));
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
			.withMessage(
					"cgi-bin/count answered JSON of an unexpected shape for Count: count does not fit (fields [count, unit])");
	}

	@Test
	void retriesABusyWechatWithBackoff() {
		Deque<Answer> answers = new ArrayDeque<>();
		answers.add(new Answer(200, "text/plain", "{\"errcode\":-1,\"errmsg\":\"system error\"}"));
		answers.add(new Answer(200, "text/plain", "{\"errcode\":-1,\"errmsg\":\"system error\"}"));
		answers.add(new Answer(200, "text/plain", "{\"count\":3}"));
		AtomicInteger requests = new AtomicInteger();
		WechatHttp http = new WechatHttp(RestClient.builder().requestInterceptor((request, body, execution) -> {
			requests.incrementAndGet();
			return answers.remove();
		}), null, null, new BusyRetry(2, Duration.ofMillis(1)));
		assertThat(http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class)).isEqualTo(new Count(3));
		assertThat(requests).hasValue(3);
	}

	@Test
	void givesUpOnABusyWechatAfterTheLastRetry() {
		WechatHttp http = new WechatHttp(
				RestClient.builder()
					.requestInterceptor((request, body, execution) -> new Answer(200, "text/plain",
							"{\"errcode\":-1,\"errmsg\":\"system error\"}")),
				null, null, new BusyRetry(1, Duration.ZERO));
		assertThatExceptionOfType(WechatApiException.class)
			.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(-1));
	}

	@Test
	void stopsWaitingToRetryWhenInterrupted() {
		WechatHttp http = new WechatHttp(
				RestClient.builder()
					.requestInterceptor((request, body, execution) -> new Answer(200, "text/plain",
							"{\"errcode\":-1,\"errmsg\":\"system error\"}")),
				null, null, new BusyRetry(1, Duration.ofMinutes(1)));
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(WechatTransportException.class)
				.isThrownBy(() -> http.get(BASE_URL, "cgi-bin/count", QUERY, Count.class))
				.withMessage("cgi-bin/count: interrupted while waiting to retry");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private static WechatTransportException failureFor(@Nullable String message, Map<String, String> query) {
		// Without timeouts the builder's own request factory is kept: this one fails.
		WechatHttp http = new WechatHttp(RestClient.builder().requestFactory((uri, method) -> {
			throw new IOException(message);
		}), null, null, BusyRetry.NONE);
		return catchThrowableOfType(WechatTransportException.class,
				() -> http.get(BASE_URL, "sns/auth", query, Count.class));
	}

	private static WechatHttp answering(Answer answer) {
		return new WechatHttp(RestClient.builder().requestInterceptor((request, body, execution) -> answer), null, null,
				BusyRetry.NONE);
	}

	record Count(int count) {
	}

	@SuppressWarnings("ArrayRecordComponent")
	private record Answer(int status, @Nullable String contentType, byte[] body,
			long declaredLength) implements ClientHttpResponse {

		Answer(int status, @Nullable String contentType, String text) {
			this(status, contentType, text.getBytes(StandardCharsets.UTF_8), -1);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.status);
		}

		@Override
		public String getStatusText() {
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			if (this.contentType != null) {
				headers.set(HttpHeaders.CONTENT_TYPE, this.contentType);
			}
			if (this.declaredLength >= 0) {
				headers.setContentLength(this.declaredLength);
			}
			return headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
		}

	}

}
