package io.github.wechatoauth.security;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * Adds WeChat's registrations to the {@link InMemoryClientRegistrationRepository} that
 * Spring Boot makes of {@code spring.security.oauth2.client.*}, so that both live side by
 * side; a registration of Spring Boot's with the same id wins. It touches no other
 * repository, so one of the application's own keeps only what it holds.
 */
public final class WechatClientRegistrationsPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(WechatClientRegistrationsPostProcessor.class);

	/**
	 * Classes whose bean method makes Spring Boot's repository, in Spring Boot 4 and 3.5.
	 */
	private static final Set<String> BOOT_REPOSITORY_CONFIGURATIONS = Set.of(
			"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientConfigurations$ClientRegistrationRepositoryConfiguration",
			"org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientConfigurations$ClientRegistrationRepositoryConfiguration");

	private final ObjectProvider<WechatClientRegistrations> registrations;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * Creates the post-processor.
	 * @param registrations WeChat's registrations, looked up when Spring Boot's
	 * repository is made
	 */
	public WechatClientRegistrationsPostProcessor(ObjectProvider<WechatClientRegistrations> registrations) {
		this.registrations = registrations;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof InMemoryClientRegistrationRepository boot && madeBySpringBoot(beanName)) {
			WechatClientRegistrations wechat = this.registrations.getIfUnique();
			if (wechat != null) {
				return merge(boot, wechat.getRegistrations());
			}
		}
		return bean;
	}

	private boolean madeBySpringBoot(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(beanName);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && BOOT_REPOSITORY_CONFIGURATIONS.contains(factoryMethod.getDeclaringClassName());
	}

	private static InMemoryClientRegistrationRepository merge(InMemoryClientRegistrationRepository boot,
			Collection<ClientRegistration> wechat) {
		Map<String, ClientRegistration> merged = new LinkedHashMap<>();
		boot.forEach((registration) -> merged.put(registration.getRegistrationId(), registration));
		for (ClientRegistration registration : wechat) {
			if (merged.putIfAbsent(registration.getRegistrationId(), registration) != null) {
				logger
					.info("WeChat login: spring.security.oauth2.client.registration." + registration.getRegistrationId()
							+ " replaces the registration of the same id that wechat.* gives");
			}
		}
		return repository(merged.values());
	}

	/**
	 * Returns a repository of registrations, in their order; it may be empty.
	 * @param registrations the registrations
	 * @return the repository
	 */
	public static InMemoryClientRegistrationRepository repository(Collection<ClientRegistration> registrations) {
		Map<String, ClientRegistration> byId = new LinkedHashMap<>();
		registrations.forEach((registration) -> byId.put(registration.getRegistrationId(), registration));
		return new InMemoryClientRegistrationRepository(Collections.unmodifiableMap(byId));
	}

}
