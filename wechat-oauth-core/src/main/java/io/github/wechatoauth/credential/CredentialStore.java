package io.github.wechatoauth.credential;

import java.time.Duration;
import java.util.Optional;

/**
 * Keeps app-wide credentials (the access token, the {@code jsapi_ticket}) for one app
 * (appid), shared by every process that uses the same store, with a lease so that one
 * process refreshes a credential while the others wait for its result. Implementations
 * are thread-safe and judge expiry by their own {@link java.time.Clock}.
 * <p>
 * The in-memory {@link InMemoryCredentialStore} is the default; the Spring Boot starter
 * adds Redis and JDBC stores. A store that cannot reach its server throws a
 * {@link io.github.wechatoauth.WechatTransportException} within its timeout.
 */
public interface CredentialStore {

	/**
	 * Returns the credential stored under a key.
	 * @param key the credential's key, such as {@code access_token}
	 * @return the credential, or empty if none is stored or it has expired
	 */
	Optional<StoredCredential> get(String key);

	/**
	 * Stores a credential under a key, replacing any; the store forgets it at
	 * {@link StoredCredential#expiresAt()}.
	 * @param key the credential's key
	 * @param credential the credential
	 */
	void put(String key, StoredCredential credential);

	/**
	 * Removes the credential under a key only if it still holds a given value
	 * (compare-and-delete), so that a process invalidating an old token never removes the
	 * new one another process just stored.
	 * @param key the credential's key
	 * @param expectedValue the value to remove
	 * @return whether a credential was removed
	 */
	boolean remove(String key, String expectedValue);

	/**
	 * Tries to take the lease of a key. At most one holder has an unexpired lease on a
	 * key at any time.
	 * @param key the key
	 * @param ttl how long the lease lasts unless released
	 * @return the lease, or empty if another holder's lease has not expired
	 */
	Optional<CredentialLease> tryAcquireLease(String key, Duration ttl);

	/**
	 * Releases a lease if its owner still holds it (compare-and-delete); does nothing
	 * otherwise.
	 * @param lease the lease
	 */
	void releaseLease(CredentialLease lease);

}
