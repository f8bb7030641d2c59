package io.github.wechatoauth.autoconfigure.readme;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The README's example of an application's own {@link TokenStore}: the code between the
 * tags appears in the README verbatim, which {@code ReadmeTests} checks.
 */
// tag::override[]
@Configuration(proxyBeanMethods = false)
public class MyTokenStoreConfiguration {

	@Bean
	TokenStore tokenStore() {
		return new MyTokenStore();
	}

	/** Keeps tokens wherever you like: your own table, a cache, an encrypted column. */
	static class MyTokenStore implements TokenStore {

		private final Map<String, UserToken> tokens = new ConcurrentHashMap<>();

		@Override
		public Optional<UserToken> getToken(String openid) {
			return Optional.ofNullable(this.tokens.get(openid));
		}

		@Override
		public void saveToken(String openid, UserToken token) {
			this.tokens.put(openid, token);
		}

		@Override
		public void removeToken(String openid) {
			this.tokens.remove(openid);
		}

	}

}
// end::override[]
