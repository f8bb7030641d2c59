package io.github.wechatoauth.sample.sandbox;

/**
 * A test user of the sandbox: who a person picks on the consent page.
 *
 * @param key a short name, used in forms, avatar links and {@code js_code} prefixes
 * @param openid the user's openid for the sandbox's app
 * @param unionid the user's unionid
 * @param nickname the WeChat nickname
 * @param initials what the generated avatar shows
 * @param color the avatar's background, a CSS colour
 */
public record SandboxUser(String key, String openid, String unionid, String nickname, String initials, String color) {

}
