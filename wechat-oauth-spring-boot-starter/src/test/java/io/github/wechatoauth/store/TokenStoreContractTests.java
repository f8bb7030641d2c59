package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.testsupport.MutableClock;
import io.github.wechatoauth.testsupport.TestServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link TokenStore} does, whatever keeps the tokens. Each backend extends
 * this class.
 */
public abstract class TokenStoreContractTests {

	protected final MutableClock clock = new MutableClock();

	private final String appId = TestServices.randomAppId();

	/**
	 * Returns a store of an appid on the backend under test; stores of one appid share
	 * their tokens.
	 */
	protected abstract TokenStore createStore(String appId, Clock clock);

	/**
	 * Returns how many rows or keys the backend holds for one user of an appid.
	 */
	protected abstract long countEntries(String appId, String openid);

	@Test
	void returnsNothingForAUserWithoutToken() {
		assertThat(store().getToken("o-nobody")).isEmpty();
	}

	@Test
	void savesAndReadsEveryFieldOfAToken() {
		TokenStore store = store();
		UserToken token = new UserToken("access-1", 7200, "refresh-1", "o-user", "snsapi_base,snsapi_userinfo",
				"union-1", this.clock.instant().minusSeconds(60));
		store.saveToken("o-user", token);
		assertThat(store.getToken("o-user")).contains(token);
		assertThat(createStore(this.appId, this.clock).getToken("o-user")).contains(token);
	}

	@Test
	void keepsTheMarkOfASnapshotUser() {
		TokenStore store = store();
		UserToken snapshot = new UserToken("access-1", 7200, "refresh-1", "o-snapshot", "snsapi_base", null,
				this.clock.instant(), true);
		UserToken real = new UserToken("access-2", 7200, "refresh-2", "o-real", "snsapi_base", null,
				this.clock.instant(), false);
		store.saveToken("o-snapshot", snapshot);
		store.saveToken("o-real", real);
		assertThat(createStore(this.appId, this.clock).getToken("o-snapshot")).contains(snapshot);
		assertThat(createStore(this.appId, this.clock).getToken("o-real")).contains(real);
	}

	@Test
	void keepsATokenWithoutUnionid() {
		TokenStore store = store();
		UserToken token = new UserToken("access-1", 7200, "refresh-1", "o-user", "snsapi_base", null,
				this.clock.instant());
		store.saveToken("o-user", token);
		assertThat(store.getToken("o-user")).contains(token);
	}

	@Test
	void replacesTheTokenOfAUser() {
		TokenStore store = store();
		store.saveToken("o-user", token("o-user", "access-1"));
		UserToken second = token("o-user", "access-2");
		store.saveToken("o-user", second);
		assertThat(store.getToken("o-user")).contains(second);
		assertThat(countEntries(this.appId, "o-user")).isOne();
	}

	@Test
	void removesTheTokenOfAUserOnly() {
		TokenStore store = store();
		store.saveToken("o-one", token("o-one", "access-1"));
		store.saveToken("o-two", token("o-two", "access-2"));
		store.removeToken("o-one");
		assertThat(store.getToken("o-one")).isEmpty();
		assertThat(store.getToken("o-two")).isPresent();
		assertThat(countEntries(this.appId, "o-one")).isZero();
	}

	@Test
	void removingAnAbsentTokenDoesNothing() {
		TokenStore store = store();
		store.removeToken("o-nobody");
		assertThat(store.getToken("o-nobody")).isEmpty();
	}

	@Test
	void keepsATokenUntilItsRefreshTokenExpires() {
		TokenStore store = store();
		UserToken token = token("o-user", "access-1");
		store.saveToken("o-user", token);
		this.clock.advance(UserToken.REFRESH_TOKEN_LIFETIME.minusMillis(1));
		assertThat(store.getToken("o-user")).contains(token);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(store.getToken("o-user")).isEmpty();
	}

	@Test
	void keepsATokenWhoseAccessTokenExpired() {
		TokenStore store = store();
		UserToken token = token("o-user", "access-1");
		store.saveToken("o-user", token);
		this.clock.advance(Duration.ofHours(3));
		assertThat(store.getToken("o-user")).contains(token);
	}

	@Test
	void savingATokenWhoseRefreshTokenExpiredLeavesNone() {
		TokenStore store = store();
		store.saveToken("o-user", token("o-user", "access-1"));
		UserToken old = new UserToken("access-0", 7200, "refresh-0", "o-user", "snsapi_base", null,
				this.clock.instant().minus(UserToken.REFRESH_TOKEN_LIFETIME).minusSeconds(1));
		store.saveToken("o-user", old);
		assertThat(store.getToken("o-user")).isEmpty();
	}

	@Test
	void keepsTheTokensOfTwoAppidsApart() {
		String otherAppId = TestServices.randomAppId();
		TokenStore store = store();
		TokenStore other = createStore(otherAppId, this.clock);
		UserToken mine = token("o-user", "access-mine");
		UserToken theirs = token("o-user", "access-theirs");
		store.saveToken("o-user", mine);
		assertThat(other.getToken("o-user")).isEmpty();
		other.saveToken("o-user", theirs);
		assertThat(store.getToken("o-user")).contains(mine);
		assertThat(other.getToken("o-user")).contains(theirs);
		other.removeToken("o-user");
		assertThat(store.getToken("o-user")).contains(mine);
		assertThat(other.getToken("o-user")).isEmpty();
	}

	@Test
	void tellsOpenidsApartByCase() {
		TokenStore store = store();
		UserToken upper = token("oUSER", "access-upper");
		UserToken lower = token("ouser", "access-lower");
		store.saveToken("oUSER", upper);
		store.saveToken("ouser", lower);
		assertThat(store.getToken("oUSER")).contains(upper);
		assertThat(store.getToken("ouser")).contains(lower);
	}

	@Test
	void keepsUnicodeAnd512CharacterValues() {
		TokenStore store = store();
		String openid = "o-用户-é";
		String accessToken = "令牌\"\\😀-a".repeat(64);
		String refreshToken = "r".repeat(512);
		assertThat(accessToken).hasSize(512);
		UserToken token = new UserToken(accessToken, 7200, refreshToken, openid, "snsapi_userinfo",
				"联合-" + "u".repeat(100), this.clock.instant());
		store.saveToken(openid, token);
		assertThat(store.getToken(openid)).contains(token);
		assertThat(createStore(this.appId, this.clock).getToken(openid)).contains(token);
	}

	@Test
	void concurrentSavesToOneUserEndInOneOfTheWrittenTokens() throws Exception {
		int threads = 16;
		int savesPerThread = 500;
		TokenStore store = store();
		Set<UserToken> written = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < savesPerThread; i++) {
						UserToken token = token("o-busy", "access-" + thread + "-" + i);
						written.add(token);
						store.saveToken("o-busy", token);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(written).hasSize(threads * savesPerThread);
		assertThat(store.getToken("o-busy")).hasValueSatisfying((token) -> assertThat(written).contains(token));
		assertThat(countEntries(this.appId, "o-busy")).isOne();
	}

	private TokenStore store() {
		return createStore(this.appId, this.clock);
	}

	private UserToken token(String openid, String accessToken) {
		return new UserToken(accessToken, 7200, "refresh-" + accessToken, openid, "snsapi_userinfo", "union-1",
				this.clock.instant());
	}

	/**
	 * Returns the appid of this test's stores.
	 */
	protected String appId() {
		return this.appId;
	}

}
