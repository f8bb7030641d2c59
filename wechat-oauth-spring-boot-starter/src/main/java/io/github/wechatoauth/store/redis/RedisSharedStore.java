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
import java.util.function.Consumer;

import io.github.wechatoauth.store.Lease;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link SharedStore} in Redis, for one appid, shared by every process that uses the
 * same Redis. A value is JSON under {@code <keyPrefix>:<appid>:shared:<key>} that Redis
 * expires at its {@link StoredValue#expiresAt()}.
 * <p>
 * A lease is a JSON value (owner and expiry) under
 * {@code <keyPrefix>:<appid>:lease:<key>}, taken with {@code SET NX PX}. Its expiry is
 * judged by the caller's {@link Clock}: a Lua script takes over a lease whose stored
 * expiry has passed, while {@code PX} removes a lease whose holder died even if no one
 * asks. Releasing, {@link #remove compare-and-delete} and {@link #replace
 * compare-and-set} are Lua scripts too, so each is one atomic step on the server.
 * Instants are kept to the millisecond.
 * <p>
 * Each {@link #put} is published on the channel {@code <keyPrefix>:<appid>:puts} in the
 * same step, and {@link #watch} subscribes to it (on a connection of its own, opened in
 * the background on first use), so that an instance waiting for another's refresh learns
 * of it at once instead of polling. {@link #close()} ends the subscription.
 */
public final class RedisSharedStore implements SharedStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisSharedStore.class);

	/**
	 * Deletes the key if its JSON holds ARGV[2] in the field ARGV[1]: a stored value
	 * whose {@code value} is the expected one, or a lease whose {@code owner} is the
	 * releaser.
	 */
	private static final RedisScript<Long> DELETE_IF_FIELD = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
				local ok, stored = pcall(cjson.decode, current)
				if ok and type(stored) == 'table' and stored[ARGV[1]] == ARGV[2] then
					return redis.call('DEL', KEYS[1])
				end
			end
			return 0
			""", Long.class);

	/**
	 * Sets the value ARGV[1] for ARGV[2] ms and publishes ARGV[4] on the channel ARGV[3].
	 */
	private static final RedisScript<Long> PUT_AND_PUBLISH = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			redis.call('PUBLISH', ARGV[3], ARGV[4])
			return 1
			""", Long.class);

	/**
	 * Replaces the value with ARGV[3] for ARGV[4] ms if it holds the value ARGV[1] and
	 * has not expired by the caller's time ARGV[2] (epoch ms).
	 */
	private static final RedisScript<Long> REPLACE_IF_VALUE = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
				local ok, stored = pcall(cjson.decode, current)
				if ok and type(stored) == 'table' and stored['value'] == ARGV[1]
						and tonumber(stored['expires_at']) and tonumber(stored['expires_at']) > tonumber(ARGV[2]) then
					redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
					return 1
				end
			end
			return 0
			""", Long.class);

	/**
	 * Sets the lease ARGV[1] for ARGV[3] ms unless an unexpired lease is held, judged by
	 * the caller's time ARGV[2] (epoch ms): one step, whether the key is free, held or
	 * held by a lease that has lapsed.
	 */
	private static final RedisScript<Long> TAKE_LEASE = RedisScript.of("""
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

	private final StringRedisTemplate redis;

	private final String valueKeyBase;

	private final String leaseKeyBase;

	private final Clock clock;

	private final RedisPutWatcher watcher;

	/**
	 * Creates a store with the key prefix {@code wechat}, on the system clock.
	 * @param redis the Redis connection
	 * @param appId the appid whose values this store keeps
	 */
	public RedisSharedStore(StringRedisTemplate redis, String appId) {
		this(redis, RedisStoreSupport.DEFAULT_KEY_PREFIX, appId, Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param redis the Redis connection
	 * @param keyPrefix the first part of every key
	 * @param appId the appid whose values this store keeps
	 * @param clock the clock that decides when values and leases expire
	 */
	public RedisSharedStore(StringRedisTemplate redis, String keyPrefix, String appId, Clock clock) {
		this.redis = redis;
		String keyBase = RedisStoreSupport.keyBase(keyPrefix, appId);
		this.valueKeyBase = keyBase + "shared:";
		this.leaseKeyBase = keyBase + "lease:";
		this.clock = clock;
		this.watcher = new RedisPutWatcher(redis, keyBase + "puts");
	}

	@Override
	public Optional<StoredValue> get(String key) {
		String redisKey = valueKey(key);
		String json = RedisStoreSupport.call("read the value", redisKey, () -> this.redis.opsForValue().get(redisKey));
		if (json == null) {
			return Optional.empty();
		}
		StoredValue stored = read(redisKey, json);
		if (stored == null || !this.clock.instant().isBefore(stored.expiresAt())) {
			return Optional.empty();
		}
		return Optional.of(stored);
	}

	@Override
	public void put(String key, StoredValue stored) {
		String redisKey = valueKey(key);
		Duration ttl = RedisStoreSupport.timeToLive(this.clock.instant(), stored.expiresAt());
		if (ttl == null) {
			// Already expired: replacing the value stored with it leaves none.
			RedisStoreSupport.call("store the value", redisKey, () -> this.redis.delete(redisKey));
			return;
		}
		String json = RedisStoreSupport.writeJson(fields(stored));
		Map<String, @Nullable Object> told = new LinkedHashMap<>();
		told.put("key", key);
		told.putAll(fields(stored));
		String message = RedisStoreSupport.writeJson(told);
		RedisStoreSupport.call("store the value", redisKey, () -> this.redis.execute(PUT_AND_PUBLISH, List.of(redisKey),
				json, Long.toString(ttl.toMillis()), this.watcher.channel(), message));
	}

	@Override
	public boolean replace(String key, String expectedValue, StoredValue newValue) {
		String redisKey = valueKey(key);
		Instant now = this.clock.instant();
		Duration ttl = RedisStoreSupport.timeToLive(now, newValue.expiresAt());
		if (ttl == null) {
			// A value that expires at once replaces nothing: the old one is left alone.
			return false;
		}
		String json = RedisStoreSupport.writeJson(fields(newValue));
		Long replaced = RedisStoreSupport.call("replace the value", redisKey,
				() -> this.redis.execute(REPLACE_IF_VALUE, List.of(redisKey), expectedValue,
						Long.toString(now.toEpochMilli()), json, Long.toString(ttl.toMillis())));
		return replaced != null && replaced == 1;
	}

	/**
	 * Tells the listener of every value put under the key by any process that shares this
	 * Redis, through Redis pub/sub; the subscription starts in the background on the
	 * first call and follows Redis's reconnections.
	 */
	@Override
	public boolean watch(String key, Consumer<StoredValue> listener) {
		this.watcher.watch(RedisStoreSupport.requireKeyPart(key, "key"), listener);
		return true;
	}

	/**
	 * Ends the subscription of {@link #watch}, if any.
	 */
	@Override
	public void close() {
		this.watcher.close();
	}

	@Override
	public boolean remove(String key, String expectedValue) {
		String redisKey = valueKey(key);
		Long removed = RedisStoreSupport.call("remove the value", redisKey,
				() -> this.redis.execute(DELETE_IF_FIELD, List.of(redisKey), "value", expectedValue));
		return removed != null && removed > 0;
	}

	@Override
	public Optional<Lease> tryAcquireLease(String key, Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive, was " + ttl);
		}
		String redisKey = leaseKey(key);
		Instant now = this.clock.instant();
		Lease lease = new Lease(key, UUID.randomUUID().toString(), now.plus(ttl));
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("owner", lease.owner());
		fields.put("expires_at", lease.expiresAt().toEpochMilli());
		String json = RedisStoreSupport.writeJson(fields);
		Duration px = (ttl.toMillis() == 0) ? Duration.ofMillis(1) : ttl;
		Long taken = RedisStoreSupport.call("take the lease", redisKey, () -> this.redis.execute(TAKE_LEASE,
				List.of(redisKey), json, Long.toString(now.toEpochMilli()), Long.toString(px.toMillis())));
		return (taken != null && taken == 1) ? Optional.of(lease) : Optional.empty();
	}

	@Override
	public void releaseLease(Lease lease) {
		String redisKey = leaseKey(lease.key());
		RedisStoreSupport.call("release the lease", redisKey,
				() -> this.redis.execute(DELETE_IF_FIELD, List.of(redisKey), "owner", lease.owner()));
	}

	private String valueKey(String key) {
		return this.valueKeyBase + RedisStoreSupport.requireKeyPart(key, "key");
	}

	private String leaseKey(String key) {
		return this.leaseKeyBase + RedisStoreSupport.requireKeyPart(key, "key");
	}

	private static Map<String, @Nullable Object> fields(StoredValue stored) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("value", stored.value());
		fields.put("stored_at", stored.storedAt().toEpochMilli());
		fields.put("expires_at", stored.expiresAt().toEpochMilli());
		return fields;
	}

	private static @Nullable StoredValue read(String redisKey, String json) {
		try {
			Map<String, @Nullable String> fields = RedisStoreSupport.readJson(json);
			return new StoredValue(RedisStoreSupport.requireField(fields, "value"),
					Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "stored_at")),
					Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "expires_at")));
		}
		catch (IOException | RuntimeException ex) {
			// Absent to the caller, who fetches a new value and overwrites this one.
			logger.warn("Ignoring the unreadable value under " + redisKey + ": " + ex.getMessage());
			return null;
		}
	}

}
