package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.CredentialListener;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.wechatoauth.testsupport.SpringBootLines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WechatMetricsAutoConfiguration}: with a {@link MeterRegistry} bean,
 * every account's client counts its credential fetches, cache hits, waits, invalidations
 * and failures, tagged {@code kind} and {@code account} and never with a secret; without
 * one, or without Micrometer, nothing is bound.
 */
class WechatMetricsAutoConfigurationTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final String TOKEN = "APP_TOKEN_7f3a9c";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
				WechatOAuthClientAutoConfiguration.class, WechatMetricsAutoConfiguration.class))
		.withPropertyValues("wechat.secret=" + SECRET);

	@BeforeEach
	void stubWechat() {
		wechat.resetAll();
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket"))
			.willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"TICKET_5e1d\",\"expires_in\":7200}")));
	}

	@Test
	void countsFetchesAndCacheHitsByKindAndAccount() {
		withAccount().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			WechatOAuthClient client = context.getBean(WechatOAuthClient.class);
			client.getClientAccessToken();
			client.getClientAccessToken();
			client.getClientAccessToken();
			client.jsSdkSign("https://example.com/page");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "wechat.credential.fetches", "access_token", "wechat")).isEqualTo(1);
			assertThat(count(registry, "wechat.credential.cache.hits", "access_token", "wechat")).isEqualTo(3);
			assertThat(count(registry, "wechat.credential.fetches", "jsapi_ticket", "wechat")).isEqualTo(1);
			assertThat(count(registry, "wechat.credential.cache.hits", "jsapi_ticket", "wechat")).isZero();
			assertThat(registry.get("wechat.credential.waits").tags("kind", "access_token").timer().count()).isZero();
			assertThat(count(registry, "wechat.credential.invalidations", "access_token", "wechat")).isZero();
			assertThat(count(registry, "wechat.credential.failures", "access_token", "wechat")).isZero();
		});
	}

	@Test
	void countsInvalidationsAndFailures() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}")));
		withAccount().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			WechatOAuthClient client = context.getBean(WechatOAuthClient.class);
			assertThatExceptionOfType(WechatApiException.class)
				.isThrownBy(() -> client.createQrCode(QrCodeRequest.permanent(1)));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "wechat.credential.invalidations", "access_token", "wechat")).isEqualTo(1);

			// Rejected again, and WeChat is down: one failure, handed to the next caller
			// too.
			wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(aResponse().withStatus(502)));
			assertThatExceptionOfType(WechatTransportException.class)
				.isThrownBy(() -> client.createQrCode(QrCodeRequest.permanent(1)));
			assertThatExceptionOfType(WechatTransportException.class).isThrownBy(client::getClientAccessToken);
			assertThat(count(registry, "wechat.credential.invalidations", "access_token", "wechat")).isEqualTo(2);
			assertThat(count(registry, "wechat.credential.failures", "access_token", "wechat")).isEqualTo(1);
		});
	}

	@Test
	void everyNamedAccountHasItsOwnMeters() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("wechat.apps.shop.appid=wx00000000000000a1", "wechat.apps.shop.secret=" + SECRET,
					"wechat.apps.shop.api-base-url=" + wechat.baseUrl(), "wechat.apps.news.appid=wx00000000000000b2",
					"wechat.apps.news.secret=" + SECRET, "wechat.apps.news.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				context.getBean(WechatOAuthClients.class).get("shop").getClientAccessToken();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(count(registry, "wechat.credential.fetches", "access_token", "wechat.apps.shop")).isOne();
				assertThat(count(registry, "wechat.credential.fetches", "access_token", "wechat.apps.news")).isZero();
			});
	}

	@Test
	void noTagHoldsASecretOrACredential() {
		withAccount().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(WechatOAuthClient.class).jsSdkSign("https://example.com/page");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// Five meters per credential kind, two per store (shared and token).
			assertThat(registry.getMeters()).hasSize(2 * 5 + 2 * 2);
			for (Meter meter : registry.getMeters()) {
				assertThat(meter.getId().getName()).matches("wechat\\.(credential|store)\\..*");
				assertThat(meter.getId().getTags()).extracting(Tag::getKey)
					.containsExactlyInAnyOrder("account",
							meter.getId().getName().startsWith("wechat.store.") ? "store" : "kind");
				assertThat(meter.getId().getTags()).extracting(Tag::getValue)
					.noneMatch((value) -> value.contains(SECRET) || value.contains(TOKEN)
							|| value.contains("TICKET_5e1d") || value.contains(APPID));
			}
		});
	}

	@Test
	void theApplicationsOwnListenersHearAlongsideMicrometer() {
		AtomicInteger fetches = new AtomicInteger();
		WechatOAuthClientBuilderCustomizer own = (account, builder) -> builder
			.addCredentialListener(new CredentialListener() {

				@Override
				public void onFetch(String kind) {
					fetches.incrementAndGet();
				}

			});
		withAccount().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(WechatOAuthClientBuilderCustomizer.class, () -> own)
			.run((context) -> {
				context.getBean(WechatOAuthClient.class).getClientAccessToken();
				assertThat(fetches).hasValue(1);
				assertThat(count(context.getBean(MeterRegistry.class), "wechat.credential.fetches", "access_token",
						"wechat"))
					.isOne();
			});
	}

	@Test
	void withoutAMeterRegistryNothingIsBound() {
		withAccount().run((context) -> {
			assertThat(context).doesNotHaveBean(WechatOAuthClientBuilderCustomizer.class);
			assertThat(context.getBean(WechatOAuthClient.class).getClientAccessToken().accessToken()).isEqualTo(TOKEN);
		});
	}

	@Test
	void withoutMicrometerNothingIsBound() {
		withAccount().withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(WechatOAuthClientBuilderCustomizer.class);
			assertThat(context.getBean(WechatOAuthClient.class).getClientAccessToken().accessToken()).isEqualTo(TOKEN);
		});
	}

	@Test
	void bindsToTheMeterRegistryOfSpringBootsMetricsAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
				WechatOAuthClientAutoConfiguration.class, WechatMetricsAutoConfiguration.class,
				SpringBootLines.either(
						"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"),
				SpringBootLines.either(
						"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"),
				SpringBootLines.either(
						"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
						"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration")))
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET,
					"wechat.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(WechatOAuthClientBuilderCustomizer.class);
				context.getBean(WechatOAuthClient.class).getClientAccessToken();
				assertThat(count(context.getBean(MeterRegistry.class), "wechat.credential.fetches", "access_token",
						"wechat"))
					.isOne();
			});
	}

	private ApplicationContextRunner withAccount() {
		return this.contextRunner.withPropertyValues("wechat.appid=" + APPID,
				"wechat.api-base-url=" + wechat.baseUrl());
	}

	private static double count(MeterRegistry registry, String name, String kind, String account) {
		return registry.get(name).tags("kind", kind, "account", account).counter().count();
	}

}
