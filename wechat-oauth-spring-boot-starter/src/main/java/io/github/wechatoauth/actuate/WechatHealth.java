package io.github.wechatoauth.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.store.SharedStore;

/**
 * The health of wechat-oauth, in no Spring Boot line's types: whether the store answers
 * within its budget ({@code wechat.store.timeout}), and the last access token fetch of
 * each account. {@code DOWN} when the store does not answer or an account's last fetch
 * failed, {@code UP} otherwise; an account this process has not fetched a token for yet
 * shows {@code UNKNOWN}. The details hold masked appids, WeChat's error codes and times,
 * never a token or a secret.
 */
public final class WechatHealth {

	/** The key the store is read at, which holds nothing. */
	static final String PROBE_KEY = "health-probe";

	private final SharedStore store;

	private final String storeName;

	private final Duration storeTimeout;

	private final Map<String, String> appIds;

	private final AccessTokenOutcomes outcomes;

	/**
	 * Creates the health.
	 * @param store the store of the first account, bounded by its budget
	 * @param storeName what the store is, such as {@code RedisSharedStore}
	 * @param storeTimeout the store's budget, shown in the details
	 * @param appIds the appid of each account, by the prefix of its properties
	 * @param outcomes the last access token fetches
	 */
	public WechatHealth(SharedStore store, String storeName, Duration storeTimeout, Map<String, String> appIds,
			AccessTokenOutcomes outcomes) {
		this.store = store;
		this.storeName = storeName;
		this.storeTimeout = storeTimeout;
		this.appIds = new LinkedHashMap<>(appIds);
		this.outcomes = outcomes;
	}

	/**
	 * Checks the store and reads the outcomes.
	 * @return the status and its details
	 */
	public Report check() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean up = checkStore(details);
		Map<String, Object> accounts = new LinkedHashMap<>();
		for (Map.Entry<String, String> account : this.appIds.entrySet()) {
			Map<String, Object> accountDetails = new LinkedHashMap<>();
			accountDetails.put("appid", maskAppId(account.getValue()));
			AccessTokenOutcomes.Outcome last = this.outcomes.last(account.getKey());
			if (last == null) {
				accountDetails.put("accessToken", "UNKNOWN");
			}
			else if (last.succeeded()) {
				accountDetails.put("accessToken", "UP");
				accountDetails.put("fetchedAt", last.at().toString());
			}
			else {
				up = false;
				accountDetails.put("accessToken", "DOWN");
				if (last.errorCode() != null) {
					accountDetails.put("errorCode", last.errorCode());
				}
				accountDetails.put("error", last.error());
				accountDetails.put("failedAt", last.at().toString());
			}
			accounts.put(account.getKey(), accountDetails);
		}
		details.put("accounts", accounts);
		return new Report(up ? "UP" : "DOWN", details);
	}

	private boolean checkStore(Map<String, Object> details) {
		Map<String, Object> store = new LinkedHashMap<>();
		store.put("type", this.storeName);
		store.put("timeout", this.storeTimeout.toString());
		boolean up;
		try {
			this.store.get(PROBE_KEY);
			store.put("status", "UP");
			up = true;
		}
		catch (WechatException | IllegalArgumentException ex) {
			// The type says enough; a store's message may name hosts or users.
			store.put("status", "DOWN");
			store.put("error", ex.getClass().getSimpleName());
			up = false;
		}
		details.put("store", store);
		return up;
	}

	/**
	 * Masks an appid, keeping its first and last four characters: {@code wx12…cdef}.
	 * @param appId the appid
	 * @return the masked appid
	 */
	public static String maskAppId(String appId) {
		return (appId.length() <= 8) ? "…" : appId.substring(0, 4) + "…" + appId.substring(appId.length() - 4);
	}

	/**
	 * A check's result.
	 *
	 * @param status {@code UP} or {@code DOWN}
	 * @param details what was found
	 */
	public record Report(String status, Map<String, Object> details) {
	}

}
