package io.github.wechatoauth.testsupport;

import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Spring Boot's own auto-configurations, by the name each generation gives them: the
 * tests run on Spring Boot 4 and, with {@code -Pboot3}, on 3.5.
 */
public final class SpringBootLines {

	private SpringBootLines() {
	}

	/**
	 * Returns the OAuth2 client auto-configuration (the
	 * {@code ClientRegistrationRepository} of {@code spring.security.oauth2.client.*}).
	 * @return the class
	 */
	public static Class<?> oauth2Client() {
		return either("org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration");
	}

	/**
	 * Returns the servlet OAuth2 client web security auto-configuration.
	 * @return the class
	 */
	public static Class<?> oauth2ClientWebSecurity() {
		return either(
				"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
				"org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration");
	}

	/**
	 * Returns the servlet web security auto-configuration, which enables web security.
	 * @return the class
	 */
	public static Class<?> webSecurity() {
		return either("org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration");
	}

	/**
	 * Returns the class of whichever Spring Boot generation is on the class path.
	 * @param boot4Name the name in Spring Boot 4
	 * @param boot3Name the name in Spring Boot 3.5
	 * @return the class
	 */
	public static Class<?> either(String boot4Name, String boot3Name) {
		ClassLoader classLoader = SpringBootLines.class.getClassLoader();
		String name = ClassUtils.isPresent(boot4Name, classLoader) ? boot4Name : boot3Name;
		return ClassUtils.resolveClassName(name, classLoader);
	}

	/**
	 * Returns {@code RestClientCustomizer}, which moved package between Spring Boot 3.5
	 * and 4.
	 * @return the interface
	 */
	@SuppressWarnings("unchecked")
	public static Class<Object> restClientCustomizerType() {
		return (Class<Object>) either("org.springframework.boot.restclient.RestClientCustomizer",
				"org.springframework.boot.web.client.RestClientCustomizer");
	}

	/**
	 * Returns a {@code RestClientCustomizer} of whichever Spring Boot line is on the
	 * class path.
	 * @param customizer what it does to the builder
	 * @return the customizer, to register as a bean of
	 * {@link #restClientCustomizerType()}
	 */
	public static Object restClientCustomizer(Consumer<RestClient.Builder> customizer) {
		Class<?> type = restClientCustomizerType();
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
			if (method.getName().equals("customize")) {
				customizer.accept((RestClient.Builder) args[0]);
				return null;
			}
			if (method.getName().equals("toString")) {
				return "restClientCustomizer";
			}
			return method.getDeclaringClass().equals(Object.class) ? method.invoke(customizer, args) : null;
		});
	}

}
