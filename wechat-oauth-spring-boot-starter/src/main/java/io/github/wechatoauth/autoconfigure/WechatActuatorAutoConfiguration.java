package io.github.wechatoauth.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.actuate.AccessTokenOutcomes;
import io.github.wechatoauth.actuate.HealthIndicatorAdapter;
import io.github.wechatoauth.actuate.WechatHealth;
import io.github.wechatoauth.actuate.WechatInfoContributor;
import io.github.wechatoauth.credential.CredentialListener;
import io.github.wechatoauth.store.BoundedSharedStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.WechatStoreFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the Actuator support, when Spring
 * Boot's Actuator is on the classpath: the {@code wechat} health indicator (the store
 * within its budget, each account's last access token fetch; off with
 * {@code management.health.wechat.enabled=false}) and the {@code wechat} section of the
 * {@code info} endpoint (masked appids, the store). On Spring Boot 4 and 3.5 alike.
 */
@AutoConfiguration(after = { WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class })
@EnableConfigurationProperties(WechatProperties.class)
@Import(WechatAccountsConfiguration.class)
public final class WechatActuatorAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatActuatorAutoConfiguration() {
	}

	static Map<String, String> appIds(WechatAccounts accounts) {
		Map<String, String> appIds = new LinkedHashMap<>();
		accounts.getAll().forEach((account) -> appIds.put(account.prefix(), account.appId()));
		return appIds;
	}

	static SharedStore store(ObjectProvider<WechatStoreFactory> storeFactory, WechatProperties properties,
			WechatAccounts accounts) {
		String firstAppId = appIds(accounts).values().stream().findFirst().orElse("health");
		return WechatStoreAutoConfiguration.storeFactory(storeFactory, properties).sharedStore(firstAppId);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnHealthIndicatorClass.class)
	@ConditionalOnProperty(prefix = "management.health.wechat", name = "enabled", matchIfMissing = true)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccessTokenOutcomes wechatAccessTokenOutcomes(ObjectProvider<Clock> clock) {
			return new AccessTokenOutcomes(clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		WechatOAuthClientBuilderCustomizer wechatHealthCredentialListeners(AccessTokenOutcomes outcomes) {
			return (account, builder) -> builder.addCredentialListener(outcomes.listener(account.prefix()));
		}

		@Bean
		@ConditionalOnMissingBean
		WechatHealth wechatHealth(ObjectProvider<WechatStoreFactory> storeFactory, WechatProperties properties,
				WechatAccounts accounts, AccessTokenOutcomes outcomes, ObjectProvider<Clock> clock) {
			SharedStore store = store(storeFactory, properties, accounts);
			SharedStore bounded = BoundedSharedStore.of(store, properties.getStore().getTimeout(),
					clock.getIfUnique(Clock::systemUTC), CredentialListener.NONE);
			return new WechatHealth(bounded, store.getClass().getSimpleName(), properties.getStore().getTimeout(),
					appIds(accounts), outcomes);
		}

		@Bean
		@ConditionalOnMissingBean(name = "wechatHealthIndicator")
		static HealthIndicatorFactoryBean wechatHealthIndicator(ObjectProvider<WechatHealth> health) {
			return new HealthIndicatorFactoryBean(health);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
	static class InfoConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WechatInfoContributor wechatInfoContributor(ObjectProvider<WechatStoreFactory> storeFactory,
				WechatProperties properties, WechatAccounts accounts) {
			return new WechatInfoContributor(appIds(accounts),
					store(storeFactory, properties, accounts).getClass().getSimpleName());
		}

	}

	/**
	 * Gives the health indicator, of the type of the Spring Boot line present, so that
	 * the Actuator finds it by type. Spring creates it early to learn that type, so it
	 * takes the health only when asked for the indicator.
	 */
	static final class HealthIndicatorFactoryBean implements FactoryBean<Object> {

		private final ObjectProvider<WechatHealth> health;

		HealthIndicatorFactoryBean(ObjectProvider<WechatHealth> health) {
			this.health = health;
		}

		@Override
		public Object getObject() {
			Class<?> type = getObjectType();
			if (type == null) {
				throw new IllegalStateException("Spring Boot's health support is not on the classpath");
			}
			WechatHealth health = this.health.getObject();
			return HealthIndicatorAdapter.of(type, health::check);
		}

		@Override
		public @Nullable Class<?> getObjectType() {
			return HealthIndicatorAdapter.indicatorType(HealthIndicatorFactoryBean.class.getClassLoader());
		}

	}

	/** Matches when the health indicator type of Spring Boot 4 or 3.5 is present. */
	static class OnHealthIndicatorClass extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Class<?> type = HealthIndicatorAdapter.indicatorType(context.getClassLoader());
			return (type != null) ? ConditionOutcome.match("found " + type.getName())
					: ConditionOutcome.noMatch("neither " + HealthIndicatorAdapter.BOOT_4 + " nor "
							+ HealthIndicatorAdapter.BOOT_3 + " is present");
		}

	}

}
