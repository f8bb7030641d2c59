package io.github.wechatoauth.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The accounts of {@code wechat.*} and {@code wechat.apps.<name>.*}, read and checked
 * once; the clients, stores, message endpoints, QR log-in and Spring Security
 * registrations are made by iterating them.
 */
final class WechatAccounts {

	private final @Nullable WechatAccount defaultAccount;

	private final List<WechatAccount> named;

	private final @Nullable WechatAccount website;

	WechatAccounts(WechatProperties properties) {
		this.defaultAccount = (properties.getAppid() != null) ? WechatAccount.ofDefault(properties) : null;
		List<WechatAccount> named = new ArrayList<>();
		properties.getApps().forEach((name, account) -> named.add(WechatAccount.ofNamed(name, account)));
		this.named = List.copyOf(named);
		this.website = (properties.getWebsite().getAppid() != null) ? WechatAccount.ofWebsite(properties) : null;
	}

	/**
	 * Returns the account of {@code wechat.*}, when {@code wechat.appid} is set.
	 * @return the account, or empty
	 */
	public Optional<WechatAccount> getDefault() {
		return Optional.ofNullable(this.defaultAccount);
	}

	/**
	 * Returns the accounts of {@code wechat.apps.<name>.*}, in the order of their
	 * configuration.
	 * @return the named accounts; empty if there are none
	 */
	public List<WechatAccount> getNamed() {
		return this.named;
	}

	/**
	 * Returns the website application of {@code wechat.website.*}, when
	 * {@code wechat.website.appid} is set.
	 * @return the website application, or empty
	 */
	public Optional<WechatAccount> getWebsite() {
		return Optional.ofNullable(this.website);
	}

	/**
	 * Returns every account: that of {@code wechat.*} first, when it is set, and the
	 * website application last.
	 * @return the accounts
	 */
	public List<WechatAccount> getAll() {
		List<WechatAccount> all = new ArrayList<>();
		getDefault().ifPresent(all::add);
		all.addAll(this.named);
		getWebsite().ifPresent(all::add);
		return all;
	}

	/**
	 * Returns the account of {@code wechat.*}, or stops start-up saying to set
	 * {@code wechat.appid}.
	 */
	WechatAccount requireDefault(WechatProperties properties) {
		return (this.defaultAccount != null) ? this.defaultAccount : WechatAccount.ofDefault(properties);
	}

	/**
	 * Tells whether any {@code wechat.apps.<name>.*} property is set, before the
	 * properties are bound: for conditions.
	 */
	static boolean namedConfigured(Environment environment) {
		return !namedProperties(environment).isEmpty();
	}

	/**
	 * Returns the {@code wechat.apps} properties by their names relative to it, such as
	 * {@code shop.token}, before the properties are bound: for conditions.
	 */
	static Map<String, String> namedProperties(Environment environment) {
		return Binder.get(environment)
			.bind(WechatAccount.APPS_PREFIX, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
	}

	@Override
	public String toString() {
		return "WechatAccounts" + getAll().stream().map(WechatAccount::prefix).toList();
	}

}
