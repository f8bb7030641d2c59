package io.github.wechatoauth.clients;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.wechatoauth.WechatOAuthClient;
import org.jspecify.annotations.Nullable;

/**
 * The clients of the accounts that {@code wechat.apps.<name>.*} configures, by name; the
 * account of {@code wechat.appid}, when it is set, is the {@link WechatOAuthClient} bean
 * instead. Each client keeps its state in the store that {@code wechat.store.*} chose,
 * scoped by its appid. <pre>{@code
 * WechatOAuthClient shop = clients.get("shop"); // wechat.apps.shop.*
 * }</pre> Closing it (the container does) closes each client, which releases the
 * transport a client made itself.
 */
public final class WechatOAuthClients implements AutoCloseable {

	private final Map<String, WechatOAuthClient> clients;

	private final @Nullable WechatOAuthClient website;

	/**
	 * Creates the clients of named accounts.
	 * @param clients the clients by account name, in the order to keep
	 * @param website the client of the website application of {@code wechat.website.*},
	 * or {@code null}
	 */
	public WechatOAuthClients(Map<String, WechatOAuthClient> clients, @Nullable WechatOAuthClient website) {
		this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
		this.website = website;
	}

	/**
	 * Returns the client of the Open Platform website application of
	 * {@code wechat.website.*}: the one whose {@code getAuthorizeUrlForWebsite} link and
	 * code exchange serve website QR login.
	 * @return the client, or empty when {@code wechat.website.appid} is not set
	 */
	public Optional<WechatOAuthClient> getWebsite() {
		return Optional.ofNullable(this.website);
	}

	/**
	 * Returns the names of the accounts, in the order of their configuration.
	 * @return the names, such as {@code shop} for {@code wechat.apps.shop.*}; empty if
	 * there are none
	 */
	public Set<String> getNames() {
		return this.clients.keySet();
	}

	/**
	 * Returns the client of an account.
	 * @param name the account's name, such as {@code shop} for {@code wechat.apps.shop.*}
	 * @return the client
	 * @throws IllegalArgumentException if no account has that name
	 */
	public WechatOAuthClient get(String name) {
		WechatOAuthClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No WeChat account is named '" + name + "': "
					+ (this.clients.isEmpty() ? "wechat.apps configures none"
							: "wechat.apps configures " + String.join(", ", this.clients.keySet())));
		}
		return client;
	}

	/**
	 * Closes every client of this registry; see {@link WechatOAuthClient#close()}.
	 */
	@Override
	public void close() {
		this.clients.values().forEach(WechatOAuthClient::close);
		if (this.website != null) {
			this.website.close();
		}
	}

	@Override
	public String toString() {
		return "WechatOAuthClients" + this.clients.keySet();
	}

}
