package io.github.wechatoauth.sample;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for the sample's pages, as an application that copies it should have:
 * every page is open (the log-in is the sample's own, through WeChat), but every
 * state-changing form carries a CSRF token, log-out included, and every answer carries
 * security headers: a Content-Security-Policy that allows no inline script or style and
 * no framing, {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: same-origin}. The message endpoint has the starter's own chain,
 * which lets WeChat's signed pushes in.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/**
	 * The pages' filter chain.
	 * @param http Spring Security's builder
	 * @param environment where the WeChat hosts that serve images are configured
	 * @return the chain
	 * @throws Exception if the chain cannot be built
	 */
	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http, Environment environment) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		// The sandbox's API is called server to server, as WeChat's is, and carries no
		// token; its consent page and "Simulate scan" are forms, and do.
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher sandboxForms = new OrRequestMatcher(paths.matcher("/sandbox/connect/**"),
				paths.matcher("/sandbox/scan"));
		http.csrf((csrf) -> csrf.ignoringRequestMatchers(
				new AndRequestMatcher(paths.matcher("/sandbox/**"), new NegatedRequestMatcher(sandboxForms))));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(policy(environment)))
			.frameOptions((frames) -> frames.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		http.logout((logout) -> logout.logoutSuccessUrl("/"));
		return http.build();
	}

	/**
	 * Scripts, styles and everything else from this app only; images also from where
	 * WeChat serves QR codes ({@code wechat.mp-base-url}) and avatars
	 * ({@code *.qlogo.cn}).
	 */
	static String policy(Environment environment) {
		URI qrCodes = URI.create(environment.getProperty("wechat.mp-base-url", "https://mp.weixin.qq.com"));
		String qrCodeOrigin = qrCodes.getScheme() + "://" + qrCodes.getRawAuthority();
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + qrCodeOrigin
				+ " https://*.qlogo.cn; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
				+ "frame-ancestors 'none'";
	}

}
