package io.github.wechatoauth.credential;

import java.time.Instant;

/**
 * The right, for a while, to refresh one credential on behalf of every process that
 * shares a {@link CredentialStore}.
 *
 * @param key the credential's key
 * @param owner a random token that identifies this holder; only the holder can release
 * the lease
 * @param expiresAt when the lease lapses if it is not released, so that a holder that
 * dies blocks no one for long
 */
public record CredentialLease(String key, String owner, Instant expiresAt) {

}
