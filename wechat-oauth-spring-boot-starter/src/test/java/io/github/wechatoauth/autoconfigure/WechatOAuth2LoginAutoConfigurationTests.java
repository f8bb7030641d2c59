package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import java.util.List;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.security.WechatAccessTokenResponseClient;
import io.github.wechatoauth.security.WechatAuthorizationRequestResolver;
import io.github.wechatoauth.security.WechatClientRegistrations;
import io.github.wechatoauth.security.WechatOAuth2UserService;
import io.github.wechatoauth.testsupport.SpringBootLines;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.user.OAuth2User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WechatOAuth2LoginAutoConfiguration}: the client registrations of each
 * account, the beans that {@code oauth2Login()} picks up, Spring Boot's own registrations
 * beside them, and a user's own beans winning.
 */
class WechatOAuth2LoginAutoConfigurationTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final String SHOP = "wx00000000000000a1";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
				WechatOAuthClientAutoConfiguration.class, WechatOAuth2LoginAutoConfiguration.class))
		.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7");

	@Test
	void registersWechatFromTheWechatProperties() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WechatClientRegistrations.class)
				.hasSingleBean(ClientRegistrationRepository.class)
				.hasSingleBean(OAuth2AuthorizationRequestResolver.class)
				.hasSingleBean(OAuth2AccessTokenResponseClient.class)
				.hasSingleBean(OAuth2UserService.class);
			assertThat(context.getBean(OAuth2AuthorizationRequestResolver.class))
				.isInstanceOf(WechatAuthorizationRequestResolver.class);
			assertThat(context.getBean(OAuth2AccessTokenResponseClient.class))
				.isInstanceOf(WechatAccessTokenResponseClient.class);
			assertThat(context.getBean(OAuth2UserService.class)).isInstanceOf(WechatOAuth2UserService.class);
			assertThat(registrationIds(context)).containsExactly("wechat");
			ClientRegistration wechat = registration(context, "wechat");
			assertThat(wechat.getClientId()).isEqualTo(APPID);
			assertThat(wechat.getClientSecret()).isEmpty();
			assertThat(wechat.getClientName()).isEqualTo("WeChat");
			assertThat(wechat.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
			assertThat(wechat.getScopes()).containsExactly("snsapi_userinfo");
			assertThat(wechat.getRedirectUri()).isEqualTo("{baseUrl}/{action}/oauth2/code/{registrationId}");
			assertThat(wechat.getProviderDetails().getAuthorizationUri())
				.isEqualTo("https://open.weixin.qq.com/connect/oauth2/authorize");
			assertThat(wechat.getProviderDetails().getTokenUri())
				.isEqualTo("https://api.weixin.qq.com/sns/oauth2/access_token");
			assertThat(wechat.getProviderDetails().getUserInfoEndpoint().getUri())
				.isEqualTo("https://api.weixin.qq.com/sns/userinfo");
			assertThat(wechat.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName())
				.isEqualTo("openid");
			WechatClientRegistrations registrations = context.getBean(WechatClientRegistrations.class);
			assertThat(registrations.findClient(wechat)).containsSame(context.getBean(WechatOAuthClient.class));
			assertThat(registrations.findClient("someone-else")).isEmpty();
		});
	}

	@Test
	void registersTheWebsiteLoginWithTheWebsiteApplicationsOwnCredentials() {
		this.contextRunner
			.withPropertyValues("wechat.website.appid=wx0000000000000e0b",
					"wechat.website.secret=0e0ba5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> {
				assertThat(registrationIds(context)).containsExactly("wechat", "wechat-web");
				ClientRegistration web = registration(context, "wechat-web");
				assertThat(web.getClientId()).isEqualTo("wx0000000000000e0b");
				assertThat(web.getClientName()).isEqualTo("WeChat (website)");
				assertThat(web.getScopes()).containsExactly("snsapi_login");
				assertThat(web.getProviderDetails().getAuthorizationUri())
					.isEqualTo("https://open.weixin.qq.com/connect/qrconnect");
				WechatOAuthClient website = context.getBean(WechatOAuthClients.class).getWebsite().orElseThrow();
				assertThat(website.getAppId()).isEqualTo("wx0000000000000e0b");
				assertThat(context.getBean(WechatClientRegistrations.class).findClient(web)).containsSame(website);
			});
		this.contextRunner
			.withPropertyValues("wechat.website.appid=wx0000000000000e0b",
					"wechat.website.secret=0e0ba5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.login.website=false")
			.run((context) -> assertThat(registrationIds(context)).containsExactly("wechat"));
	}

	@Test
	void refusesMalformedWebsiteCredentials() {
		this.contextRunner
			.withPropertyValues("wechat.website.appid=wx0000000000000e0b", "wechat.website.secret=not-hex")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("wechat.website.secret has 7 characters");
			});
	}

	@Test
	void loginPropertiesChooseTheScopeAndTheWebsiteLogin() {
		this.contextRunner
			.withPropertyValues("wechat.login.scope=snsapi_base", "wechat.login.website=false",
					"wechat.open-base-url=http://localhost:8081/sandbox/")
			.run((context) -> {
				assertThat(registrationIds(context)).containsExactly("wechat");
				ClientRegistration wechat = registration(context, "wechat");
				assertThat(wechat.getScopes()).containsExactly("snsapi_base");
				assertThat(wechat.getProviderDetails().getAuthorizationUri())
					.isEqualTo("http://localhost:8081/sandbox/connect/oauth2/authorize");
			});
	}

	@Test
	void websiteAppidLogsInWithQrConnectAlone() {
		this.contextRunner.withPropertyValues("wechat.login.scope=snsapi_login").run((context) -> {
			assertThat(registrationIds(context)).containsExactly("wechat");
			assertThat(registration(context, "wechat").getProviderDetails().getAuthorizationUri())
				.endsWith("/connect/qrconnect");
		});
	}

	@Test
	void eachNamedAccountGetsItsOwnRegistrations() {
		this.contextRunner.withPropertyValues("wechat.apps.shop.appid=" + SHOP,
				"wechat.apps.shop.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7", "wechat.apps.shop.login.website=false",
				"wechat.apps.news.appid=wx00000000000000b2", "wechat.apps.news.secret=4e05a5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> {
				assertThat(registrationIds(context)).containsExactly("wechat", "wechat-shop", "wechat-news");
				assertThat(registration(context, "wechat-shop").getClientId()).isEqualTo(SHOP);
				assertThat(registration(context, "wechat-shop").getClientName()).isEqualTo("WeChat shop");
				assertThat(registration(context, "wechat-news").getClientId()).isEqualTo("wx00000000000000b2");
				assertThat(context.getBean(WechatClientRegistrations.class)
					.findClient(registration(context, "wechat-shop")))
					.containsSame(context.getBean(WechatOAuthClients.class).get("shop"));
			});
	}

	@Test
	void namedAccountsAloneGiveTheirRegistrationsOnly() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
					WechatOAuthClientAutoConfiguration.class, WechatOAuth2LoginAutoConfiguration.class))
			.withPropertyValues("wechat.apps.shop.appid=" + SHOP,
					"wechat.apps.shop.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> assertThat(registrationIds(context)).containsExactly("wechat-shop"));
	}

	@Test
	void twoAccountsWithTheSameRegistrationIdStopStartUpNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("wechat.apps.web.appid=" + SHOP,
					"wechat.apps.web.secret=5409a5ec7e7a5ec7e7a5ec7e7a5ec7e7",
					"wechat.website.appid=wx0000000000000e0b", "wechat.website.secret=0e0ba5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new WechatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo(
						"wechat.website gives the Spring Security registration 'wechat-web', which is already that of wechat.apps.web.");
				assertThat(analysis.getAction()).contains("set wechat.login.website=false");
			});
	}

	@Test
	void backsOffWithoutSpringSecurityOAuth2Client() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.client"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WechatOAuthClient.class)
				.doesNotHaveBean(WechatClientRegistrations.class)
				.doesNotHaveBean("clientRegistrationRepository")
				.doesNotHaveBean("wechatOAuth2UserService"));
	}

	@Test
	void backsOffOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WechatStoreAutoConfiguration.class,
					WechatOAuthClientAutoConfiguration.class, WechatOAuth2LoginAutoConfiguration.class))
			.withPropertyValues("wechat.appid=" + APPID, "wechat.secret=7e57a5ec7e7a5ec7e7a5ec7e7a5ec7e7")
			.run((context) -> assertThat(context).hasSingleBean(WechatOAuthClient.class)
				.doesNotHaveBean(WechatClientRegistrations.class)
				.doesNotHaveBean(ClientRegistrationRepository.class));
	}

	@Test
	void usersOwnRepositoryWinsAndKeepsOnlyWhatItHolds() {
		this.contextRunner.withUserConfiguration(OwnRepository.class).run((context) -> {
			assertThat(context).hasSingleBean(ClientRegistrationRepository.class)
				.hasSingleBean(WechatClientRegistrations.class);
			assertThat(registrationIds(context)).containsExactly("mine");
		});
	}

	@Test
	void usersOwnRepositoryWinsOverSpringBootsToo() {
		withBoot().withUserConfiguration(OwnRepository.class)
			.withPropertyValues("spring.security.oauth2.client.registration.github.client-id=gh-client",
					"spring.security.oauth2.client.registration.github.client-secret=gh-secret")
			.run((context) -> assertThat(registrationIds(context)).containsExactly("mine"));
	}

	@Test
	void usersOwnLoginBeansWin() {
		this.contextRunner.withUserConfiguration(OwnLoginBeans.class).run((context) -> {
			assertThat(context.getBean(OAuth2AuthorizationRequestResolver.class))
				.isInstanceOf(DefaultOAuth2AuthorizationRequestResolver.class);
			assertThat(context.getBean(OAuth2UserService.class)).isInstanceOf(DefaultOAuth2UserService.class);
			assertThat(context).getBeans(OAuth2AccessTokenResponseClient.class)
				.containsOnlyKeys("myAccessTokenResponseClient");
		});
	}

	@Test
	void aTokenClientOfAnotherGrantDoesNotReplaceWechats() {
		this.contextRunner.withUserConfiguration(ClientCredentialsTokenClient.class)
			.run((context) -> assertThat(context).getBeans(OAuth2AccessTokenResponseClient.class)
				.containsOnlyKeys("clientCredentialsTokenResponseClient", "wechatAccessTokenResponseClient"));
	}

	@Test
	void joinsSpringBootsRegistrations() {
		withBoot()
			.withPropertyValues("spring.security.oauth2.client.registration.github.client-id=gh-client",
					"spring.security.oauth2.client.registration.github.client-secret=gh-secret")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class)
					.hasSingleBean(OAuth2AuthorizedClientService.class);
				assertThat(context.getBean(ClientRegistrationRepository.class))
					.isInstanceOf(InMemoryClientRegistrationRepository.class);
				assertThat(registrationIds(context)).containsExactly("github", "wechat");
				assertThat(registration(context, "github").getClientId()).isEqualTo("gh-client");
			});
	}

	@Test
	void springBootsRegistrationOfTheSameIdWins() {
		withBoot().withPropertyValues("spring.security.oauth2.client.registration.wechat.client-id=" + APPID,
				"spring.security.oauth2.client.registration.wechat.client-name=Weixin",
				"spring.security.oauth2.client.registration.wechat.scope=snsapi_base",
				"spring.security.oauth2.client.registration.wechat.authorization-grant-type=authorization_code",
				"spring.security.oauth2.client.registration.wechat.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
				"spring.security.oauth2.client.provider.wechat.authorization-uri=https://open.weixin.qq.com/connect/oauth2/authorize",
				"spring.security.oauth2.client.provider.wechat.token-uri=https://api.weixin.qq.com/sns/oauth2/access_token")
			.run((context) -> {
				assertThat(registrationIds(context)).containsExactly("wechat");
				assertThat(registration(context, "wechat").getClientName()).isEqualTo("Weixin");
				// Its client id is the appid: it is still served through the client.
				assertThat(context.getBean(WechatClientRegistrations.class).findClient(registration(context, "wechat")))
					.isPresent();
			});
	}

	@Test
	void withoutSpringBootsPropertiesSpringBootStillServesWechatsRepository() {
		withBoot().run((context) -> {
			// Spring Boot's authorized client service, and its default chain with
			// oauth2Login(): the application needs no SecurityFilterChain at all.
			assertThat(context).hasSingleBean(ClientRegistrationRepository.class)
				.hasSingleBean(OAuth2AuthorizedClientService.class)
				.hasBean("oauth2SecurityFilterChain");
			assertThat(registrationIds(context)).containsExactly("wechat");
		});
	}

	private WebApplicationContextRunner withBoot() {
		return this.contextRunner.withConfiguration(AutoConfigurations.of(SpringBootLines.oauth2Client(),
				SpringBootLines.oauth2ClientWebSecurity(), SpringBootLines.webSecurity()));
	}

	private static List<String> registrationIds(AssertableWebApplicationContext context) {
		ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
		assertThat(repository).isInstanceOf(Iterable.class);
		List<String> ids = new java.util.ArrayList<>();
		((Iterable<?>) repository)
			.forEach((registration) -> ids.add(((ClientRegistration) registration).getRegistrationId()));
		return ids;
	}

	private static ClientRegistration registration(AssertableWebApplicationContext context, String id) {
		ClientRegistration registration = context.getBean(ClientRegistrationRepository.class).findByRegistrationId(id);
		assertThat(registration).as(id).isNotNull();
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRepository {

		@Bean
		ClientRegistrationRepository myRepository() {
			return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("mine")
				.clientId("my-client")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://example.com/authorize")
				.tokenUri("https://example.com/token")
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLoginBeans {

		@Bean
		OAuth2AuthorizationRequestResolver myResolver(ClientRegistrationRepository repository) {
			return new DefaultOAuth2AuthorizationRequestResolver(repository, "/oauth2/authorization");
		}

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> myAccessTokenResponseClient() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> myUserService() {
			return new DefaultOAuth2UserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientCredentialsTokenClient {

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> clientCredentialsTokenResponseClient() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

}
