package io.github.wechatoauth.store;

import java.time.Instant;

/**
 * The right, for a while, to act on one key on behalf of every process that shares a
 * {@link SharedStore}, such as refreshing a credential.
 *
 * @param key the key
 * @param owner a random token that identifies this holder; only the holder can release
 * the lease
 * @param expiresAt when the lease lapses if it is not released, so that a holder that
 * dies blocks no one for long
 */
public record Lease(String key, String owner, Instant expiresAt) {

}
