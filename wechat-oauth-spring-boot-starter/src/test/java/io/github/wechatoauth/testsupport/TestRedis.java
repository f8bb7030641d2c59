package io.github.wechatoauth.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The local Redis, with a key prefix of this run's own whose keys are deleted on close.
 */
public final class TestRedis implements AutoCloseable {

	private final LettuceConnectionFactory connectionFactory;

	private final StringRedisTemplate template;

	private final String keyPrefix;

	private TestRedis(LettuceConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
		this.template = new StringRedisTemplate(connectionFactory);
		this.keyPrefix = TestServices.randomName("wechat-test-");
	}

	/**
	 * Connects to the local Redis, or skips the calling test when it is not there.
	 */
	public static TestRedis start() {
		TestServices.assumeReachable("Redis", TestServices.REDIS_PORT);
		return new TestRedis(connectionFactory(TestServices.REDIS_PORT, Duration.ofSeconds(5)));
	}

	/**
	 * Returns a started connection factory; the caller destroys it.
	 */
	public static LettuceConnectionFactory connectionFactory(int port, Duration timeout) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder().commandTimeout(timeout).build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(TestServices.HOST, port), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	public LettuceConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	public StringRedisTemplate template() {
		return this.template;
	}

	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Returns the keys that match a pattern.
	 */
	public List<String> keys(String pattern) {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.template.scan(ScanOptions.scanOptions().match(pattern).count(500).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	@Override
	public void close() {
		try {
			List<String> keys = keys(this.keyPrefix + ":*");
			if (!keys.isEmpty()) {
				this.template.delete(keys);
			}
		}
		finally {
			this.connectionFactory.destroy();
		}
	}

}
