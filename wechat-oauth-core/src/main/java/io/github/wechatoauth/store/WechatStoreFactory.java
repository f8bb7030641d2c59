package io.github.wechatoauth.store;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;

/**
 * Gives the stores of any appid on one backend (memory, Redis or JDBC), so that every
 * account of an application keeps its state in one place, scoped by appid. The Spring
 * Boot starter declares the one that {@code wechat.store.*} chose; declare a bean of this
 * type to keep every account's state elsewhere.
 */
public interface WechatStoreFactory {

	/**
	 * Returns the store of an appid's user tokens; the same store for the same appid.
	 * @param appId the appid
	 * @return the store
	 */
	TokenStore tokenStore(String appId);

	/**
	 * Returns the store of an appid's access token and ticket; the same store for the
	 * same appid.
	 * @param appId the appid
	 * @return the store
	 */
	SharedStore sharedStore(String appId);

	/**
	 * Returns a factory of stores in this process's memory: right for a single instance;
	 * the state is lost on restart.
	 * @param clock the clock that judges expiry
	 * @return the factory
	 */
	static WechatStoreFactory inMemory(Clock clock) {
		Map<String, TokenStore> tokenStores = new ConcurrentHashMap<>();
		Map<String, SharedStore> sharedStores = new ConcurrentHashMap<>();
		return new WechatStoreFactory() {

			@Override
			public TokenStore tokenStore(String appId) {
				return tokenStores.computeIfAbsent(appId, (key) -> new InMemoryTokenStore(clock));
			}

			@Override
			public SharedStore sharedStore(String appId) {
				return sharedStores.computeIfAbsent(appId, (key) -> new InMemorySharedStore(clock));
			}

			@Override
			public String toString() {
				return "WeChat stores in memory";
			}

		};
	}

}
