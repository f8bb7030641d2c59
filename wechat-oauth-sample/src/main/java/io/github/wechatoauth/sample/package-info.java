/**
 * The sample app: every feature of wechat-oauth, runnable with no WeChat account.
 */
@NullMarked
package io.github.wechatoauth.sample;

import org.jspecify.annotations.NullMarked;
