package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatStub;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.github.wechatoauth.store.WechatStoreFactory;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.CapturedLogsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wechat.credential.*} and {@code wechat.apps.<name>.credential.*}: the refresh
 * margin, the maximum wait and the lease lifetime reach each account's client, and a
 * value that is not a positive duration stops start-up with a report that names it.
 */
@ExtendWith(CapturedLogsExtension.class)
class WechatCredentialPropertiesTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SHOP = "wx00000000000000a1";

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class));

	@BeforeEach
	void resetWechat() {
		wechat.resetAll();
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"APP_TOKEN_NEW\",\"expires_in\":7200}")));
	}

	@Test
	void maxWaitAndLeaseTtlBoundTheWaitForAnotherInstance() {
		InMemorySharedStore store = new InMemorySharedStore();
		this.contextRunner.withBean(SharedStore.class, () -> store)
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET,
					"wechat.api-base-url=" + wechat.baseUrl(), "wechat.credential.max-wait=50ms",
					"wechat.credential.lease-ttl=20s")
			.run((context) -> {
				// Another instance holds the lease and has stored nothing yet.
				assertThat(store.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofMinutes(1))).isPresent();
				WechatOAuthClient client = context.getBean(WechatOAuthClient.class);
				assertThatExceptionOfType(WechatTransportException.class).isThrownBy(client::getClientAccessToken)
					.withMessageStartingWith("Waited PT0.05S for another instance to refresh access_token")
					.withMessageEndingWith("within PT20S");
			});
	}

	@Test
	void refreshMarginDecidesWhenATokenIsRefreshedAhead() {
		// A token with 200 s left: inside the default margin (5 minutes), outside 1
		// minute.
		assertThat(fetchesForATokenWith200SecondsLeft()).isOne();
		assertThat(fetchesForATokenWith200SecondsLeft("wechat.credential.refresh-margin=1m")).isZero();
	}

	@Test
	void aNamedAccountHasItsOwnCredentialProperties() {
		InMemorySharedStore store = new InMemorySharedStore();
		this.contextRunner.withBean(WechatStoreFactory.class, () -> new SingleSharedStoreFactory(store))
			.withPropertyValues("wechat.apps.shop.appid=" + SHOP, "wechat.apps.shop.secret=" + SECRET,
					"wechat.apps.shop.api-base-url=" + wechat.baseUrl(), "wechat.apps.shop.credential.max-wait=30ms",
					"wechat.apps.shop.credential.lease-ttl=1m")
			.run((context) -> {
				assertThat(store.tryAcquireLease(AppCredentials.ACCESS_TOKEN, Duration.ofMinutes(1))).isPresent();
				WechatOAuthClient shop = context.getBean(WechatOAuthClients.class).get("shop");
				assertThatExceptionOfType(WechatTransportException.class).isThrownBy(shop::getClientAccessToken)
					.withMessageStartingWith("Waited PT0.03S")
					.withMessageEndingWith("within PT1M");
			});
	}

	@Test
	void aLeaseShorterThanARefreshMayTakeIsWarnedAbout(CapturedLogs logs) {
		withAccount().run((context) -> assertThat(context).hasNotFailed());
		assertThat(logs.all()).doesNotContain("lease-ttl");
		withAccount().withPropertyValues("wechat.credential.lease-ttl=10s")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(logs.all())
			.contains("wechat.credential.lease-ttl (PT10S) is shorter than wechat.connect-timeout plus "
					+ "wechat.read-timeout (PT15S): a slow refresh may outlive its lease, and another instance then "
					+ "fetches too");
	}

	@Test
	void zeroMaxWaitIsRefused() {
		assertFailure(withAccount().withPropertyValues("wechat.credential.max-wait=0s"), (analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("wechat.credential.max-wait is PT0S, but a maximum wait must be a positive duration.");
			assertThat(analysis.getAction()).isEqualTo("Set wechat.credential.max-wait to a positive duration such as "
					+ "5s, or remove it to use the default of 5s.");
		});
	}

	@Test
	void negativeLeaseTtlIsRefused() {
		assertFailure(withAccount().withPropertyValues("wechat.credential.lease-ttl=-15s"), (analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("wechat.credential.lease-ttl is PT-15S, but a lease lifetime must be a positive duration.");
			assertThat(analysis.getAction()).contains("such as 15s");
		});
	}

	@Test
	void zeroRefreshMarginIsRefused() {
		assertFailure(withAccount().withPropertyValues("wechat.credential.refresh-margin=0"), (analysis) -> {
			assertThat(analysis.getDescription()).isEqualTo(
					"wechat.credential.refresh-margin is PT0S, but a refresh margin must be a positive duration.");
			assertThat(analysis.getAction()).contains("such as 5m");
		});
	}

	@Test
	void aNamedAccountsBadValueIsNamedWithItsPrefix() {
		assertFailure(
				this.contextRunner.withPropertyValues("wechat.apps.shop.appid=" + SHOP,
						"wechat.apps.shop.secret=" + SECRET, "wechat.apps.shop.credential.max-wait=-1s"),
				(analysis) -> assertThat(analysis.getDescription())
					.startsWith("wechat.apps.shop.credential.max-wait is PT-1S"));
	}

	private long fetchesForATokenWith200SecondsLeft(String... properties) {
		wechat.resetRequests();
		InMemorySharedStore store = new InMemorySharedStore();
		Instant now = Instant.now();
		store.put(AppCredentials.ACCESS_TOKEN,
				new StoredValue("APP_TOKEN_OLD", now.minusSeconds(7000), now.plusSeconds(200)));
		this.contextRunner.withBean(SharedStore.class, () -> store)
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET,
					"wechat.api-base-url=" + wechat.baseUrl())
			.withPropertyValues(properties)
			.run((context) -> context.getBean(WechatOAuthClient.class).getClientAccessToken());
		return wechat.countRequestsMatching(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).build())
			.getCount();
	}

	private ApplicationContextRunner withAccount() {
		return this.contextRunner.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=" + SECRET);
	}

	private void assertFailure(ApplicationContextRunner runner, Consumer<FailureAnalysis> analysis) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis result = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(result).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(result.getDescription()).doesNotContain(SECRET);
			analysis.accept(result);
		});
	}

	/** Keeps the credentials of every appid in one store that the test can reach. */
	private record SingleSharedStoreFactory(SharedStore store) implements WechatStoreFactory {

		@Override
		public TokenStore tokenStore(String appId) {
			return new InMemoryTokenStore();
		}

		@Override
		public SharedStore sharedStore(String appId) {
			return this.store;
		}

	}

}
