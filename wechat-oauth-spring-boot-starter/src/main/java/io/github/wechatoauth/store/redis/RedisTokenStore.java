package io.github.wechatoauth.store.redis;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link TokenStore} in Redis, for one appid. Each token is a JSON value under
 * {@code <keyPrefix>:<appid>:user-token:<openid>} that Redis expires with the refresh
 * token, 30 days after {@link UserToken#createdAt()}; the store also judges that expiry
 * by its own {@link Clock}. Instants are kept to the millisecond; a value saved without
 * {@code snapshot_user} (by an earlier version) is a real user's.
 */
public final class RedisTokenStore implements TokenStore {

	private static final Log logger = LogFactory.getLog(RedisTokenStore.class);

	private final StringRedisTemplate redis;

	private final String keyBase;

	private final Clock clock;

	/**
	 * Creates a store with the key prefix {@code wechat}, on the system clock.
	 * @param redis the Redis connection
	 * @param appId the appid whose tokens this store keeps
	 */
	public RedisTokenStore(StringRedisTemplate redis, String appId) {
		this(redis, RedisStoreSupport.DEFAULT_KEY_PREFIX, appId, Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param redis the Redis connection
	 * @param keyPrefix the first part of every key
	 * @param appId the appid whose tokens this store keeps
	 * @param clock the clock that decides when a refresh token has expired
	 */
	public RedisTokenStore(StringRedisTemplate redis, String keyPrefix, String appId, Clock clock) {
		this.redis = redis;
		this.keyBase = RedisStoreSupport.keyBase(keyPrefix, appId) + "user-token:";
		this.clock = clock;
	}

	@Override
	public Optional<UserToken> getToken(String openid) {
		String key = key(openid);
		String json = RedisStoreSupport.call("read the user token", key, () -> this.redis.opsForValue().get(key));
		if (json == null) {
			return Optional.empty();
		}
		UserToken token = read(key, openid, json);
		if (token == null || !this.clock.instant().isBefore(refreshExpiry(token))) {
			return Optional.empty();
		}
		return Optional.of(token);
	}

	@Override
	public void saveToken(String openid, UserToken token) {
		String key = key(openid);
		Duration ttl = RedisStoreSupport.timeToLive(this.clock.instant(), refreshExpiry(token));
		if (ttl == null) {
			// Its refresh token has expired: replacing the stored token with it leaves
			// none.
			RedisStoreSupport.call("save the user token", key, () -> this.redis.delete(key));
			return;
		}
		String json = write(token);
		RedisStoreSupport.call("save the user token", key, () -> {
			this.redis.opsForValue().set(key, json, ttl);
			return null;
		});
	}

	@Override
	public void removeToken(String openid) {
		String key = key(openid);
		RedisStoreSupport.call("remove the user token", key, () -> this.redis.delete(key));
	}

	private String key(String openid) {
		return this.keyBase + RedisStoreSupport.requireKeyPart(openid, "openid");
	}

	private static Instant refreshExpiry(UserToken token) {
		return token.createdAt().plus(UserToken.REFRESH_TOKEN_LIFETIME);
	}

	private static String write(UserToken token) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("access_token", token.accessToken());
		fields.put("expires_in", token.expiresIn());
		fields.put("refresh_token", token.refreshToken());
		fields.put("openid", token.openid());
		fields.put("scope", token.scope());
		fields.put("unionid", token.unionid());
		fields.put("created_at", token.createdAt().toEpochMilli());
		fields.put("snapshot_user", token.snapshotUser());
		return RedisStoreSupport.writeJson(fields);
	}

	private static @Nullable UserToken read(String key, String openid, String json) {
		try {
			Map<String, @Nullable String> fields = RedisStoreSupport.readJson(json);
			String storedOpenid = fields.get("openid");
			return new UserToken(RedisStoreSupport.requireField(fields, "access_token"),
					RedisStoreSupport.requireLong(fields, "expires_in"),
					RedisStoreSupport.requireField(fields, "refresh_token"),
					(storedOpenid != null) ? storedOpenid : openid, RedisStoreSupport.requireField(fields, "scope"),
					fields.get("unionid"), Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "created_at")),
					// Absent from values an earlier version saved: a real user.
					"true".equals(fields.get("snapshot_user")));
		}
		catch (IOException | RuntimeException ex) {
			// The user authorizes again, which overwrites the unreadable value.
			logger.warn("Ignoring the unreadable user token under " + key + ": " + ex.getMessage());
			return null;
		}
	}

}
