package io.github.wechatoauth.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.wechatoauth.credential.CredentialStore;
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

	private final Function<String, CredentialStore> credentialStoreFactory;

	private final Map<String, TokenStore> tokenStores = new ConcurrentHashMap<>();

	private final Map<String, CredentialStore> credentialStores = new ConcurrentHashMap<>();

	private final AtomicBoolean announced = new AtomicBoolean();

	ChosenStoreFactory(String description, String reason, Function<String, TokenStore> tokenStoreFactory,
			Function<String, CredentialStore> credentialStoreFactory) {
		this.description = description;
		this.reason = reason;
		this.tokenStoreFactory = tokenStoreFactory;
		this.credentialStoreFactory = credentialStoreFactory;
	}

	@Override
	public TokenStore tokenStore(String appId) {
		announce();
		return this.tokenStores.computeIfAbsent(appId, this.tokenStoreFactory);
	}

	@Override
	public CredentialStore credentialStore(String appId) {
		announce();
		return this.credentialStores.computeIfAbsent(appId, this.credentialStoreFactory);
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
