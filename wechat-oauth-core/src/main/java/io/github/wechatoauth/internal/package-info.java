/**
 * The SDK's inside: argument checks and other pieces the public packages share. Not an
 * API: anything here may change in any release; use
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 */
@NullMarked
package io.github.wechatoauth.internal;

import org.jspecify.annotations.NullMarked;
