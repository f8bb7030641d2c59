package io.github.wechatoauth.store.redis;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.wechatoauth.credential.CredentialLease;
import io.github.wechatoauth.credential.CredentialStore;
import io.github.wechatoauth.credential.StoredCredential;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link CredentialStore} in Redis, for one appid, shared by every process that uses
 * the same Redis. A credential is a JSON value under
 * {@code <keyPrefix>:<appid>:credential:<kind>} that Redis expires at its
 * {@link StoredCredential#expiresAt()}.
 * <p>
 * A lease is a JSON value (owner and expiry) under
 * {@code <keyPrefix>:<appid>:credential-lease:<kind>}, taken with {@code SET NX PX}. Its
 * expiry is judged by the caller's {@link Clock}: a Lua script takes over a lease whose
 * stored expiry has passed, while {@code PX} removes a lease whose holder died even if no
 * one asks. Releasing and {@link #remove compare-and-delete} are Lua scripts too, so each
 * is one atomic step on the server. Instants are kept to the millisecond.
 */
public final class RedisCredentialStore implements CredentialStore {

	private static final Log logger = LogFactory.getLog(RedisCredentialStore.class);

	/** Deletes the credential if it holds the value ARGV[1]. */
	private static final RedisScript<Long> REMOVE_IF_VALUE = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
				local ok, credential = pcall(cjson.decode, current)
				if ok and type(credential) == 'table' and credential['value'] == ARGV[1] then
					return redis.call('DEL', KEYS[1])
				end
			end
			return 0
			""", Long.class);

	/**
	 * Sets the lease ARGV[1] for ARGV[3] ms unless an unexpired lease is held, judged by
	 * the caller's time ARGV[2] (epoch ms).
	 */
	private static final RedisScript<Long> TAKE_OVER_EXPIRED_LEASE = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
				local ok, lease = pcall(cjson.decode, current)
				if ok and type(lease) == 'table' then
					local expiresAt = tonumber(lease['expires_at'])
					if expiresAt and expiresAt > tonumber(ARGV[2]) then
						return 0
					end
				end
			end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
			return 1
			""", Long.class);

	/** Deletes the lease if its owner is ARGV[1]. */
	private static final RedisScript<Long> RELEASE_LEASE = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
				local ok, lease = pcall(cjson.decode, current)
				if ok and type(lease) == 'table' and lease['owner'] == ARGV[1] then
					return redis.call('DEL', KEYS[1])
				end
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String credentialKeyBase;

	private final String leaseKeyBase;

	private final Clock clock;

	/**
	 * Creates a store with the key prefix {@code wechat}, on the system clock.
	 * @param redis the Redis connection
	 * @param appId the appid whose credentials this store keeps
	 */
	public RedisCredentialStore(StringRedisTemplate redis, String appId) {
		this(redis, RedisStoreSupport.DEFAULT_KEY_PREFIX, appId, Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param redis the Redis connection
	 * @param keyPrefix the first part of every key
	 * @param appId the appid whose credentials this store keeps
	 * @param clock the clock that decides when credentials and leases expire
	 */
	public RedisCredentialStore(StringRedisTemplate redis, String keyPrefix, String appId, Clock clock) {
		this.redis = redis;
		String keyBase = RedisStoreSupport.keyBase(keyPrefix, appId);
		this.credentialKeyBase = keyBase + "credential:";
		this.leaseKeyBase = keyBase + "credential-lease:";
		this.clock = clock;
	}

	@Override
	public Optional<StoredCredential> get(String key) {
		String redisKey = credentialKey(key);
		String json = RedisStoreSupport.call("read the credential", redisKey,
				() -> this.redis.opsForValue().get(redisKey));
		if (json == null) {
			return Optional.empty();
		}
		StoredCredential credential = read(redisKey, json);
		if (credential == null || !this.clock.instant().isBefore(credential.expiresAt())) {
			return Optional.empty();
		}
		return Optional.of(credential);
	}

	@Override
	public void put(String key, StoredCredential credential) {
		String redisKey = credentialKey(key);
		Duration ttl = RedisStoreSupport.timeToLive(this.clock.instant(), credential.expiresAt());
		if (ttl == null) {
			// Already expired: replacing the stored credential with it leaves none.
			RedisStoreSupport.call("store the credential", redisKey, () -> this.redis.delete(redisKey));
			return;
		}
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("value", credential.value());
		fields.put("fetched_at", credential.fetchedAt().toEpochMilli());
		fields.put("expires_at", credential.expiresAt().toEpochMilli());
		String json = RedisStoreSupport.writeJson(fields);
		RedisStoreSupport.call("store the credential", redisKey, () -> {
			this.redis.opsForValue().set(redisKey, json, ttl);
			return null;
		});
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		String redisKey = credentialKey(key);
		Long removed = RedisStoreSupport.call("remove the credential", redisKey,
				() -> this.redis.execute(REMOVE_IF_VALUE, List.of(redisKey), expectedValue));
		return removed != null && removed > 0;
	}

	@Override
	public Optional<CredentialLease> tryAcquireLease(String key, Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive, was " + ttl);
		}
		String redisKey = leaseKey(key);
		Instant now = this.clock.instant();
		CredentialLease lease = new CredentialLease(key, UUID.randomUUID().toString(), now.plus(ttl));
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("owner", lease.owner());
		fields.put("expires_at", lease.expiresAt().toEpochMilli());
		String json = RedisStoreSupport.writeJson(fields);
		Duration px = (ttl.toMillis() == 0) ? Duration.ofMillis(1) : ttl;
		Boolean set = RedisStoreSupport.call("take the lease", redisKey,
				() -> this.redis.opsForValue().setIfAbsent(redisKey, json, px));
		if (Boolean.TRUE.equals(set)) {
			return Optional.of(lease);
		}
		Long taken = RedisStoreSupport.call("take the lease", redisKey,
				() -> this.redis.execute(TAKE_OVER_EXPIRED_LEASE, List.of(redisKey), json,
						Long.toString(now.toEpochMilli()), Long.toString(px.toMillis())));
		return (taken != null && taken == 1) ? Optional.of(lease) : Optional.empty();
	}

	@Override
	public void releaseLease(CredentialLease lease) {
		String redisKey = leaseKey(lease.key());
		RedisStoreSupport.call("release the lease", redisKey,
				() -> this.redis.execute(RELEASE_LEASE, List.of(redisKey), lease.owner()));
	}

	private String credentialKey(String key) {
		return this.credentialKeyBase + RedisStoreSupport.requireKeyPart(key, "key");
	}

	private String leaseKey(String key) {
		return this.leaseKeyBase + RedisStoreSupport.requireKeyPart(key, "key");
	}

	private static @Nullable StoredCredential read(String redisKey, String json) {
		try {
			Map<String, @Nullable String> fields = RedisStoreSupport.readJson(json);
			return new StoredCredential(RedisStoreSupport.requireField(fields, "value"),
					Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "fetched_at")),
					Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "expires_at")));
		}
		catch (IOException | RuntimeException ex) {
			// Absent to the caller, who fetches a new value and overwrites this one.
			logger.warn("Ignoring the unreadable credential under " + redisKey + ": " + ex.getMessage());
			return null;
		}
	}

}
