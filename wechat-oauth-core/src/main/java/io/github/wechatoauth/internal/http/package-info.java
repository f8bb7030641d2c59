/**
 * The one place that speaks HTTP to WeChat: request building, lenient JSON decoding and
 * error mapping. Internal: use {@link io.github.wechatoauth.WechatOAuthClient}.
 */
@NullMarked
package io.github.wechatoauth.internal.http;

import org.jspecify.annotations.NullMarked;
