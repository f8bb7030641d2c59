/**
 * The {@link io.github.wechatoauth.store.SharedStore}: short-lived values with leases
 * that every instance of an app shares (the access token, the {@code jsapi_ticket}, QR
 * log-in state, push de-duplication marks), and its in-memory backend. The Spring Boot
 * starter adds Redis and JDBC backends.
 */
@NullMarked
package io.github.wechatoauth.store;

import org.jspecify.annotations.NullMarked;
