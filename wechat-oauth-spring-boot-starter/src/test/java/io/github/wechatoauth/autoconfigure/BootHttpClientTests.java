package io.github.wechatoauth.autoconfigure;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.testsupport.PausableProxy;
import io.github.wechatoauth.testsupport.SpringBootLines;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * WeChat calls go through Spring Boot's HTTP client setup, on either Boot line (that
 * {@code RestClientCustomizer}s apply is in {@link BootAutoConfigurationsTests}): the
 * request factory chosen with {@code spring.http.client.factory} (3.5) or
 * {@code spring.http.clients.imperative.factory} (4.x), and {@code wechat.read-timeout}
 * set through Boot's factory builder without changing that factory's type; a factory the
 * application set itself is kept as it is. The README's forward-proxy recipe works, and
 * calls are timed as {@code http.client.requests} with the path as {@code uri}.
 */
@ExtendWith(CapturedLogsExtension.class)
class BootHttpClientTests {

	private static final WireMockServer wechat = new WireMockServer(options().dynamicPort());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatOAuthClientAutoConfiguration.class,
				WechatStoreAutoConfiguration.class, restClientAutoConfiguration()))
		.withConfiguration(AutoConfigurations.of(httpClientAutoConfigurations()))
		.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				"wechat.api-base-url=" + wechat.baseUrl());

	@BeforeAll
	static void startWechat() {
		wechat.start();
	}

	@AfterAll
	static void stopWechat() {
		wechat.stop();
	}

	@BeforeEach
	void resetWechat() {
		wechat.resetAll();
	}

	@Test
	void wechatReadTimeoutKeepsTheChosenFactoryType() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(aResponse().withFixedDelay(3000).withBody("{\"access_token\":\"late\",\"expires_in\":7200}")));
		this.contextRunner
			.withPropertyValues("spring.http.client.factory=simple", "spring.http.clients.imperative.factory=simple",
					"wechat.read-timeout=200ms")
			.run((context) -> {
				RestClient.Builder builder = WechatRequestFactories
					.of(context.getBean(RestClient.Builder.class), context.getBeanFactory())
					.forAccount("wechat", Duration.ofSeconds(1), Duration.ofMillis(200));
				assertThat(builder).isNotNull();
				assertThat(requestFactoryOf(builder)).isInstanceOf(SimpleClientHttpRequestFactory.class);
				assertThatExceptionOfType(WechatTransportException.class)
					.isThrownBy(() -> context.getBean(WechatOAuthClient.class).getClientAccessToken())
					.withMessageContaining("SocketTimeoutException");
			});
	}

	@Test
	void applicationsOwnFactoryIsKeptAndSaidSo(CapturedLogs logs) {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		AtomicInteger requests = new AtomicInteger();
		SimpleClientHttpRequestFactory simple = new SimpleClientHttpRequestFactory();
		ClientHttpRequestFactory own = (uri, method) -> {
			requests.incrementAndGet();
			return simple.createRequest(uri, method);
		};
		this.contextRunner
			.withBean("factoryCustomizer", SpringBootLines.restClientCustomizerType(),
					() -> SpringBootLines.restClientCustomizer((builder) -> builder.requestFactory(own)))
			.run((context) -> {
				context.getBean(WechatOAuthClient.class).getClientAccessToken();
				assertThat(requests).hasValue(1);
				assertThat(logs.all()).contains("wechat.connect-timeout and wechat.read-timeout are not applied");
			});
	}

	@Test
	void callsGoThroughTheApplicationsForwardProxy() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		// The README's recipe for the JDK client. The proxy relays to the stub; the host
		// WeChat is called at does not resolve, so only a call through the proxy arrives.
		try (PausableProxy proxy = PausableProxy.to(wechat.port())) {
			ProxySelector proxySelector = ProxySelector
				.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
			this.contextRunner
				.withPropertyValues("spring.http.client.factory=jdk", "spring.http.clients.imperative.factory=jdk",
						"wechat.api-base-url=http://api.weixin.invalid")
				.withBean("egressProxy", factoryBuilderCustomizerType(),
						() -> factoryBuilderCustomizer((builder) -> ((JdkClientHttpRequestFactoryBuilder) builder)
							.withHttpClientCustomizer((client) -> client.proxy(proxySelector))))
				.run((context) -> {
					assertThat(context.getBean(WechatOAuthClient.class).getClientAccessToken().accessToken())
						.isEqualTo("stable-token");
					wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
				});
		}
	}

	@Test
	void wechatCallsAreTimedWithThePathAsUri() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.contextRunner
			.withBean("observationCustomizer", SpringBootLines.restClientCustomizerType(),
					() -> SpringBootLines.restClientCustomizer((builder) -> builder.observationRegistry(observations)))
			.run((context) -> {
				context.getBean(WechatOAuthClient.class).getClientAccessToken();
				Timer timer = meters.find("http.client.requests").timer();
				assertThat(timer).isNotNull();
				assertThat(timer.getId().getTag("uri")).isEqualTo("/cgi-bin/stable_token");
				assertThat(timer.getId().getTags()).noneMatch((tag) -> tag.getValue().contains("test-secret"));
			});
	}

	private static @Nullable Object requestFactoryOf(RestClient.Builder builder) {
		Field field = ReflectionUtils.findField(builder.getClass(), "requestFactory");
		assertThat(field).isNotNull();
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, builder);
	}

	private static Class<?> restClientAutoConfiguration() {
		return SpringBootLines.either("org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration");
	}

	/** Boot's factory builder and its settings: two classes on 4.x, one on 3.5. */
	private static Class<?>[] httpClientAutoConfigurations() {
		ClassLoader classLoader = BootHttpClientTests.class.getClassLoader();
		String boot4 = "org.springframework.boot.http.client.autoconfigure.";
		if (ClassUtils.isPresent(boot4 + "HttpClientAutoConfiguration", classLoader)) {
			return new Class<?>[] { ClassUtils.resolveClassName(boot4 + "HttpClientAutoConfiguration", classLoader),
					ClassUtils.resolveClassName(boot4 + "imperative.ImperativeHttpClientAutoConfiguration",
							classLoader) };
		}
		return new Class<?>[] { ClassUtils.resolveClassName(
				"org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration", classLoader) };
	}

	/**
	 * Returns {@code ClientHttpRequestFactoryBuilderCustomizer}, whose package differs
	 * between Spring Boot 3.5 and 4.
	 */
	@SuppressWarnings("unchecked")
	private static Class<Object> factoryBuilderCustomizerType() {
		return (Class<Object>) SpringBootLines.either(
				"org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer",
				"org.springframework.boot.autoconfigure.http.client.ClientHttpRequestFactoryBuilderCustomizer");
	}

	private static Object factoryBuilderCustomizer(UnaryOperator<Object> customizer) {
		Class<?> type = factoryBuilderCustomizerType();
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
			if (method.getName().equals("customize")) {
				return customizer.apply(args[0]);
			}
			if (method.getName().equals("toString")) {
				return "egressProxy";
			}
			return method.getDeclaringClass().equals(Object.class) ? method.invoke(customizer, args) : null;
		});
	}

}
