package io.github.wechatoauth.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * The {@code wechat} section of the {@code info} endpoint: each account's appid, masked,
 * and the store that keeps their state. Never a secret or a token.
 */
public final class WechatInfoContributor implements InfoContributor {

	private final Map<String, String> appIds;

	private final String storeName;

	/**
	 * Creates the contributor.
	 * @param appIds the appid of each account, by the prefix of its properties
	 * @param storeName what the store is, such as {@code RedisSharedStore}
	 */
	public WechatInfoContributor(Map<String, String> appIds, String storeName) {
		this.appIds = new LinkedHashMap<>(appIds);
		this.storeName = storeName;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, String> accounts = new LinkedHashMap<>();
		this.appIds.forEach((account, appId) -> accounts.put(account, WechatHealth.maskAppId(appId)));
		Map<String, Object> wechat = new LinkedHashMap<>();
		wechat.put("accounts", accounts);
		wechat.put("store", this.storeName);
		builder.withDetail("wechat", wechat);
	}

}
