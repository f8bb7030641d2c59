package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import java.time.Clock;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@link Clock} bean is the clock of everything the starter builds, so
 * that an application's tests move time for WeChat's tokens, QR codes and pushes too.
 */
class WechatClockTests {

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T08:00:00Z"));

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
						WechatQrLoginAutoConfiguration.class, WechatMessageEndpointAutoConfiguration.class))
		.withPropertyValues("wechat.appid=wx1234567890abcdef", "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
				"wechat.token=test-token", "wechat.store.type=memory");

	@Test
	void theApplicationsClockBeanIsTheClockOfClientsStoresQrLogInAndEndpoints() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(
				okJson("{\"access_token\":\"ACCESS_TOKEN_1\",\"expires_in\":7200,\"refresh_token\":\"REFRESH_TOKEN_1\","
						+ "\"openid\":\"o-user\",\"scope\":\"snsapi_base\"}")));
		this.contextRunner.withBean(Clock.class, () -> this.clock)
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				WechatOAuthClient client = context.getBean(WechatOAuthClient.class);
				assertThat(client.getAccessToken("CODE").createdAt()).isEqualTo(this.clock.instant());
				assertThat(context.getBean(TokenStore.class)).extracting("clock").isSameAs(this.clock);
				assertThat(context.getBean(SharedStore.class)).extracting("clock").isSameAs(this.clock);
				assertThat(context.getBean(WechatQrLogin.class)).extracting("clock").isSameAs(this.clock);
				assertThat(context.getBean(WechatMessageEndpoint.class)).extracting("gateway.settings.clock")
					.isSameAs(this.clock);
			});
	}

	@Test
	void withoutAClockBeanTheSystemClockInUtcIsUsed() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(TokenStore.class)).extracting("clock").isEqualTo(Clock.systemUTC());
			assertThat(context.getBean(WechatQrLogin.class)).extracting("clock").isEqualTo(Clock.systemUTC());
			assertThat(context.getBean(WechatMessageEndpoint.class)).extracting("gateway.settings.clock")
				.isEqualTo(Clock.systemUTC());
		});
	}

	@Test
	void withSeveralClockBeansTheSystemClockInUtcIsUsed() {
		this.contextRunner.withBean("one", Clock.class, () -> this.clock)
			.withBean("other", Clock.class, Clock::systemDefaultZone)
			.run((context) -> assertThat(context.getBean(WechatQrLogin.class)).extracting("clock")
				.isEqualTo(Clock.systemUTC()));
	}

}
