package io.github.wechatoauth.testsupport;

import org.springframework.util.ClassUtils;

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

}
