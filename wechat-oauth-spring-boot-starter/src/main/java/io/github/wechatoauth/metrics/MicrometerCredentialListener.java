package io.github.wechatoauth.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.CredentialListener;
import io.github.wechatoauth.store.BoundedTokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Counts what happens to the access token and ticket of one client in a Micrometer
 * {@link MeterRegistry}, each meter tagged {@code kind} ({@code access_token} or
 * {@code jsapi_ticket}) and with the tags given, such as the account:
 * <ul>
 * <li>{@value #FETCHES}: values fetched from WeChat by this instance;</li>
 * <li>{@value #CACHE_HITS}: calls served from this instance's memory;</li>
 * <li>{@value #WAITS} (a timer): callers that waited for another thread or instance to
 * refresh, and how long;</li>
 * <li>{@value #INVALIDATIONS}: values WeChat rejected (40001, 40014, 42001) and that were
 * dropped;</li>
 * <li>{@value #FAILURES}: refreshes that failed (WeChat or the store failed) and callers
 * whose wait ran out (see {@link CredentialListener#onFailure}).</li>
 * <li>{@value #STORE_OUTAGES}: times a store stopped answering within its budget, tagged
 * {@code store} ({@code shared} or {@code token}) instead of {@code kind};</li>
 * <li>{@value #STORE_AVAILABLE} (a gauge): 1 while that store answers, 0 while it is
 * taken as down.</li>
 * </ul>
 * The meters of both kinds are registered at once, so that they read zero before anything
 * happens. A cache hit costs one counter increment. No tag holds the AppSecret or a
 * credential's value. <pre>{@code
 * WechatOAuthClient client = WechatOAuthClient.builder()
 *     // appid, secret, store...
 *     .credentialListener(new MicrometerCredentialListener(registry, Tags.of("account", "shop")))
 *     .build();
 * }</pre>
 */
public final class MicrometerCredentialListener implements CredentialListener {

	/** Values fetched from WeChat. */
	public static final String FETCHES = "wechat.credential.fetches";

	/** Calls served from memory. */
	public static final String CACHE_HITS = "wechat.credential.cache.hits";

	/** Callers that waited for a refresh (a timer). */
	public static final String WAITS = "wechat.credential.waits";

	/** Values WeChat rejected and that were dropped. */
	public static final String INVALIDATIONS = "wechat.credential.invalidations";

	/** Refreshes that failed and callers whose wait ran out. */
	public static final String FAILURES = "wechat.credential.failures";

	/** Times a store stopped answering within its budget. */
	public static final String STORE_OUTAGES = "wechat.store.outages";

	/** Whether a store answers (1) or is taken as down (0). */
	public static final String STORE_AVAILABLE = "wechat.store.available";

	private final MeterRegistry registry;

	private final StoreMeters sharedStore;

	private final StoreMeters tokenStore;

	private final Tags tags;

	private final Meters accessToken;

	private final Meters jsApiTicket;

	private final Map<String, Meters> otherKinds = new ConcurrentHashMap<>();

	/**
	 * Creates a listener and registers its meters.
	 * @param registry where the meters are registered
	 * @param tags tags of every meter besides {@code kind}, such as the account; never a
	 * secret
	 */
	public MicrometerCredentialListener(MeterRegistry registry, Iterable<Tag> tags) {
		this.registry = registry;
		this.tags = Tags.of(tags);
		this.accessToken = new Meters(AppCredentials.ACCESS_TOKEN);
		this.jsApiTicket = new Meters(AppCredentials.JSAPI_TICKET);
		this.sharedStore = new StoreMeters("shared");
		this.tokenStore = new StoreMeters("token");
	}

	@Override
	public void onStoreUnavailable(String store, WechatException cause) {
		StoreMeters meters = storeMeters(store);
		meters.available.set(0);
		meters.outages.increment();
	}

	@Override
	public void onStoreAvailable(String store, Duration unavailableFor) {
		storeMeters(store).available.set(1);
	}

	private StoreMeters storeMeters(String store) {
		return BoundedTokenStore.NAME.equals(store) ? this.tokenStore : this.sharedStore;
	}

	@Override
	public void onCacheHit(String kind) {
		meters(kind).cacheHits.increment();
	}

	@Override
	public void onFetch(String kind) {
		meters(kind).fetches.increment();
	}

	@Override
	public void onWait(String kind, Duration waited) {
		meters(kind).waits.record(waited);
	}

	@Override
	public void onInvalidation(String kind) {
		meters(kind).invalidations.increment();
	}

	@Override
	public void onFailure(String kind, WechatException cause) {
		meters(kind).failures.increment();
	}

	private Meters meters(String kind) {
		if (AppCredentials.ACCESS_TOKEN.equals(kind)) {
			return this.accessToken;
		}
		if (AppCredentials.JSAPI_TICKET.equals(kind)) {
			return this.jsApiTicket;
		}
		return this.otherKinds.computeIfAbsent(kind, Meters::new);
	}

	/** The meters of one store. */
	private final class StoreMeters {

		private final AtomicInteger available = new AtomicInteger(1);

		private final Counter outages;

		StoreMeters(String store) {
			Tags tags = MicrometerCredentialListener.this.tags.and("store", store);
			MeterRegistry registry = MicrometerCredentialListener.this.registry;
			this.outages = Counter.builder(STORE_OUTAGES)
				.description("Times a WeChat store stopped answering within its budget")
				.tags(tags)
				.register(registry);
			Gauge.builder(STORE_AVAILABLE, this.available, AtomicInteger::get)
				.description("Whether a WeChat store answers (1) or is taken as down (0)")
				.tags(tags)
				.register(registry);
		}

	}

	/** The meters of one kind, looked up once. */
	private final class Meters {

		private final Counter fetches;

		private final Counter cacheHits;

		private final Timer waits;

		private final Counter invalidations;

		private final Counter failures;

		Meters(String kind) {
			Tags tags = MicrometerCredentialListener.this.tags.and("kind", kind);
			MeterRegistry registry = MicrometerCredentialListener.this.registry;
			this.fetches = Counter.builder(FETCHES)
				.description("Values of an app credential fetched from WeChat by this instance")
				.tags(tags)
				.register(registry);
			this.cacheHits = Counter.builder(CACHE_HITS)
				.description("Calls for an app credential served from this instance's memory")
				.tags(tags)
				.register(registry);
			this.waits = Timer.builder(WAITS)
				.description("Callers that waited for another thread or instance to refresh an app credential")
				.tags(tags)
				.register(registry);
			this.invalidations = Counter.builder(INVALIDATIONS)
				.description("Values of an app credential that WeChat rejected and that were dropped")
				.tags(tags)
				.register(registry);
			this.failures = Counter.builder(FAILURES)
				.description("Refreshes of an app credential that failed, and callers whose wait for one ran out")
				.tags(tags)
				.register(registry);
		}

	}

}
