package io.github.wechatoauth.oauth;

import java.time.Duration;

import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory {@link TokenStore}: tokens by openid, kept until their refresh token
 * expires 30 days after {@code createdAt}.
 */
class InMemoryTokenStoreTests {

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	@Test
	void savedTokenIsReturnedByOpenid() {
		UserToken token = token("o1");
		this.store.saveToken("o1", token);

		assertThat(this.store.getToken("o1")).contains(token);
		assertThat(this.store.getToken("o2")).isEmpty();
	}

	@Test
	void saveReplacesTheToken() {
		this.store.saveToken("o1", token("o1"));
		UserToken newer = new UserToken("ACCESS_2", 7200, "REFRESH_2", "o1", "snsapi_base", null, this.clock.instant());
		this.store.saveToken("o1", newer);

		assertThat(this.store.getToken("o1")).contains(newer);
	}

	@Test
	void removeForgetsTheToken() {
		this.store.saveToken("o1", token("o1"));

		this.store.removeToken("o1");
		this.store.removeToken("never-saved");

		assertThat(this.store.getToken("o1")).isEmpty();
	}

	@Test
	void tokenIsKeptAfterItsAccessTokenExpires() {
		this.store.saveToken("o1", token("o1"));
		this.clock.advance(Duration.ofDays(29));

		assertThat(this.store.getToken("o1")).isPresent();
	}

	@Test
	void tokenIsForgottenThirtyDaysAfterItWasCreated() {
		this.store.saveToken("o1", token("o1"));

		this.clock.advance(Duration.ofDays(30).minusSeconds(1));
		assertThat(this.store.getToken("o1")).isPresent();

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.getToken("o1")).isEmpty();
	}

	private UserToken token(String openid) {
		return new UserToken("ACCESS_1", 7200, "REFRESH_1", openid, "snsapi_userinfo", null, this.clock.instant());
	}

}
