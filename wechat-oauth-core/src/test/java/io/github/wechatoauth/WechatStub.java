package io.github.wechatoauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.wechatoauth.BusyRetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What the tests share about the WeChat stand-in: the app's identity, distinctive secret
 * values (so that a leak is easy to spot in any text) and a client builder aimed at
 * WireMock.
 */
public final class WechatStub {

	public static final String APP_ID = "wx0123456789abcdef";

	/** The AppSecret: must never appear in a message, a log line or a toString. */
	public static final String APP_SECRET = "APPSECRET0ddba11c0ffee5ecret";

	private WechatStub() {
	}

	/**
	 * A WireMock server on a free port, reset before each test.
	 * @return the extension to register
	 */
	public static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
	}

	/**
	 * A client builder with this app's identity whose WeChat hosts are all the WireMock
	 * server, and whose busy retries do not wait, so that no test sleeps.
	 * @param wechat the server
	 * @return the builder
	 */
	public static WechatOAuthClient.Builder clientBuilder(WireMockExtension wechat) {
		return aimAt(WechatOAuthClient.builder(), wechat).appId(APP_ID).appSecret(APP_SECRET);
	}

	/**
	 * Points every WeChat base URL of a builder at the WireMock server.
	 * @param builder the builder
	 * @param wechat the server
	 * @return the builder
	 */
	public static WechatOAuthClient.Builder aimAt(WechatOAuthClient.Builder builder, WireMockExtension wechat) {
		String baseUrl = wechat.baseUrl();
		return builder.apiBaseUrl(baseUrl)
			.openBaseUrl(baseUrl)
			.mpBaseUrl(baseUrl)
			.busyRetry(new BusyRetry(2, Duration.ZERO))
			// A generous ceiling, not a figure: a stub answers in milliseconds, but the
			// first request to a fresh server has taken over 6 s on a busy build machine.
			.readTimeout(Duration.ofSeconds(30));
	}

	/**
	 * Returns every text a throwable shows: the message and {@code toString()} of it, of
	 * each cause and of each suppressed exception, as a log line or a trace would print
	 * them.
	 * @param thrown the throwable
	 * @return the texts, one per line
	 */
	public static String textOf(Throwable thrown) {
		StringBuilder text = new StringBuilder();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.add(thrown);
		while (!pending.isEmpty()) {
			Throwable current = pending.remove();
			if (!seen.add(current)) {
				continue;
			}
			text.append(current).append('\n').append(current.getMessage()).append('\n');
			if (current.getCause() != null) {
				pending.add(current.getCause());
			}
			pending.addAll(List.of(current.getSuppressed()));
		}
		return text.toString();
	}

	/**
	 * A 200 answer with WeChat's usual {@code text/plain} type and a UTF-8 JSON body.
	 * @param json the body
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder json(String json) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/plain")
			.withBody(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A 200 error answer, as WeChat sends errors.
	 * @param errcode the error code
	 * @param errmsg the error message
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder error(int errcode, String errmsg) {
		return json("{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + " rid: 6565a1b2-0c0ffee\"}");
	}

	/**
	 * Makes {@code stable_token} answer with the given app access token, valid for two
	 * hours.
	 * @param wechat the server
	 * @param token the token
	 */
	public static void stubAccessToken(WireMockExtension wechat, String token) {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).willReturn(accessToken(token)));
	}

	/**
	 * WeChat's answer with an app access token valid for two hours.
	 * @param token the token
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder accessToken(String token) {
		return json("{\"access_token\":\"" + token + "\",\"expires_in\":7200}");
	}

	/**
	 * Makes {@code stable_token} answer one token, then another ever after: what a call
	 * whose token WeChat rejects sees.
	 * @param wechat the server
	 * @param first the first token
	 * @param second the token after it
	 */
	public static void stubAccessTokensInTurn(WireMockExtension wechat, String first, String second) {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(accessToken(first))
			.willSetStateTo("second"));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(accessToken(second)));
	}

}
