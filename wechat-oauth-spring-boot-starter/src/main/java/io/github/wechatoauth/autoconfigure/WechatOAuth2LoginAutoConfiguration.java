package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.clients.WechatOAuthClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.security.WechatAccessTokenResponseClient;
import io.github.wechatoauth.security.WechatAuthorizationRequestResolver;
import io.github.wechatoauth.security.WechatClientRegistrations;
import io.github.wechatoauth.security.WechatClientRegistrationsPostProcessor;
import io.github.wechatoauth.security.WechatOAuth2User;
import io.github.wechatoauth.security.WechatOAuth2UserService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistration.ClientSettings;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Spring Security login with
 * WeChat, when spring-security-oauth2-client is on the classpath: an application adds
 * {@code http.oauth2Login(Customizer.withDefaults())} and nothing else.
 * <ul>
 * <li>Client registrations for each account: {@code wechat} for {@code wechat.*},
 * {@code wechat-<name>} for {@code wechat.apps.<name>.*}, and {@code wechat-web} (website
 * QR login) for the Open Platform website application of {@code wechat.website.*}. When
 * Spring Boot makes the {@link ClientRegistrationRepository} of
 * {@code spring.security.oauth2.client.*}, they join it; otherwise they are the
 * repository. A repository of the application's own wins, and keeps only what it
 * holds.</li>
 * <li>The {@link OAuth2AuthorizationRequestResolver}, the
 * {@link OAuth2AccessTokenResponseClient} of the authorization code grant and the
 * {@link OAuth2UserService} that {@code oauth2Login()} picks up, which serve WeChat
 * registrations and hand the others to Spring Security's defaults.</li>
 * </ul>
 */
@AutoConfiguration(after = WechatOAuthClientAutoConfiguration.class,
		beforeName = { WechatOAuth2LoginAutoConfiguration.BOOT4_OAUTH2_CLIENT,
				WechatOAuth2LoginAutoConfiguration.BOOT3_OAUTH2_CLIENT })
@ConditionalOnClass({ ClientRegistration.class, OAuth2AuthorizationRequestResolver.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(WechatAccountsConfiguration.class)
public final class WechatOAuth2LoginAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatOAuth2LoginAutoConfiguration() {
	}

	static final String BOOT4_OAUTH2_CLIENT = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration";

	static final String BOOT3_OAUTH2_CLIENT = "org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration";

	private static final String BOOT_REGISTRATIONS = "spring.security.oauth2.client.registration";

	@Bean
	@ConditionalOnMissingBean
	WechatClientRegistrations wechatClientRegistrations(WechatAccounts accounts, WechatProperties properties,
			ObjectProvider<WechatOAuthClient> client, ObjectProvider<WechatOAuthClients> clients) {
		Registrations registrations = new Registrations();
		WechatOAuthClient single = client.getIfUnique();
		if (single != null) {
			registrations.add("wechat", "wechat", properties, single, properties.getLogin().getScope(), "WeChat");
		}
		WechatOAuthClients named = clients.getIfUnique();
		if (named != null) {
			for (WechatAccount account : accounts.getNamed()) {
				String name = Objects.requireNonNull(account.name());
				registrations.add("wechat-" + name, account.prefix(), account.properties(), named.get(name),
						account.properties().getLogin().getScope(), "WeChat " + name);
			}
			WechatOAuthClient website = named.getWebsite().orElse(null);
			if (website != null && properties.getLogin().isWebsite()) {
				registrations.add("wechat-web", WechatAccount.WEBSITE_PREFIX, properties, website, Scope.SNSAPI_LOGIN,
						"WeChat (website)");
			}
		}
		return new WechatClientRegistrations(registrations.registrations, registrations.clients,
				registrations.allowingSnapshotUsers);
	}

	@Bean
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	@Conditional(NoBootRegistrationsCondition.class)
	InMemoryClientRegistrationRepository clientRegistrationRepository(WechatClientRegistrations registrations) {
		return WechatClientRegistrationsPostProcessor.repository(registrations.getRegistrations());
	}

	@Bean
	static WechatClientRegistrationsPostProcessor wechatClientRegistrationsPostProcessor(
			ObjectProvider<WechatClientRegistrations> registrations) {
		return new WechatClientRegistrationsPostProcessor(registrations);
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizationRequestResolver wechatAuthorizationRequestResolver(
			ClientRegistrationRepository clientRegistrationRepository, WechatClientRegistrations registrations) {
		return new WechatAuthorizationRequestResolver(clientRegistrationRepository, registrations);
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> wechatAccessTokenResponseClient(
			WechatClientRegistrations registrations) {
		return new WechatAccessTokenResponseClient(registrations);
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> wechatOAuth2UserService(WechatClientRegistrations registrations) {
		return new WechatOAuth2UserService(registrations);
	}

	/**
	 * The registrations of the accounts, with a check that no two share an id.
	 */
	private static final class Registrations {

		private final List<ClientRegistration> registrations = new ArrayList<>();

		private final List<WechatOAuthClient> clients = new ArrayList<>();

		private final Map<String, String> owners = new LinkedHashMap<>();

		private final Set<String> allowingSnapshotUsers = new LinkedHashSet<>();

		void add(String registrationId, String prefix, WechatAccountProperties account, WechatOAuthClient client,
				Scope scope, String clientName) {
			String owner = this.owners.putIfAbsent(registrationId, prefix);
			if (owner != null) {
				throw new InvalidWechatPropertyException(prefix,
						prefix + " gives the Spring Security registration '" + registrationId
								+ "', which is already that of " + owner + ".",
						"Rename the account under " + WechatAccount.APPS_PREFIX
								+ ", or set wechat.login.website=false.");
			}
			if (account.getLogin().isAllowSnapshotUsers()) {
				this.allowingSnapshotUsers.add(registrationId);
			}
			String api = stripTrailingSlash(account.getApiBaseUrl());
			String open = stripTrailingSlash(account.getOpenBaseUrl());
			this.registrations.add(ClientRegistration.withRegistrationId(registrationId)
				.clientName(clientName)
				.clientId(client.getAppId())
				// WeChat takes the secret as a parameter; the client holds it, not the
				// registration.
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.clientSettings(ClientSettings.builder().requireProofKey(false).build())
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/{action}/oauth2/code/{registrationId}")
				.scope(scope.value())
				.authorizationUri(
						open + ((scope == Scope.SNSAPI_LOGIN) ? "/connect/qrconnect" : "/connect/oauth2/authorize"))
				.tokenUri(api + "/sns/oauth2/access_token")
				.userInfoUri(api + "/sns/userinfo")
				.userNameAttributeName(WechatOAuth2User.OPENID)
				.build());
			this.clients.add(client);
		}

		private static String stripTrailingSlash(String url) {
			return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		}

	}

	/**
	 * Matches unless Spring Boot makes the {@link ClientRegistrationRepository}: its
	 * OAuth2 client auto-configuration is on the classpath and
	 * {@code spring.security.oauth2.client.registration.*} is set. WeChat's registrations
	 * then join Spring Boot's repository through
	 * {@link WechatClientRegistrationsPostProcessor}.
	 */
	static class NoBootRegistrationsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage
				.forCondition("No Spring Boot OAuth2 client registrations");
			ClassLoader classLoader = context.getClassLoader();
			boolean boot = ClassUtils.isPresent(BOOT4_OAUTH2_CLIENT, classLoader)
					|| ClassUtils.isPresent(BOOT3_OAUTH2_CLIENT, classLoader);
			if (!boot) {
				return ConditionOutcome.match(message.didNotFind("class").items("OAuth2ClientAutoConfiguration"));
			}
			Set<String> registrations = Binder.get(context.getEnvironment())
				.bind(BOOT_REGISTRATIONS, Bindable.mapOf(String.class, String.class))
				.orElse(Map.of())
				.keySet();
			if (registrations.isEmpty()) {
				return ConditionOutcome.match(message.didNotFind("property").items(BOOT_REGISTRATIONS + ".*"));
			}
			return ConditionOutcome.noMatch(message.found("property").items(BOOT_REGISTRATIONS + ".*"));
		}

	}

}
