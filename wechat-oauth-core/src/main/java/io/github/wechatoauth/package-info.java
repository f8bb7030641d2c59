/**
 * The WeChat Official Account SDK: start with
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 */
@NullMarked
package io.github.wechatoauth;

import org.jspecify.annotations.NullMarked;
