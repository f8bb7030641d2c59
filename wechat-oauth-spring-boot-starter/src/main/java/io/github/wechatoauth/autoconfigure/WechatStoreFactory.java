package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;

/**
 * Gives the stores of any appid on the store that {@code wechat.store.*} chose (memory,
 * Redis or JDBC), so that every account of an application keeps its state in one place,
 * scoped by appid. Declare a bean of this type to keep every account's state elsewhere.
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

}
