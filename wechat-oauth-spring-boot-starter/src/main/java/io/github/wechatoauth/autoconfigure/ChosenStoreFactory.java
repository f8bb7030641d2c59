package io.github.wechatoauth.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link WechatStoreFactory} of the store that auto-configuration chose, which says
 * at INFO, once, which store it is and why.
 */
final class ChosenStoreFactory implements WechatStoreFactory {

	private static final Log logger = LogFactory.getLog(WechatStoreAutoConfiguration.class);

	private final String description;

	private final String reason;

	private final Function<String, TokenStore> tokenStoreFactory;

	private final Function<String, SharedStore> sharedStoreFactory;

	private final Map<String, TokenStore> tokenStores = new ConcurrentHashMap<>();

	private final Map<String, SharedStore> sharedStores = new ConcurrentHashMap<>();

	private final AtomicBoolean announced = new AtomicBoolean();

	ChosenStoreFactory(String description, String reason, Function<String, TokenStore> tokenStoreFactory,
			Function<String, SharedStore> sharedStoreFactory) {
		this.description = description;
		this.reason = reason;
		this.tokenStoreFactory = tokenStoreFactory;
		this.sharedStoreFactory = sharedStoreFactory;
	}

	@Override
	public TokenStore tokenStore(String appId) {
		announce();
		return this.tokenStores.computeIfAbsent(appId, this.tokenStoreFactory);
	}

	@Override
	public SharedStore sharedStore(String appId) {
		announce();
		return this.sharedStores.computeIfAbsent(appId, this.sharedStoreFactory);
	}

	private void announce() {
		if (this.announced.compareAndSet(false, true)) {
			logger.info("WeChat stores: " + this.description + ", because " + this.reason);
		}
	}

	@Override
	public String toString() {
		return "WeChat stores: " + this.description;
	}

}
