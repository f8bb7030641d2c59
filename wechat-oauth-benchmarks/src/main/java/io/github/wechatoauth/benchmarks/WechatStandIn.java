package io.github.wechatoauth.benchmarks;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.wechatoauth.WechatOAuthClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A local WireMock server answering as WeChat does ({@code text/plain} JSON, HTTP 200)
 * for the endpoints the benchmarks call, and a client aimed at it.
 */
final class WechatStandIn {

	static final String APP_ID = "wx0123456789abcdef";

	static final String APP_SECRET = "APPSECRET0bench0c0ffee5ecret";

	static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	static final String USER_ACCESS_TOKEN = "USER_ACCESS_TOKEN_1";

	static final String STABLE_TOKEN_PATH = "/cgi-bin/stable_token";

	static final String TICKET_PATH = "/cgi-bin/ticket/getticket";

	static final String USER_INFO_PATH = "/sns/userinfo";

	private static final String USER_INFO = """
			{"openid":"%s","nickname":"Band","sex":1,"province":"广东","city":"广州","country":"中国",
			"headimgurl":"https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/0",
			"privilege":["PRIVILEGE1","PRIVILEGE2"],"unionid":"o6_bmasdasdsad6_2sgVt7hMZOPfL"}
			"""
		.formatted(OPENID);

	private WechatStandIn() {
	}

	/**
	 * Starts a stand-in on a free local port.
	 * @param keepRequests whether WireMock records requests (so that they can be
	 * counted); off for the round-trip benchmarks, whose millions of requests would fill
	 * the heap
	 */
	static WireMockServer start(boolean keepRequests) {
		WireMockConfiguration config = WireMockConfiguration.wireMockConfig()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(Tls.KEYSTORE.toString())
			.keystoreType("PKCS12")
			.keystorePassword(Tls.PASSWORD)
			.keyManagerPassword(Tls.PASSWORD);
		if (!keepRequests) {
			config.disableRequestJournal();
		}
		WireMockServer wechat = new WireMockServer(config);
		wechat.start();
		wechat.stubFor(post(urlPathEqualTo(STABLE_TOKEN_PATH))
			.willReturn(json("{\"access_token\":\"APP_ACCESS_TOKEN_1\",\"expires_in\":7200}")));
		wechat.stubFor(get(urlPathEqualTo(TICKET_PATH))
			.willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"JSAPI_TICKET_1\",\"expires_in\":7200}")));
		wechat.stubFor(get(urlPathEqualTo(USER_INFO_PATH)).willReturn(json(USER_INFO)));
		return wechat;
	}

	/**
	 * Returns a client builder for this app with every WeChat host at the stand-in over
	 * HTTP, and the SDK's defaults otherwise (its own transport, 5 s and 10 s timeouts).
	 */
	static WechatOAuthClient.Builder clientBuilder(WireMockServer wechat) {
		return clientBuilder(baseUrl(wechat, false));
	}

	/**
	 * Returns a client builder for this app with every WeChat host at a base URL.
	 */
	static WechatOAuthClient.Builder clientBuilder(String baseUrl) {
		return WechatOAuthClient.builder()
			.appId(APP_ID)
			.appSecret(APP_SECRET)
			.apiBaseUrl(baseUrl)
			.openBaseUrl(baseUrl)
			.mpBaseUrl(baseUrl);
	}

	/**
	 * Returns the stand-in's base URL: {@code http://127.0.0.1:port}, or
	 * {@code https://localhost:port} with the certificate of {@link Tls}, which this JVM
	 * trusts.
	 */
	static String baseUrl(WireMockServer wechat, boolean https) {
		return https ? "https://localhost:" + wechat.httpsPort() : wechat.baseUrl();
	}

	/**
	 * Fails unless the stand-in answered exactly one token fetch and at most one ticket
	 * fetch: a benchmark "on a warm cache" that fetched more measured something else.
	 */
	static void requireWarmCache(WireMockServer wechat) {
		int tokens = wechat.countRequestsMatching(postRequestedFor(urlPathEqualTo(STABLE_TOKEN_PATH)).build())
			.getCount();
		int tickets = wechat.countRequestsMatching(getRequestedFor(urlPathEqualTo(TICKET_PATH)).build()).getCount();
		if (tokens != 1 || tickets > 1) {
			throw new IllegalStateException("The cache was not warm: WeChat's stand-in answered " + tokens
					+ " access token and " + tickets + " ticket fetches, expected 1 and at most 1");
		}
	}

	private static ResponseDefinitionBuilder json(String json) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/plain")
			.withBody(json.getBytes(StandardCharsets.UTF_8));
	}

}
