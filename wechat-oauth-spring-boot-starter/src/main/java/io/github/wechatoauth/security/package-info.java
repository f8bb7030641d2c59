/**
 * Spring Security login with WeChat: {@code http.oauth2Login()} with the WeChat accounts'
 * client registrations, WeChat's authorization link, its token exchange through
 * {@link io.github.wechatoauth.WechatOAuthClient}, and {@link WechatOAuth2User}.
 */
@NullMarked
package io.github.wechatoauth.security;

import org.jspecify.annotations.NullMarked;
