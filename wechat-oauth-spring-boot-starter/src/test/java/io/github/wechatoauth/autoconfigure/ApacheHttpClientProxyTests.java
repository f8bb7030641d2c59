package io.github.wechatoauth.autoconfigure;

import java.net.InetAddress;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.testsupport.PausableProxy;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;

/**
 * The README's forward-proxy recipe for Apache HttpClient 5, which Boot picks when it is
 * present. It runs in a surefire execution of its own, the only one with HttpClient 5 on
 * the class path: elsewhere the tests keep the JDK client that Boot and the SDK pick
 * without it (with it on the whole class path, the fleet storm tests' concurrent calls
 * timed out).
 */
class ApacheHttpClientProxyTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	@Test
	void callsGoThroughTheApplicationsForwardProxyWithApacheHttpClient5() {
		try (PausableProxy proxy = PausableProxy.to(wechat.getPort())) {
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
