package io.github.wechatoauth.store.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.wechatoauth.store.StoredValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The subscription of one {@link RedisSharedStore} to the channel its puts are published
 * on, made in the background on the first {@link #watch} and made again after a failure
 * (Lettuce resubscribes by itself after a reconnection; a Jedis subscription returns when
 * the connection drops). Messages are handed to the listeners of their key on the Redis
 * client's thread.
 */
final class RedisPutWatcher implements MessageListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisPutWatcher.class);

	/** The pause between two attempts to subscribe. */
	private static final long RETRY_MILLIS = 1000;

	private final StringRedisTemplate redis;

	private final String channel;

	private final Map<String, List<Consumer<StoredValue>>> listeners = new ConcurrentHashMap<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closed;

	private volatile @Nullable RedisConnection subscription;

	RedisPutWatcher(StringRedisTemplate redis, String channel) {
		this.redis = redis;
		this.channel = channel;
	}

	String channel() {
		return this.channel;
	}

	void watch(String key, Consumer<StoredValue> listener) {
		this.listeners.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(listener);
		if (this.started.compareAndSet(false, true)) {
			Thread subscriber = new Thread(this::subscribe, "wechat-redis-watch");
			subscriber.setDaemon(true);
			subscriber.start();
		}
	}

	/** Subscribes, and again whenever a subscription ends while the store is open. */
	private void subscribe() {
		byte[] name = this.channel.getBytes(StandardCharsets.UTF_8);
		RedisConnectionFactory factory = this.redis.getRequiredConnectionFactory();
		while (!this.closed) {
			RedisConnection connection = null;
			try {
				connection = factory.getConnection();
				// Lettuce subscribes and returns, and keeps the subscription across
				// reconnections; Jedis blocks here until the subscription ends.
				connection.subscribe(this, name);
				if (connection.isSubscribed()) {
					this.subscription = connection;
					if (this.closed) {
						close();
					}
					return;
				}
			}
			catch (RuntimeException ex) {
				if (factory instanceof SmartLifecycle lifecycle && !lifecycle.isRunning()) {
					// The application stopped the connection factory: nothing to
					// subscribe with any more.
					return;
				}
				logger.debug("Could not subscribe to " + this.channel + "; trying again in " + RETRY_MILLIS + " ms: "
						+ ex.getMessage());
			}
			closeQuietly(connection);
			try {
				TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			Map<String, @Nullable String> fields = RedisStoreSupport
				.readJson(new String(message.getBody(), StandardCharsets.UTF_8));
			List<Consumer<StoredValue>> watchers = this.listeners.get(RedisStoreSupport.requireField(fields, "key"));
			if (watchers == null) {
				return;
			}
			StoredValue value = new StoredValue(RedisStoreSupport.requireField(fields, "value"),
					Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "stored_at")),
					Instant.ofEpochMilli(RedisStoreSupport.requireLong(fields, "expires_at")));
			for (Consumer<StoredValue> watcher : watchers) {
				watcher.accept(value);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The message only speeds waiters up: they read the store anyway.
			logger.debug("Ignoring an unreadable message on " + this.channel + ": " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.closed = true;
		RedisConnection connection = this.subscription;
		this.subscription = null;
		if (this.redis.getConnectionFactory() instanceof SmartLifecycle lifecycle && !lifecycle.isRunning()) {
			// The application already stopped the connection factory, which closed the
			// subscription's connection: closing it again only makes the client warn.
			return;
		}
		closeQuietly(connection);
	}

	private static void closeQuietly(@Nullable RedisConnection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not close a Redis subscription: " + ex.getMessage());
		}
	}

}
