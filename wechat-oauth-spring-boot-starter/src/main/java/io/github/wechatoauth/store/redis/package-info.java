/**
 * Redis stores: {@link io.github.wechatoauth.store.redis.RedisTokenStore} and
 * {@link io.github.wechatoauth.store.redis.RedisSharedStore}, on a
 * {@code StringRedisTemplate}.
 */
@NullMarked
package io.github.wechatoauth.store.redis;

import org.jspecify.annotations.NullMarked;
