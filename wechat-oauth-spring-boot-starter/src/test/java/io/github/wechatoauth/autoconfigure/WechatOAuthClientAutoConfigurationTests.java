package io.github.wechatoauth.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.time.Duration;
import java.time.Instant;

import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AccessTokenSource;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.Lang;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WechatOAuthClientAutoConfiguration}: the client bean, what each
 * {@code wechat.*} property does to it (against a WireMock WeChat), and a user's own
 * beans winning.
 */
class WechatOAuthClientAutoConfigurationTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String USER_INFO = "{\"openid\":\"o-user\",\"nickname\":\"Ann\",\"sex\":0,\"province\":\"\","
			+ "\"city\":\"\",\"country\":\"\",\"headimgurl\":\"\",\"privilege\":[]}";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class))
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7");

	@BeforeEach
	void resetWechat() {
		wechat.resetAll();
	}

	@Test
	void createsAClientForTheAppidWithDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WechatOAuthClient.class).hasSingleBean(WechatStoreFactory.class);
			assertThat(context.getBean(WechatOAuthClient.class).getAppId()).isEqualTo(APPID);
			assertThat(context.getBean(WechatOAuthClient.class)
				.getAuthorizeUrl("https://example.com/callback", "state1", Scope.SNSAPI_BASE))
				.startsWith("https://open.weixin.qq.com/connect/oauth2/authorize?appid=" + APPID + "&");
			WechatProperties properties = context.getBean(WechatProperties.class);
			assertThat(properties.getApiBaseUrl()).isEqualTo("https://api.weixin.qq.com");
			assertThat(properties.getOpenBaseUrl()).isEqualTo("https://open.weixin.qq.com");
			assertThat(properties.getMpBaseUrl()).isEqualTo("https://mp.weixin.qq.com");
			assertThat(properties.getConnectTimeout()).isNull();
			assertThat(properties.getReadTimeout()).isNull();
			assertThat(properties.getAccessToken().getSource()).isEqualTo(AccessTokenSource.STABLE);
			assertThat(properties.getOauth().getDefaultLang()).isEqualTo(Lang.ZH_CN);
			assertThat(properties.getStore().getType()).isEqualTo(WechatProperties.Store.Type.AUTO);
			assertThat(properties.getStore().getKeyPrefix()).isEqualTo("wechat");
			assertThat(properties.getStore().getJdbc().getInitializeSchema())
				.isEqualTo(WechatProperties.Store.SchemaInitialization.EMBEDDED);
			assertThat(properties.getStore().getJdbc().getTablePrefix()).isEqualTo("wechat_");
		});
	}

	@Test
	void bindsEveryProperty() {
		this.contextRunner
			.withPropertyValues("wechat.api-base-url=http://api.example", "wechat.open-base-url=http://open.example",
					"wechat.mp-base-url=http://mp.example", "wechat.connect-timeout=2s", "wechat.read-timeout=3s",
					"wechat.access-token.source=classic", "wechat.oauth.default-lang=zh_TW", "wechat.store.type=memory",
					"wechat.store.key-prefix=shop", "wechat.store.jdbc.initialize-schema=never",
					"wechat.store.jdbc.table-prefix=shop_")
			.run((context) -> {
				WechatProperties properties = context.getBean(WechatProperties.class);
				assertThat(properties.getAppid()).isEqualTo(APPID);
				assertThat(properties.getSecret()).isEqualTo("7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7");
				assertThat(properties.getApiBaseUrl()).isEqualTo("http://api.example");
				assertThat(properties.getOpenBaseUrl()).isEqualTo("http://open.example");
				assertThat(properties.getMpBaseUrl()).isEqualTo("http://mp.example");
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getAccessToken().getSource()).isEqualTo(AccessTokenSource.CLASSIC);
				assertThat(properties.getOauth().getDefaultLang()).isEqualTo(Lang.ZH_TW);
				assertThat(properties.getStore().getType()).isEqualTo(WechatProperties.Store.Type.MEMORY);
				assertThat(properties.getStore().getKeyPrefix()).isEqualTo("shop");
				assertThat(properties.getStore().getJdbc().getInitializeSchema())
					.isEqualTo(WechatProperties.Store.SchemaInitialization.NEVER);
				assertThat(properties.getStore().getJdbc().getTablePrefix()).isEqualTo("shop_");
			});
	}

	@Test
	void callsTheApiBaseUrlForTheStableAccessTokenByDefault() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		this.contextRunner.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl()).run((context) -> {
			assertThat(context.getBean(WechatOAuthClient.class).getClientAccessToken().accessToken())
				.isEqualTo("stable-token");
			wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
		});
	}

	@Test
	void fetchesTheClassicAccessTokenWhenConfigured() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token"))
			.willReturn(okJson("{\"access_token\":\"classic-token\",\"expires_in\":7200}")));
		this.contextRunner
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl(), "wechat.access-token.source=classic")
			.run((context) -> {
				assertThat(context.getBean(WechatOAuthClient.class).getClientAccessToken().accessToken())
					.isEqualTo("classic-token");
				wechat
					.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/token")).withQueryParam("appid", equalTo(APPID)));
			});
	}

	@Test
	void linksToTheOpenBaseUrl() {
		this.contextRunner.withPropertyValues("wechat.open-base-url=http://open.example").run((context) -> {
			assertThat(context.getBean(WechatOAuthClient.class)
				.getAuthorizeUrl("https://example.com/callback", "state1", Scope.SNSAPI_USERINFO))
				.startsWith("http://open.example/connect/oauth2/authorize?");
		});
	}

	@Test
	void linksQrCodeImagesToTheMpBaseUrl() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create")).willReturn(
				okJson("{\"ticket\":\"ticket-1\",\"expire_seconds\":600,\"url\":\"http://weixin.qq.com/q/1\"}")));
		this.contextRunner
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl(), "wechat.mp-base-url=http://mp.example")
			.run((context) -> assertThat(context.getBean(WechatOAuthClient.class)
				.getQrCodeLink(QrCodeRequest.temporary(7, Duration.ofMinutes(10))))
				.isEqualTo("http://mp.example/cgi-bin/showqrcode?ticket=ticket-1"));
	}

	@Test
	void readsUserInfoInTheDefaultLanguage() {
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(USER_INFO)));
		this.contextRunner.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl(), "wechat.oauth.default-lang=en")
			.run((context) -> {
				context.getBean(TokenStore.class)
					.saveToken("o-user", new UserToken("user-token", 7200, "refresh", "o-user", "snsapi_userinfo", null,
							Instant.now()));
				assertThat(context.getBean(WechatOAuthClient.class).getUser("o-user").nickname()).isEqualTo("Ann");
				wechat.verify(getRequestedFor(urlPathEqualTo("/sns/userinfo")).withQueryParam("lang", equalTo("en")));
			});
	}

	@Test
	void givesUpOnWechatAfterTheReadTimeout() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(aResponse().withFixedDelay(3000).withBody("{\"access_token\":\"late\",\"expires_in\":7200}")));
		this.contextRunner
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl(), "wechat.read-timeout=200ms",
					"wechat.connect-timeout=1s")
			.run((context) -> {
				long start = System.nanoTime();
				assertThatExceptionOfType(WechatTransportException.class)
					.isThrownBy(() -> context.getBean(WechatOAuthClient.class).getClientAccessToken());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
			});
	}

	@Test
	void startsFromTheApplicationsRestClientBuilder() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"stable-token\",\"expires_in\":7200}")));
		this.contextRunner.withUserConfiguration(RestClientBuilderConfiguration.class)
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				context.getBean(WechatOAuthClient.class).getClientAccessToken();
				wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withHeader("X-Customized",
						equalTo("yes")));
			});
	}

	@Test
	void usesTheApplicationsClient() {
		this.contextRunner.withUserConfiguration(CustomClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WechatOAuthClient.class);
			assertThat(context.getBean(WechatOAuthClient.class))
				.isSameAs(context.getBean(CustomClientConfiguration.class).client);
		});
	}

	@Test
	void needsNoAppidWhenTheApplicationBringsItsOwnClient() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class))
			.withUserConfiguration(CustomClientConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WechatOAuthClient.class)
				.hasSingleBean(WechatStoreFactory.class)
				.doesNotHaveBean(TokenStore.class)
				.doesNotHaveBean(SharedStore.class));
	}

	@Test
	void givesTheClientTheApplicationsStores() {
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(USER_INFO)));
		this.contextRunner.withUserConfiguration(CustomStoresConfiguration.class)
			.withPropertyValues("wechat.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				CustomStoresConfiguration stores = context.getBean(CustomStoresConfiguration.class);
				assertThat(context).hasSingleBean(TokenStore.class).hasSingleBean(SharedStore.class);
				assertThat(context.getBean(TokenStore.class)).isSameAs(stores.tokenStore);
				assertThat(context.getBean(SharedStore.class)).isSameAs(stores.sharedStore);
				// The client finds the user's token in the application's store.
				stores.tokenStore.saveToken("o-user",
						new UserToken("user-token", 7200, "refresh", "o-user", "snsapi_userinfo", null, Instant.now()));
				assertThat(context.getBean(WechatOAuthClient.class).getUser("o-user").nickname()).isEqualTo("Ann");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class RestClientBuilderConfiguration {

		@Bean
		RestClient.Builder restClientBuilder() {
			return RestClient.builder().defaultHeader("X-Customized", "yes");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomClientConfiguration {

		final WechatOAuthClient client = WechatOAuthClient.builder()
			.appId("wxfedcba0987654321")
			.appSecret("own-secret")
			.build();

		@Bean
		WechatOAuthClient myWechatClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomStoresConfiguration {

		final TokenStore tokenStore = new InMemoryTokenStore();

		final SharedStore sharedStore = new InMemorySharedStore();

		@Bean
		TokenStore myTokenStore() {
			return this.tokenStore;
		}

		@Bean
		SharedStore mySharedStore() {
			return this.sharedStore;
		}

	}

}
