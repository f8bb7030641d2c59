package io.github.wechatoauth.oauth;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.internal.json.WechatJson;
import io.github.wechatoauth.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bytes allocated by {@code getUser()} on a transport that answers from memory, next to a
 * bare {@link RestClient} call doing the same work by hand (the URI built per call, the
 * answer read into the same record): issue 12 allows the SDK 4 KB more per call.
 */
class GetUserAllocationTests {

	private static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	private static final String ACCESS_TOKEN = "USER_ACCESS_TOKEN_1";

	private static final byte[] ANSWER = ("{\"openid\":\"" + OPENID + "\",\"nickname\":\"Band\",\"sex\":1,"
			+ "\"province\":\"Guangdong\",\"city\":\"Shenzhen\",\"country\":\"CN\","
			+ "\"headimgurl\":\"https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0/46\","
			+ "\"privilege\":[\"PRIVILEGE1\",\"PRIVILEGE2\"],\"unionid\":\"o6_bmasdasdsad6_2sgVt7hMZOPfL\"}")
		.getBytes(StandardCharsets.UTF_8);

	private static final String BASE_URL = "http://wechat.invalid";

	@Test
	void getUserAllocatesAtMostFourKilobytesMoreThanABareCall() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "a JVM that counts allocated bytes");
		com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
		ClientHttpRequestFactory fromMemory = new FromMemory();
		Clock clock = MutableClock.startingAt2026();
		InMemoryTokenStore tokenStore = new InMemoryTokenStore(clock);
		tokenStore.saveToken(OPENID,
				new UserToken(ACCESS_TOKEN, 7200, "REFRESH_TOKEN_1", OPENID, "snsapi_userinfo", null, clock.instant()));
		WechatOAuthClient client = WechatOAuthClient.builder()
			.appId(WechatStub.APP_ID)
			.appSecret(WechatStub.APP_SECRET)
			.apiBaseUrl(BASE_URL)
			.clock(clock)
			.tokenStore(tokenStore)
			.restClientBuilder(RestClient.builder().requestFactory(fromMemory))
			.build();
		RestClient bare = RestClient.builder().requestFactory(fromMemory).build();
		WechatJson json = WechatJson.get();
		Supplier<@Nullable UserInfo> bareCall = () -> json.readOrNull(bare.get()
			.uri(URI
				.create(BASE_URL + "/sns/userinfo?access_token=" + ACCESS_TOKEN + "&openid=" + OPENID + "&lang=zh_CN"))
			.retrieve()
			.body(byte[].class), UserInfo.class);

		long sdkBytes = bytesPerCall(allocations, () -> client.getUser(OPENID));
		long bareBytes = bytesPerCall(allocations, bareCall);

		assertThat(sdkBytes).as("bytes per getUser(), a bare call allocating %d", bareBytes)
			.isLessThanOrEqualTo(bareBytes + 4096);
	}

	private static long bytesPerCall(com.sun.management.ThreadMXBean allocations, Supplier<@Nullable UserInfo> call) {
		long thread = Thread.currentThread().getId();
		for (int i = 0; i < 5_000; i++) {
			assertThat(call.get()).extracting(UserInfo::openid).isEqualTo(OPENID);
		}
		int calls = 5_000;
		long before = allocations.getThreadAllocatedBytes(thread);
		for (int i = 0; i < calls; i++) {
			call.get();
		}
		return (allocations.getThreadAllocatedBytes(thread) - before) / calls;
	}

	/** Answers every request with the user's info, from memory. */
	private static final class FromMemory implements ClientHttpRequestFactory {

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
			return new AbstractClientHttpRequest() {

				@Override
				public HttpMethod getMethod() {
					return method;
				}

				@Override
				public URI getURI() {
					return uri;
				}

				@Override
				protected OutputStream getBodyInternal(HttpHeaders headers) {
					return OutputStream.nullOutputStream();
				}

				@Override
				protected ClientHttpResponse executeInternal(HttpHeaders headers) {
					return new Answer();
				}

			};
		}

	}

	private static final class Answer implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		Answer() {
			this.headers.set(HttpHeaders.CONTENT_TYPE, "text/plain");
			this.headers.setContentLength(ANSWER.length);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(ANSWER);
		}

		@Override
		public void close() {
		}

	}

}
