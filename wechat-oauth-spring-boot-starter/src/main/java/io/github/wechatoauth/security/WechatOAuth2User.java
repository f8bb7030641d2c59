package io.github.wechatoauth.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.wechatoauth.oauth.UserInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * A user logged in with WeChat: the principal of {@code oauth2Login()} for a WeChat
 * registration. Its name is the openid; its attributes are those of {@code sns/userinfo}
 * ({@code openid}, {@code nickname}, {@code sex}, {@code province}, {@code city},
 * {@code country}, {@code headimgurl}, {@code privilege} and {@code unionid} when there
 * is one), or only {@code openid} (and {@code unionid}) after a silent
 * {@code snsapi_base} authorization or for a snapshot user, who also has
 * {@code is_snapshotuser} set to {@code true}.
 */
public final class WechatOAuth2User implements OAuth2User, Serializable {

	/** Serialization version. */
	@Serial
	private static final long serialVersionUID = 1L;

	/** Name of the attribute that holds the openid, the user's name. */
	public static final String OPENID = "openid";

	/**
	 * Name of the attribute, {@code true} when present, that marks a snapshot user (see
	 * {@link #isSnapshotUser()}).
	 */
	public static final String SNAPSHOT_USER = "is_snapshotuser";

	/** Attributes of the user. */
	private final Map<String, Object> attributes;

	/** Authorities of the user. */
	private final Set<GrantedAuthority> authorities;

	/**
	 * Creates a user.
	 * @param attributes the user's attributes, with a non-empty {@code openid}
	 * @param authorities the user's authorities
	 * @throws IllegalArgumentException if there is no openid
	 */
	public WechatOAuth2User(Map<String, Object> attributes, Collection<? extends GrantedAuthority> authorities) {
		if (!(attributes.get(OPENID) instanceof String openid) || openid.isEmpty()) {
			throw new IllegalArgumentException("attributes must hold a non-empty openid");
		}
		this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
		this.authorities = Collections.unmodifiableSet(new LinkedHashSet<>(authorities));
	}

	/**
	 * Returns the attributes of a user's info.
	 * @param info the user's info from {@code sns/userinfo}
	 * @return {@code openid}, {@code nickname}, {@code sex}, {@code province},
	 * {@code city}, {@code country}, {@code headimgurl}, {@code privilege}, and
	 * {@code unionid} when there is one
	 */
	public static Map<String, Object> attributes(UserInfo info) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(OPENID, info.openid());
		attributes.put("nickname", info.nickname());
		attributes.put("sex", info.sex());
		attributes.put("province", info.province());
		attributes.put("city", info.city());
		attributes.put("country", info.country());
		attributes.put("headimgurl", info.headImgUrl());
		attributes.put("privilege", info.privilege());
		if (info.unionid() != null) {
			attributes.put("unionid", info.unionid());
		}
		return attributes;
	}

	/**
	 * Returns the attributes of a user known by openid only, as after
	 * {@code snsapi_base}.
	 * @param openid the user's openid
	 * @param unionid the user's unionid, or {@code null}
	 * @return {@code openid}, and {@code unionid} when there is one
	 */
	public static Map<String, Object> attributes(String openid, @Nullable String unionid) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(OPENID, openid);
		if (unionid != null) {
			attributes.put("unionid", unionid);
		}
		return attributes;
	}

	/**
	 * Returns the attributes of a snapshot user: someone who opened the page from a
	 * Moments snapshot, whose openid and unionid WeChat made up.
	 * @param openid the user's virtual openid
	 * @param unionid the user's virtual unionid, or {@code null}
	 * @return {@code openid}, {@code unionid} when there is one, and
	 * {@code is_snapshotuser} {@code true}
	 */
	public static Map<String, Object> snapshotUserAttributes(String openid, @Nullable String unionid) {
		Map<String, Object> attributes = attributes(openid, unionid);
		attributes.put(SNAPSHOT_USER, true);
		return attributes;
	}

	/**
	 * Tells whether this is a snapshot user: WeChat answered {@code is_snapshotuser=1}
	 * because the page was opened from a Moments snapshot, so the openid and unionid are
	 * virtual. Such users are let in only where {@code wechat.login.allow-snapshot-users}
	 * is {@code true}; never merge one into a real account.
	 * @return whether the user is a snapshot user
	 */
	public boolean isSnapshotUser() {
		return Boolean.TRUE.equals(this.attributes.get(SNAPSHOT_USER));
	}

	/**
	 * Returns the user's openid, which is also their name.
	 * @return the openid for the account they logged in with
	 */
	public String getOpenid() {
		return (String) Objects.requireNonNull(this.attributes.get(OPENID));
	}

	/**
	 * Returns the user's unionid.
	 * @return the unionid, or {@code null} when the account is bound to no Open Platform
	 * account
	 */
	public @Nullable String getUnionid() {
		return (String) this.attributes.get("unionid");
	}

	/**
	 * Returns the user's nickname.
	 * @return the nickname, or {@code null} after {@code snsapi_base}
	 */
	public @Nullable String getNickname() {
		return (String) this.attributes.get("nickname");
	}

	/**
	 * Returns the URL of the user's avatar.
	 * @return the URL, empty if the user has none, or {@code null} after
	 * {@code snsapi_base}
	 */
	public @Nullable String getHeadImgUrl() {
		return (String) this.attributes.get("headimgurl");
	}

	@Override
	public String getName() {
		return getOpenid();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof WechatOAuth2User that && this.attributes.equals(that.attributes)
				&& this.authorities.equals(that.authorities));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.attributes, this.authorities);
	}

	@Override
	public String toString() {
		// The nickname and the avatar are personal data: the openid says who it is.
		return "WechatOAuth2User[openid=" + getOpenid() + ", authorities=" + this.authorities + "]";
	}

}
