/**
 * App-wide credentials (the access token and the {@code jsapi_ticket}), cached and
 * refreshed once per expiry through a {@link io.github.wechatoauth.store.SharedStore}.
 */
@NullMarked
package io.github.wechatoauth.credential;

import org.jspecify.annotations.NullMarked;
