package io.github.wechatoauth.autoconfigure;

import java.net.InetAddress;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wechatoauth.testsupport.PausableProxy;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The README's forward-proxy recipe for Apache HttpClient 5, which Boot picks when it is
 * present. It runs in a surefire execution of its own, the only one with HttpClient 5 on
 * the class path: elsewhere the tests keep the JDK client that Boot and the SDK pick
 * without it (with it, Boot's pool of 5 connections per host would hold up the fleet
 * tests' concurrent calls).
 */
class ApacheHttpClientProxyTests {

	// Its own server rather than WechatStub's extension: BootHttpClientTests' helpers
	// take
	// a WireMockServer.
	private static final WireMockServer wechat = new WireMockServer(options().dynamicPort());

	@BeforeAll
	static void startWechat() {
		wechat.start();
	}

	@AfterAll
	static void stopWechat() {
		wechat.stop();
	}

	@Test
	void callsGoThroughTheApplicationsForwardProxyWithApacheHttpClient5() {
		try (PausableProxy proxy = PausableProxy.to(wechat.port())) {
			HttpHost egress = new HttpHost(InetAddress.getLoopbackAddress(), proxy.port());
			BootHttpClientTests
				.assertCallsGoThroughTheProxy(
						BootHttpClientTests.contextRunner(wechat)
							.withBean("egressProxy", BootHttpClientTests.factoryBuilderCustomizerType(),
									() -> BootHttpClientTests.factoryBuilderCustomizer(
											(builder) -> ((HttpComponentsClientHttpRequestFactoryBuilder) builder)
												.withHttpClientCustomizer((client) -> client.setProxy(egress)))),
						wechat);
		}
	}

}
