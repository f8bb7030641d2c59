package io.github.wechatoauth.sample.sandbox;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The sandbox's settings, clock and request counting; on while
 * {@code sample.sandbox.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

	/**
	 * The clock every expiry in the sandbox is judged by; tests replace it with one they
	 * move.
	 * @return the system clock in UTC
	 */
	@Bean
	Clock sandboxClock() {
		return Clock.systemUTC();
	}

	/**
	 * Counts every request to {@code /sandbox/**} except the counts themselves.
	 * @param stats where the counts go
	 * @return the MVC configuration that adds the interceptor
	 */
	@Bean
	WebMvcConfigurer sandboxStatsInterceptor(SandboxStats stats) {
		HandlerInterceptor counter = new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				stats.countRequest(SandboxStats.endpointOf(request));
				return true;
			}

		};
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(counter).addPathPatterns("/sandbox/**").excludePathPatterns("/sandbox/stats");
			}

		};
	}

}
