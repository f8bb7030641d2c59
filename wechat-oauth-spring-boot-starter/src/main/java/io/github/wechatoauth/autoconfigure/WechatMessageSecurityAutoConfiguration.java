package io.github.wechatoauth.autoconfigure;

import java.util.List;

import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoints;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of a {@link SecurityFilterChain} for
 * the message endpoints, in an application with Spring Security's web security: WeChat
 * signs its pushes, and sends neither a session nor a CSRF token, so the chain matches
 * the endpoints' paths alone, permits every request to them, and leaves CSRF protection,
 * the session and the request cache out. It comes before the application's own chains
 * ({@link #ORDER}), which keep protecting everything else, and after Spring Boot's
 * security auto-configurations, whose default chain it therefore leaves in place.
 * {@code wechat.message.security.enabled=false} turns it off, for an application that
 * lets the pushes through itself.
 */
@AutoConfiguration(after = WechatMessageEndpointAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
		"org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, SecurityFilterChain.class, PathPatternRequestMatcher.class })
@ConditionalOnBean({ HttpSecurity.class, WechatMessageEndpoints.class })
@ConditionalOnProperty(prefix = "wechat.message.security", name = "enabled", havingValue = "true",
		matchIfMissing = true)
public final class WechatMessageSecurityAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatMessageSecurityAutoConfiguration() {
	}

	/**
	 * Order of the message endpoints' {@link SecurityFilterChain}: ahead of an
	 * application's chains, which have no order or a low one, with room before it for a
	 * chain that must see the pushes first.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	@Bean
	@Order(ORDER)
	@ConditionalOnMissingBean(name = "wechatMessageSecurityFilterChain")
	SecurityFilterChain wechatMessageSecurityFilterChain(HttpSecurity http,
			ObjectProvider<PathPatternRequestMatcher.Builder> pathPatterns,
			ObjectProvider<WechatMessageEndpoint> endpoint, ObjectProvider<WechatMessageEndpoints> endpoints,
			Environment environment) throws Exception {
		// Spring Boot 4's builder knows the DispatcherServlet's path; 3.5 has none, so
		// the path is read here.
		PathPatternRequestMatcher.Builder paths = pathPatterns
			.getIfAvailable(() -> withServletPath(environment.getProperty("spring.mvc.servlet.path")));
		List<RequestMatcher> matchers = WechatMessageEndpoints.all(endpoint, endpoints)
			.stream()
			.map((each) -> (RequestMatcher) paths.matcher(each.getPath()))
			.toList();
		http.securityMatcher(new OrRequestMatcher(matchers));
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		http.csrf(AbstractHttpConfigurer::disable);
		http.requestCache(AbstractHttpConfigurer::disable);
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	private static PathPatternRequestMatcher.Builder withServletPath(@Nullable String servletPath) {
		String path = (servletPath != null) ? servletPath.strip() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		if (path.isEmpty()) {
			return PathPatternRequestMatcher.withDefaults();
		}
		return PathPatternRequestMatcher.withDefaults().basePath(path.startsWith("/") ? path : "/" + path);
	}

}
