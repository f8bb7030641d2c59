package io.github.wechatoauth.metrics;

import java.time.Duration;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.store.BoundedSharedStore;
import io.github.wechatoauth.store.BoundedTokenStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.testsupport.CapturedLogs;
import io.github.wechatoauth.testsupport.FaultyStore;
import io.github.wechatoauth.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A store outage in the metrics: {@code wechat.store.outages} counts each outage once,
 * however many calls meet it, and {@code wechat.store.available} reads 0 while it lasts,
 * per store.
 */
class StoreOutageMetricsTests {

	private final MutableClock clock = MutableClock.startingAt2026();

	private final FaultyStore faulty = new FaultyStore(new InMemorySharedStore(this.clock),
			new InMemoryTokenStore(this.clock));

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerCredentialListener listener = new MicrometerCredentialListener(this.registry,
			Tags.of("account", "wechat"));

	private final CapturedLogs logs = CapturedLogs.of("io.github.wechatoauth.store");

	@AfterEach
	void closeLogs() {
		this.logs.close();
	}

	@Test
	void anOutageIsCountedOnceAndTheStoreReadsUnavailableWhileItLasts() {
		SharedStore shared = BoundedSharedStore.of(this.faulty, Duration.ofMillis(200), this.clock, this.listener);
		TokenStore tokens = BoundedTokenStore.of(this.faulty, Duration.ofMillis(200), this.clock, this.listener);
		assertThat(available("shared")).isEqualTo(1);
		assertThat(available("token")).isEqualTo(1);

		this.faulty.fail();
		for (int i = 0; i < 50; i++) {
			catchThrowableOfType(WechatTransportException.class, () -> shared.get("access_token"));
		}
		catchThrowableOfType(WechatTransportException.class, () -> tokens.getToken("o-user"));
		assertThat(outages("shared")).isEqualTo(1);
		assertThat(outages("token")).isEqualTo(1);
		assertThat(available("shared")).isZero();

		this.faulty.heal();
		this.clock.advance(Duration.ofSeconds(5));
		shared.get("access_token");
		assertThat(available("shared")).isEqualTo(1);
		assertThat(available("token")).isZero();
		assertThat(outages("shared")).isEqualTo(1);
	}

	private double available(String store) {
		return this.registry.get(MicrometerCredentialListener.STORE_AVAILABLE)
			.tags("account", "wechat", "store", store)
			.gauge()
			.value();
	}

	private double outages(String store) {
		return this.registry.get(MicrometerCredentialListener.STORE_OUTAGES)
			.tags("account", "wechat", "store", store)
			.counter()
			.count();
	}

}
