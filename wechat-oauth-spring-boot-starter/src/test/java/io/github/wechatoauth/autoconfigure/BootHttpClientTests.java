package io.github.wechatoauth.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.http.WechatRequestFactories;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.PausableProxy;
import io.github.wechatoauth.testsupport.SpringBootLines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * WeChat calls go through Spring Boot's HTTP client setup, on either Boot line (that
 * {@code RestClientCustomizer}s apply is in {@link BootAutoConfigurationsTests}): the
 * request factory chosen with {@code spring.http.client.factory} (3.5) or
 * {@code spring.http.clients.imperative.factory} (4.x), with Boot's timeouts unless
 * {@code wechat.*} sets its own (through Boot's factory builder, keeping the factory's
 * type) and 5 s / 10 s when neither does; a factory the application set itself is kept as
 * it is. The README's forward-proxy recipes work, and Boot's own observations time the
 * calls as {@code http.client.requests} with the path as {@code uri}.
 */
class BootHttpClientTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ApplicationContextRunner contextRunner = contextRunner(wechat);

	@Test
	void bootsReadTimeoutAppliesWhenWechatsIsUnset() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(aResponse().withFixedDelay(3000).withBody("{\"access_token\":\"late\",\"expires_in\":7200}")));
		this.contextRunner.withPropertyValues(simpleFactory())
			.withPropertyValues("spring.http.client.read-timeout=200ms", "spring.http.clients.read-timeout=200ms")
			.run((context) -> {
				WechatRequestFactories.Transport transport = transportOf(context, null, null);
				assertThat(transport.readTimeout()).isEqualTo(Duration.ofMillis(200));
				assertThat(transport.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(timeoutsOf(transport)).containsExactly(5000, 200);
				assertThatExceptionOfType(WechatTransportException.class)
					.isThrownBy(() -> context.getBean(WechatOAuthClient.class).getClientAccessToken())
					.withMessageContaining("SocketTimeoutException");
			});
	}

	@Test
	void wechatsTimeoutsWinOverBootsAndKeepTheChosenFactoryType() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(aResponse().withFixedDelay(3000).withBody("{\"access_token\":\"late\",\"expires_in\":7200}")));
		this.contextRunner.withPropertyValues(simpleFactory())
			.withPropertyValues("spring.http.client.read-timeout=20s", "spring.http.clients.read-timeout=20s",
					"spring.http.client.connect-timeout=20s", "spring.http.clients.connect-timeout=20s",
					"wechat.connect-timeout=1s", "wechat.read-timeout=200ms")
			.run((context) -> {
				WechatRequestFactories.Transport transport = transportOf(context, Duration.ofSeconds(1),
						Duration.ofMillis(200));
				assertThat(timeoutsOf(transport)).containsExactly(1000, 200);
				assertThatExceptionOfType(WechatTransportException.class)
					.isThrownBy(() -> context.getBean(WechatOAuthClient.class).getClientAccessToken())
					.withMessageContaining("SocketTimeoutException");
			});
	}

	@Test
	void withNeitherWechatsNorBootsTimeoutsEveryWaitKeepsABudget() {
		this.contextRunner.withPropertyValues(simpleFactory()).run((context) -> {
			WechatRequestFactories.Transport transport = transportOf(context, null, null);
			assertThat(transport.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(transport.readTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(timeoutsOf(transport)).containsExactly(5000, 10000);
		});
		// And where the SDK creates its transport itself.
		WechatRequestFactories.Transport own = WechatRequestFactories.of(null, null).forAccount("wechat", null, null);
		assertThat(own.restClientBuilder()).isNull();
		assertThat(own.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(own.readTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void applicationsOwnFactoryIsKeptAndSaidSo() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		AtomicInteger requests = new AtomicInteger();
		SimpleClientHttpRequestFactory simple = new SimpleClientHttpRequestFactory();
		ClientHttpRequestFactory own = (uri, method) -> {
			requests.incrementAndGet();
			return simple.createRequest(uri, method);
		};
		try (CapturedLogs logs = CapturedLogs.of(WechatRequestFactories.class.getName())) {
			this.contextRunner
				.withBean("factoryCustomizer", SpringBootLines.restClientCustomizerType(),
						() -> SpringBootLines.restClientCustomizer((builder) -> builder.requestFactory(own)))
				.withPropertyValues("wechat.read-timeout=3s")
				.run((context) -> {
					context.getBean(WechatOAuthClient.class).getClientAccessToken();
					assertThat(requests).hasValue(1);
				});
			assertThat(logs.at(Level.INFO)).singleElement()
				.asString()
				.startsWith("wechat.read-timeout is not applied: WeChat calls go through the application's own ");
		}
	}

	@Test
	void callsGoThroughTheApplicationsForwardProxyWithTheJdkClient() {
		// The README's recipe for the JDK client.
		try (PausableProxy proxy = PausableProxy.to(wechat.getPort())) {
			ProxySelector proxySelector = ProxySelector
				.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
			assertCallsGoThroughTheProxy(
					this.contextRunner
						.withPropertyValues("spring.http.client.factory=jdk",
								"spring.http.clients.imperative.factory=jdk")
						.withBean("egressProxy", factoryBuilderCustomizerType(),
								() -> factoryBuilderCustomizer(
										(builder) -> ((JdkClientHttpRequestFactoryBuilder) builder)
											.withHttpClientCustomizer((client) -> client.proxy(proxySelector)))),
					wechat);
		}
	}

	/**
	 * The proxy relays to the stub; the host WeChat is called at does not resolve, so
	 * only a call through the proxy arrives.
	 */
	static void assertCallsGoThroughTheProxy(ApplicationContextRunner contextRunner, WireMockExtension wechat) {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		contextRunner.withPropertyValues("wechat.api-base-url=http://api.weixin.invalid").run((context) -> {
			assertThat(context.getBean(WechatOAuthClient.class).getClientAccessToken().accessToken())
				.isEqualTo("stable-token");
			wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
		});
	}

	@Test
	void wechatCallsAreTimedByBootsObservationsWithThePathAsUri() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		this.contextRunner.withConfiguration(AutoConfigurations.of(observationAutoConfigurations())).run((context) -> {
			context.getBean(WechatOAuthClient.class).getClientAccessToken();
			Timer timer = context.getBean(MeterRegistry.class).find("http.client.requests").timer();
			assertThat(timer).isNotNull();
			assertThat(timer.getId().getTag("uri")).isEqualTo("/cgi-bin/stable_token");
			assertThat(timer.getId().getTags()).noneMatch((tag) -> tag.getValue().contains("7e57a5ec"));
		});
	}

	/** An application with Boot's RestClient and HTTP client auto-configuration. */
	static ApplicationContextRunner contextRunner(WireMockExtension wechat) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WechatOAuthClientAutoConfiguration.class,
					WechatStoreAutoConfiguration.class, restClientAutoConfiguration()))
			.withConfiguration(AutoConfigurations.of(httpClientAutoConfigurations()))
			.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
					"wechat.api-base-url=" + wechat.baseUrl());
	}

	private static String[] simpleFactory() {
		return new String[] { "spring.http.client.factory=simple", "spring.http.clients.imperative.factory=simple" };
	}

	/** Asks for an account's transport as the client's auto-configuration does. */
	private static WechatRequestFactories.Transport transportOf(AssertableApplicationContext context,
			@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
		return WechatRequestFactories.of(context.getBean(RestClient.Builder.class), context.getBeanFactory())
			.forAccount("wechat", connectTimeout, readTimeout);
	}

	/** Returns the connect and read timeouts, in ms, of a transport's simple factory. */
	private static List<Object> timeoutsOf(WechatRequestFactories.Transport transport) {
		RestClient.Builder builder = transport.restClientBuilder();
		assertThat(builder).isNotNull();
		Object factory = requestFactoryOf(builder);
		assertThat(factory).isInstanceOf(SimpleClientHttpRequestFactory.class);
		return List.of(fieldOf(factory, "connectTimeout"), fieldOf(factory, "readTimeout"));
	}

	private static Object fieldOf(@Nullable Object target, String name) {
		assertThat(target).isNotNull();
		Field field = ReflectionUtils.findField(target.getClass(), name);
		assertThat(field).isNotNull();
		ReflectionUtils.makeAccessible(field);
		Object value = ReflectionUtils.getField(field, target);
		assertThat(value).isNotNull();
		return value;
	}

	/**
	 * Boot's own observation and metrics auto-configuration: the ObservationRegistry, a
	 * MeterRegistry it records to, and the observations of RestClient builders.
	 */
	private static Class<?>[] observationAutoConfigurations() {
		return new Class<?>[] {
				SpringBootLines.either(
						"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"),
				SpringBootLines.either(
						"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"),
				SpringBootLines.either(
						"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"),
				SpringBootLines.either(
						"org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration") };
	}

	private static Object requestFactoryOf(RestClient.Builder builder) {
		return fieldOf(builder, "requestFactory");
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
	static Class<Object> factoryBuilderCustomizerType() {
		return (Class<Object>) SpringBootLines.either(
				"org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer",
				"org.springframework.boot.autoconfigure.http.client.ClientHttpRequestFactoryBuilderCustomizer");
	}

	static Object factoryBuilderCustomizer(UnaryOperator<Object> customizer) {
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
