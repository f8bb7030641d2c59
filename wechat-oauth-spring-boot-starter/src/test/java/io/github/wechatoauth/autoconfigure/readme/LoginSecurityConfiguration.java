package io.github.wechatoauth.autoconfigure.readme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The README's Spring Security configuration of login with WeChat: the code between the
 * tags appears in the README verbatim, which {@code LoginReadmeTests} checks, and the
 * login tests run it.
 */
// tag::login[]
@Configuration(proxyBeanMethods = false)
public class LoginSecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		http.oauth2Login(Customizer.withDefaults());
		return http.build();
	}

}
// end::login[]
