package io.github.wechatoauth.credential;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads asking for an app credential at once cause one fetch: the others wait for
 * its result. WeChat answers slowly here so that the threads overlap.
 */
class ConcurrentFetchTests {

	private static final int THREADS = 32;

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void thirtyTwoThreadsAskingForTheAccessTokenCauseOneFetch() throws Exception {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}").withFixedDelay(200)));

		List<ClientAccessToken> tokens = allAtOnce(this.client::getClientAccessToken);

		assertThat(tokens).hasSize(THREADS).extracting(ClientAccessToken::accessToken).containsOnly("APP_TOKEN_1");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void thirtyTwoThreadsSigningPagesCauseOneTokenAndOneTicketFetch() throws Exception {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}").withFixedDelay(100)));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket"))
			.willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"TICKET\",\"expires_in\":7200}")
				.withFixedDelay(100)));

		List<String> urls = allAtOnce(() -> this.client.jsSdkSign("https://example.com/page").url());

		assertThat(urls).hasSize(THREADS).containsOnly("https://example.com/page");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
		wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
	}

	/** Runs a task on every thread, released together by a start gate. */
	private <T> List<T> allAtOnce(Callable<T> task) throws Exception {
		CyclicBarrier startGate = new CyclicBarrier(THREADS);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				startGate.await(10, TimeUnit.SECONDS);
				return task.call();
			}));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

}
