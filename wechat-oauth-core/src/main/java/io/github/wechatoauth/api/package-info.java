/**
 * Calls to any WeChat API that takes the app access token, with the token the client
 * manages: {@link io.github.wechatoauth.api.WechatApi}, from
 * {@link io.github.wechatoauth.WechatOAuthClient#api()}.
 */
@NullMarked
package io.github.wechatoauth.api;

import org.jspecify.annotations.NullMarked;
