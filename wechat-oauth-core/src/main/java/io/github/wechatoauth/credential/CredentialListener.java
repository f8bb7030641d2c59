package io.github.wechatoauth.credential;

import java.time.Duration;
import java.util.List;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.store.StoreListener;

/**
 * Hears what happens to the app-wide credentials of one client, for metrics: set one with
 * {@link io.github.wechatoauth.WechatOAuthClient.Builder#credentialListener}. The Spring
 * Boot starter binds one to Micrometer when a {@code MeterRegistry} bean exists.
 * <p>
 * Each method is given the credential's kind, {@value AppCredentials#ACCESS_TOKEN} or
 * {@value AppCredentials#JSAPI_TICKET}, and never a credential's value. The methods are
 * called on the caller's thread, so they must be quick and must not block; an exception
 * they throw is logged and otherwise ignored. Every method does nothing by default.
 * <p>
 * As a {@link StoreListener}, it also hears when the client's stores stop answering
 * within their budget, and when they answer again.
 */
public interface CredentialListener extends StoreListener {

	/** A listener that does nothing: the default. */
	CredentialListener NONE = new CredentialListener() {
	};

	/**
	 * Returns one listener that tells each of several, in order; one that throws does not
	 * keep the others from being told (its first failure is logged).
	 * @param listeners the listeners
	 * @return {@link #NONE} for none, the listener itself for one
	 */
	static CredentialListener composite(List<CredentialListener> listeners) {
		return CompositeCredentialListener.of(listeners);
	}

	/**
	 * A caller was served from this process's memory, without a store round trip or a
	 * wait. Called on almost every call, so it must cost no more than a counter
	 * increment.
	 * @param kind the credential's kind
	 */
	default void onCacheHit(String kind) {
	}

	/**
	 * This process fetched a new value from WeChat and stored it for every instance.
	 * @param kind the credential's kind
	 */
	default void onFetch(String kind) {
	}

	/**
	 * A caller found no valid value in memory and waited for another thread or instance
	 * to refresh it, successfully or not.
	 * @param kind the credential's kind
	 * @param waited how long the caller waited, at most the policy's
	 * {@link CredentialPolicy#maxWait()} and a poll
	 */
	default void onWait(String kind, Duration waited) {
	}

	/**
	 * WeChat rejected a value (errcode 40001, 40014 or 42001) and this process dropped it
	 * from memory, and from the store if the store still held it. Called once per
	 * rejected value, however many calls saw it rejected.
	 * @param kind the credential's kind
	 */
	default void onInvalidation(String kind) {
	}

	/**
	 * A refresh by this process failed, or a caller gave up waiting. Called once when
	 * WeChat or the store fails a refresh (also one ahead of expiry, after which the
	 * current value stays in use), not again for the callers handed the same failure
	 * within the following second; once when the wait for another instance's refresh ran
	 * out; and once for each caller whose {@code max-wait} ran out while another thread
	 * of this process was still refreshing (that caller gets {@code cause}, though the
	 * refresh may still succeed). So a rising count means callers are being failed or
	 * refreshes are failing: WeChat answering slower than {@code max-wait} shows here.
	 * @param kind the credential's kind
	 * @param cause the failure, free of secrets
	 */
	default void onFailure(String kind, WechatException cause) {
	}

}
