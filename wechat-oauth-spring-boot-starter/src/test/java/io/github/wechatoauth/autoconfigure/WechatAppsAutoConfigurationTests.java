package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Several accounts in one application: {@code wechat.apps.<name>.*} next to the single
 * account of {@code wechat.*}, their {@link WechatOAuthClients}, their stores scoped by
 * appid, and start-up failures that name the property.
 */
class WechatAppsAutoConfigurationTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SHOP = "wx00000000000000a1";

	private static final String NEWS = "wx00000000000000b2";

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class));

	@BeforeEach
	void resetWechat() {
		wechat.resetAll();
	}

	@Test
	void namedAccountsComeNextToTheSingleAccount() {
		this.contextRunner
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET, "wechat.apps.shop.appid=" + SHOP,
					"wechat.apps.shop.secret=" + SECRET, "wechat.apps.news.appid=" + NEWS,
					"wechat.apps.news.secret=" + SECRET)
			.run((context) -> {
				assertThat(context).hasSingleBean(WechatOAuthClient.class)
					.hasSingleBean(WechatOAuthClients.class)
					.hasSingleBean(TokenStore.class);
				assertThat(context.getBean(WechatOAuthClient.class).getAppId()).isEqualTo(APPID);
				WechatOAuthClients clients = context.getBean(WechatOAuthClients.class);
				assertThat(clients.getNames()).containsExactly("shop", "news");
				assertThat(clients.get("shop").getAppId()).isEqualTo(SHOP);
				assertThat(clients.get("news").getAppId()).isEqualTo(NEWS);
				assertThatIllegalArgumentException().isThrownBy(() -> clients.get("blog"))
					.withMessage("No WeChat account is named 'blog': wechat.apps configures shop, news");
			});
	}

	@Test
	void closingTheContextClosesTheNamedClients() {
		AtomicReference<WechatOAuthClients> closed = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("wechat.apps.shop.appid=" + SHOP, "wechat.apps.shop.secret=" + SECRET,
					"wechat.apps.shop.api-base-url=" + wechat.baseUrl())
			.run((context) -> closed.set(context.getBean(WechatOAuthClients.class)));
		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> closed.get().get("shop").getClientAccessToken())
			.withMessageContaining("closed");
		wechat.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void singleAccountAloneHasNoNamedAccounts() {
		this.contextRunner.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET).run((context) -> {
			WechatOAuthClients clients = context.getBean(WechatOAuthClients.class);
			assertThat(clients.getNames()).isEmpty();
			assertThatIllegalArgumentException().isThrownBy(() -> clients.get("shop"))
				.withMessage("No WeChat account is named 'shop': wechat.apps configures none");
		});
	}

	@Test
	void namedAccountsAloneLeaveNoSingleClient() {
		this.contextRunner.withPropertyValues("wechat.apps.shop.appid=" + SHOP, "wechat.apps.shop.secret=" + SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(WechatOAuthClient.class)
					.doesNotHaveBean(TokenStore.class)
					.doesNotHaveBean(SharedStore.class);
				assertThat(context.getBean(WechatOAuthClients.class).get("shop").getAppId()).isEqualTo(SHOP);
			});
	}

	@Test
	void eachAccountCallsWechatWithItsOwnPropertiesAndKeepsTokensUnderItsAppid() {
		for (String appId : new String[] { SHOP, NEWS }) {
			String openid = "o-" + appId;
			wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("appid", equalTo(appId))
				.withQueryParam("secret", equalTo(appId.substring(2).repeat(2)))
				.willReturn(okJson("{\"access_token\":\"access\",\"expires_in\":7200,\"refresh_token\":\"refresh\","
						+ "\"openid\":\"" + openid + "\",\"scope\":\"snsapi_base\"}")));
		}
		this.contextRunner
			.withPropertyValues("wechat.apps.shop.appid=" + SHOP,
					"wechat.apps.shop.secret=" + SHOP.substring(2).repeat(2),
					"wechat.apps.shop.api-base-url=" + wechat.baseUrl(), "wechat.apps.news.appid=" + NEWS,
					"wechat.apps.news.secret=" + NEWS.substring(2).repeat(2),
					"wechat.apps.news.api-base-url=" + wechat.baseUrl())
			.run((context) -> {
				WechatOAuthClients clients = context.getBean(WechatOAuthClients.class);
				clients.get("shop").getAccessToken("code");
				clients.get("news").getAccessToken("code");
				WechatStoreFactory stores = context.getBean(WechatStoreFactory.class);
				assertThat(stores.tokenStore(SHOP).getToken("o-" + SHOP)).map(UserToken::openid).hasValue("o-" + SHOP);
				assertThat(stores.tokenStore(NEWS).getToken("o-" + NEWS)).map(UserToken::openid).hasValue("o-" + NEWS);
				assertThat(stores.tokenStore(SHOP).getToken("o-" + NEWS)).isEmpty();
				assertThat(stores.tokenStore(NEWS).getToken("o-" + SHOP)).isEmpty();
			});
	}

	@Test
	void usersOwnClientsWin() {
		this.contextRunner.withUserConfiguration(OwnClients.class)
			.withPropertyValues("wechat.apps.shop.appid=" + SHOP, "wechat.apps.shop.secret=" + SECRET)
			.run((context) -> assertThat(context.getBean(WechatOAuthClients.class).getNames()).containsExactly("mine"));
	}

	@Test
	void missingAppidOfANamedAccountNamesItsProperty() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.shop.secret=" + SECRET),
				(analysis) -> assertThat(analysis.getDescription())
					.isEqualTo("The WeChat appid is not set: wechat.apps.shop.appid has no value."));
	}

	@Test
	void malformedAppidOfANamedAccountNamesItsProperty() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps.shop.appid=wx12",
				"wechat.apps.shop.secret=" + SECRET), (analysis) -> {
					assertThat(analysis.getDescription()).startsWith("wechat.apps.shop.appid is 'wx12'");
					assertThat(analysis.getAction()).contains("Set wechat.apps.shop.appid to the AppID")
						.contains("    wechat:\n      apps:\n        shop:\n          appid: wx1234567890abcdef");
				});
	}

	@Test
	void missingSecretOfANamedAccountNamesItsProperty() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET,
				"wechat.apps.news.appid=" + NEWS), (analysis) -> {
					assertThat(analysis.getDescription())
						.isEqualTo("The WeChat AppSecret is not set: wechat.apps.news.secret has no value.");
					assertThat(analysis.getAction()).contains("Set wechat.apps.news.secret");
				});
	}

	@Test
	void badTimeoutOfANamedAccountNamesItsProperty() {
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.apps.shop.appid=" + SHOP,
						"wechat.apps.shop.secret=" + SECRET, "wechat.apps.shop.read-timeout=0s"),
				(analysis) -> assertThat(analysis.getDescription())
					.startsWith("wechat.apps.shop.read-timeout is PT0S"));
	}

	@Test
	void accountNameThatCannotBeARegistrationIdNamesItsProperty() {
		assertFailure(this.contextRunner.withPropertyValues("wechat.apps[my shop].appid=" + SHOP,
				"wechat.apps[my shop].secret=" + SECRET), (analysis) -> {
					assertThat(analysis.getDescription()).isEqualTo("'my shop' is not a usable account name in "
							+ "wechat.apps.my shop: a name is lowercase letters, digits and dashes.");
					assertThat(analysis.getAction()).contains("wechat.apps.shop.appid");
				});
	}

	@Test
	void withoutAnyAccountStartUpStillAsksForTheAppid() {
		assertFailure(this.contextRunner, (analysis) -> assertThat(analysis.getDescription())
			.isEqualTo("The WeChat appid is not set: wechat.appid has no value."));
	}

	private void assertFailure(ApplicationContextRunner runner, Consumer<FailureAnalysis> analysis) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis result = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(result).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(result.getDescription()).doesNotContain(SECRET);
			assertThat(result.getAction()).doesNotContain(SECRET);
			analysis.accept(result);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClients {

		@Bean
		WechatOAuthClients myClients() {
			return new WechatOAuthClients(
					java.util.Map.of("mine", WechatOAuthClient.builder().appId(SHOP).appSecret(SECRET).build()), null);
		}

	}

}
