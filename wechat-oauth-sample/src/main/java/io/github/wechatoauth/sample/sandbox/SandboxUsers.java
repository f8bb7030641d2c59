package io.github.wechatoauth.sample.sandbox;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The sandbox's three test users. The first is the one {@code snsapi_base} logs in
 * silently.
 */
@Component
@ConditionalOnSandbox
public class SandboxUsers {

	private final List<SandboxUser> users = List.of(
			new SandboxUser("xiaoming", "oSbx4Wang_XiaoMing7Tq2LpZ9cA", "oUbx4Wang_XiaoMing5Hc8MzR2dW", "王小明", "XM",
					"#07c160"),
			new SandboxUser("lilei", "oSbx8Li_Lei3Kd5Hv1RwY6pNeB0x", "oUbx8Li_Lei7Wp3Jn9FbT4kCyE1s", "李雷🐼", "LL",
					"#1485ee"),
			new SandboxUser("hanmeimei", "oSbx2Han_MeiMei6Gj8Xs4UaQ1mK", "oUbx2Han_MeiMei1Zv6Qe3LsP8xF", "韩梅梅", "HM",
					"#fa9d3b"));

	/**
	 * Returns every test user, the default first.
	 * @return the users
	 */
	public List<SandboxUser> all() {
		return this.users;
	}

	/**
	 * Returns the user that silent ({@code snsapi_base}) authorization logs in.
	 * @return the first user
	 */
	public SandboxUser defaultUser() {
		return this.users.get(0);
	}

	/**
	 * Finds a user by key.
	 * @param key the user's key, such as {@code lilei}
	 * @return the user, if there is one with that key
	 */
	public Optional<SandboxUser> byKey(@Nullable String key) {
		return this.users.stream().filter((user) -> user.key().equals(key)).findFirst();
	}

	/**
	 * Finds a user by openid.
	 * @param openid the user's openid
	 * @return the user, if there is one with that openid
	 */
	public Optional<SandboxUser> byOpenid(@Nullable String openid) {
		return this.users.stream().filter((user) -> user.openid().equals(openid)).findFirst();
	}

}
