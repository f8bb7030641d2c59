package io.github.wechatoauth.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The sample app: every feature of wechat-oauth against a built-in WeChat sandbox.
 */
// Users log in through WeChat only: no user and password of Spring Boot's making (whose
// auto-configuration has one name on Boot 4 and another on 3.5).
@SpringBootApplication(
		excludeName = { "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
				"org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration" })
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/**
	 * Starts the sample.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
