package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.oauth.Scope;

/**
 * Spring Security login properties: the client registrations of the account, when
 * spring-security-oauth2-client is on the classpath.
 */
public class WechatLoginProperties {

	/**
	 * Scope of the account's client registration ("wechat", or "wechat-<name>" for
	 * wechat.apps.<name>): "snsapi_userinfo" (consent page; nickname and avatar),
	 * "snsapi_base" (silent; openid only) or "snsapi_login" (website QR login, for the
	 * appid of an Open Platform website application).
	 */
	private Scope scope = Scope.SNSAPI_USERINFO;

	/**
	 * Whether to register "wechat-web", website QR login (connect/qrconnect, scope
	 * snsapi_login), when wechat.website.appid and wechat.website.secret are set. Read
	 * from wechat.login.website only.
	 */
	private boolean website = true;

	/**
	 * Whether Spring Security's login lets snapshot users in: people who opened the page
	 * from a Moments snapshot (WeChat's "is_snapshotuser": 1), whose openid and unionid
	 * are virtual. Refused by default with the error code "wechat_snapshot_user".
	 */
	private boolean allowSnapshotUsers;

	public Scope getScope() {
		return this.scope;
	}

	public void setScope(Scope scope) {
		this.scope = scope;
	}

	public boolean isWebsite() {
		return this.website;
	}

	public void setWebsite(boolean website) {
		this.website = website;
	}

	public boolean isAllowSnapshotUsers() {
		return this.allowSnapshotUsers;
	}

	public void setAllowSnapshotUsers(boolean allowSnapshotUsers) {
		this.allowSnapshotUsers = allowSnapshotUsers;
	}

}
