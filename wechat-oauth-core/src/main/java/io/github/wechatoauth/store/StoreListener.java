package io.github.wechatoauth.store;

import java.time.Duration;

import io.github.wechatoauth.WechatException;

/**
 * Hears when a store stops answering within its budget and when it answers again, for
 * metrics and alerts. {@link io.github.wechatoauth.credential.CredentialListener} extends
 * it, so a client's listener hears about its stores. Each method is called once per
 * outage, on the thread of the call that noticed; it must be quick. Every method does
 * nothing by default.
 */
public interface StoreListener {

	/** A listener that does nothing. */
	StoreListener NONE = new StoreListener() {
	};

	/**
	 * A store call failed or did not answer within its budget: the store is taken as
	 * down, and skipped until a probe succeeds.
	 * @param store which store: {@value BoundedSharedStore#NAME} or
	 * {@value BoundedTokenStore#NAME}
	 * @param cause the failure, free of secrets
	 */
	default void onStoreUnavailable(String store, WechatException cause) {
	}

	/**
	 * A store taken as down answered again.
	 * @param store which store: {@value BoundedSharedStore#NAME} or
	 * {@value BoundedTokenStore#NAME}
	 * @param unavailableFor how long it was taken as down
	 */
	default void onStoreAvailable(String store, Duration unavailableFor) {
	}

}
