package io.github.wechatoauth.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.wechatoauth.WechatOAuthClient;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The Spring Security client registrations of the WeChat accounts, and the
 * {@link WechatOAuthClient} behind each. A registration is WeChat's when its client id is
 * the appid of one of the clients, whatever its registration id; the resolver, the token
 * client and the user service of this package serve such registrations through that
 * client, and hand every other registration to Spring Security.
 * <p>
 * An application that declares its own {@code ClientRegistrationRepository} adds
 * {@link #getRegistrations()} to it to keep WeChat's.
 */
public final class WechatClientRegistrations {

	private final List<ClientRegistration> registrations;

	private final Map<String, WechatOAuthClient> clientsByAppId;

	private final Set<String> allowingSnapshotUsers;

	/**
	 * Creates the registrations of WeChat accounts, none of which lets snapshot users in.
	 * @param registrations the registrations, each with the appid of one of the clients
	 * as its client id
	 * @param clients the clients of the accounts; for an appid given twice, the first
	 */
	public WechatClientRegistrations(List<ClientRegistration> registrations, Collection<WechatOAuthClient> clients) {
		this(registrations, clients, Set.of());
	}

	/**
	 * Creates the registrations of WeChat accounts.
	 * @param registrations the registrations, each with the appid of one of the clients
	 * as its client id
	 * @param clients the clients of the accounts; for an appid given twice, the first
	 * @param allowingSnapshotUsers the ids of the registrations that let snapshot users
	 * log in ({@code wechat.login.allow-snapshot-users})
	 */
	public WechatClientRegistrations(List<ClientRegistration> registrations, Collection<WechatOAuthClient> clients,
			Set<String> allowingSnapshotUsers) {
		this.allowingSnapshotUsers = Set.copyOf(allowingSnapshotUsers);
		this.registrations = List.copyOf(registrations);
		Map<String, WechatOAuthClient> clientsByAppId = new LinkedHashMap<>();
		clients.forEach((client) -> clientsByAppId.putIfAbsent(client.getAppId(), client));
		this.clientsByAppId = clientsByAppId;
	}

	/**
	 * Returns the registrations.
	 * @return the registrations, such as {@code wechat} and {@code wechat-web}
	 */
	public List<ClientRegistration> getRegistrations() {
		return this.registrations;
	}

	/**
	 * Returns the client that serves a registration, if it is WeChat's.
	 * @param registration any client registration
	 * @return the client whose appid is the registration's client id, or empty for
	 * another provider's registration
	 */
	public Optional<WechatOAuthClient> findClient(ClientRegistration registration) {
		return findClient(registration.getClientId());
	}

	/**
	 * Returns the client of an appid, if it is one of the accounts'.
	 * @param clientId the client id of a registration or an authorization request
	 * @return the client whose appid it is, or empty
	 */
	public Optional<WechatOAuthClient> findClient(String clientId) {
		return Optional.ofNullable(this.clientsByAppId.get(clientId));
	}

	/**
	 * Tells whether a registration lets snapshot users log in: users who opened the page
	 * from a Moments snapshot, with a virtual openid.
	 * @param registration a WeChat registration
	 * @return whether its account sets {@code login.allow-snapshot-users}
	 */
	public boolean allowsSnapshotUsers(ClientRegistration registration) {
		return this.allowingSnapshotUsers.contains(registration.getRegistrationId());
	}

	@Override
	public String toString() {
		return "WechatClientRegistrations"
				+ this.registrations.stream().map(ClientRegistration::getRegistrationId).toList();
	}

}
