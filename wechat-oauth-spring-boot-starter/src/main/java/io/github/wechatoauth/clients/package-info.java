/**
 * The application's WeChat clients by account name: what the starter builds for
 * {@code wechat.apps.<name>.*} and {@code wechat.website.*}.
 */
@NullMarked
package io.github.wechatoauth.clients;

import org.jspecify.annotations.NullMarked;
