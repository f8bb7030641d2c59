package io.github.wechatoauth.oauth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenStore} in this process's memory: the default, right for a single
 * instance. Tokens are forgotten on restart and once their refresh token has expired.
 */
public final class InMemoryTokenStore implements TokenStore {

	private final Map<String, UserToken> tokens = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Creates a store on the system clock.
	 */
	public InMemoryTokenStore() {
		this(Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param clock the clock that decides when a refresh token has expired
	 */
	public InMemoryTokenStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Optional<UserToken> getToken(String openid) {
		UserToken token = this.tokens.get(openid);
		if (token == null) {
			return Optional.empty();
		}
		if (!this.clock.instant().isBefore(token.createdAt().plus(UserToken.REFRESH_TOKEN_LIFETIME))) {
			this.tokens.remove(openid, token);
			return Optional.empty();
		}
		return Optional.of(token);
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
