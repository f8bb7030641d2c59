package io.github.wechatoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.credential.CredentialListener;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.store.BoundedSharedStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.oauth.TokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Turns the properties of one account into a {@link WechatOAuthClient}, checking them
 * first: a missing or malformed property stops start-up with an
 * {@link InvalidWechatPropertyException} that names it. Used for {@code wechat.*}; a
 * bean, so that code configuring further accounts builds their clients the same way.
 */
public class WechatClientFactory {

	private static final Log logger = LogFactory.getLog(WechatClientFactory.class);

	private static final Pattern APPID = Pattern.compile("wx[0-9a-fA-F]{16}");

	private static final String EXAMPLE_APPID = "wx1234567890abcdef";

	private final WechatRequestFactories requestFactories;

	private final WechatCredentialListenerFactory credentialListeners;

	private final Clock clock;

	private final Duration storeTimeout;

	/**
	 * Creates a factory whose clients tell no {@link CredentialListener}.
	 * @param restClientBuilder the builder every client starts from, such as Spring
	 * Boot's (with its observations and customizers); each client clones it
	 */
	public WechatClientFactory(RestClient.Builder restClientBuilder) {
		this(restClientBuilder, (account) -> CredentialListener.NONE);
	}

	/**
	 * Creates a factory.
	 * @param restClientBuilder the builder every client starts from, such as Spring
	 * Boot's (with its observations and customizers); each client clones it
	 * @param credentialListeners gives the listener of each account's client, such as the
	 * Micrometer binding
	 */
	public WechatClientFactory(RestClient.Builder restClientBuilder,
			WechatCredentialListenerFactory credentialListeners) {
		this(restClientBuilder, credentialListeners, Clock.systemUTC());
	}

	/**
	 * Creates a factory whose clients judge expiry by the given clock.
	 * @param restClientBuilder the builder every client starts from, such as Spring
	 * Boot's (with its observations and customizers); each client clones it
	 * @param credentialListeners gives the listener of each account's client, such as the
	 * Micrometer binding
	 * @param clock the clock of every client, such as the application's {@code Clock}
	 * bean
	 */
	public WechatClientFactory(RestClient.Builder restClientBuilder,
			WechatCredentialListenerFactory credentialListeners, Clock clock) {
		this(restClientBuilder, credentialListeners, clock, BoundedSharedStore.DEFAULT_TIMEOUT);
	}

	/**
	 * Creates a factory whose clients judge expiry by the given clock and bound each
	 * store call by a timeout.
	 * @param restClientBuilder the builder every client starts from, such as Spring
	 * Boot's (with its observations and customizers); each client clones it
	 * @param credentialListeners gives the listener of each account's client, such as the
	 * Micrometer binding
	 * @param clock the clock of every client, such as the application's {@code Clock}
	 * bean
	 * @param storeTimeout the longest wait for one store call
	 * ({@code wechat.store.timeout})
	 * @throws InvalidWechatPropertyException if the timeout is not positive
	 */
	public WechatClientFactory(RestClient.Builder restClientBuilder,
			WechatCredentialListenerFactory credentialListeners, Clock clock, @Nullable Duration storeTimeout) {
		this(WechatRequestFactories.of(restClientBuilder, null), credentialListeners, clock, storeTimeout);
	}

	WechatClientFactory(WechatRequestFactories requestFactories, WechatCredentialListenerFactory credentialListeners,
			Clock clock, @Nullable Duration storeTimeout) {
		this.requestFactories = requestFactories;
		this.credentialListeners = credentialListeners;
		this.clock = clock;
		this.storeTimeout = positive("wechat.store.timeout", storeTimeout, "1s");
	}

	/**
	 * Builds the client of one account.
	 * @param prefix the prefix of the account's properties, such as {@code wechat}, for
	 * messages
	 * @param account the account's properties
	 * @param tokenStore where the account's user tokens are kept
	 * @param sharedStore where the account's access token and ticket are shared
	 * @return the client
	 * @throws InvalidWechatPropertyException if a property is missing or malformed
	 */
	public WechatOAuthClient create(String prefix, WechatAccountProperties account, TokenStore tokenStore,
			SharedStore sharedStore) {
		String appId = appId(prefix, account);
		String secret = secret(prefix, account);
		Duration connectTimeout = positive(prefix + ".connect-timeout", account.getConnectTimeout(), "5s");
		Duration readTimeout = positive(prefix + ".read-timeout", account.getReadTimeout(), "10s");
		CredentialPolicy credentialPolicy = credentialPolicy(prefix + ".credential", account.getCredential());
		if (credentialPolicy.leaseTtl().compareTo(connectTimeout.plus(readTimeout)) < 0) {
			logger.warn(prefix + ".credential.lease-ttl (" + credentialPolicy.leaseTtl() + ") is shorter than " + prefix
					+ ".connect-timeout plus " + prefix + ".read-timeout (" + connectTimeout.plus(readTimeout)
					+ "): a slow refresh may outlive its lease, and another instance then fetches too");
		}
		WechatOAuthClient.Builder builder = WechatOAuthClient.builder()
			.appId(appId)
			.appSecret(secret)
			.clock(this.clock)
			.accessTokenSource(account.getAccessToken().getSource())
			.defaultLang(account.getOauth().getDefaultLang())
			.tokenStore(tokenStore)
			.sharedStore(sharedStore)
			.storeTimeout(this.storeTimeout)
			.credentialPolicy(credentialPolicy)
			.credentialListener(this.credentialListeners.credentialListener(prefix));
		RestClient.Builder restClientBuilder = this.requestFactories.forAccount(prefix, connectTimeout, readTimeout);
		if (restClientBuilder != null) {
			builder.restClientBuilder(restClientBuilder);
		}
		else {
			builder.connectTimeout(connectTimeout).readTimeout(readTimeout);
		}
		baseUrl(prefix + ".api-base-url", account.getApiBaseUrl(), "https://api.weixin.qq.com", builder::apiBaseUrl);
		baseUrl(prefix + ".open-base-url", account.getOpenBaseUrl(), "https://open.weixin.qq.com",
				builder::openBaseUrl);
		baseUrl(prefix + ".mp-base-url", account.getMpBaseUrl(), "https://mp.weixin.qq.com", builder::mpBaseUrl);
		return builder.build();
	}

	/**
	 * Returns an account's appid, checked: {@code wx} followed by 16 hexadecimal
	 * characters.
	 * @param prefix the prefix of the account's properties, such as {@code wechat}
	 * @param account the account's properties
	 * @return the appid
	 * @throws InvalidWechatPropertyException if the appid is missing or malformed
	 */
	public static String appId(String prefix, WechatAccountProperties account) {
		String property = prefix + ".appid";
		String appId = account.getAppid();
		String how = "Set " + property + " to the AppID of your Official Account (\"wx\" followed by 16 hexadecimal "
				+ "characters), shown in the WeChat Official Accounts Platform under Settings and Development > "
				+ "Basic Configuration. For example, in application.yml:" + System.lineSeparator()
				+ yaml(prefix, "appid: " + EXAMPLE_APPID, "secret: ${WECHAT_SECRET}");
		if (appId == null || appId.isBlank()) {
			throw new InvalidWechatPropertyException(property,
					"The WeChat appid is not set: " + property + " has no value.", how);
		}
		if (!APPID.matcher(appId).matches()) {
			// An 18-character value is shown; a longer one may be the secret in the wrong
			// place, and is not.
			String shown = (appId.length() <= 18) ? "'" + appId + "'" : "a value of " + appId.length() + " characters";
			throw new InvalidWechatPropertyException(property, property + " is " + shown
					+ ", which is not a WeChat appid: an appid is \"wx\" followed by 16 hexadecimal characters.", how);
		}
		return appId;
	}

	private static String secret(String prefix, WechatAccountProperties account) {
		String property = prefix + ".secret";
		String secret = account.getSecret();
		if (secret == null || secret.isBlank()) {
			throw new InvalidWechatPropertyException(property,
					"The WeChat AppSecret is not set: " + property + " has no value.",
					"Set " + property + " to the AppSecret of your Official Account (WeChat Official Accounts "
							+ "Platform, Settings and Development > Basic Configuration). Keep it out of source control: "
							+ "read it from the environment, for example in application.yml:" + System.lineSeparator()
							+ yaml(prefix, "secret: ${WECHAT_SECRET}") + System.lineSeparator()
							+ "and set the environment variable WECHAT_SECRET.");
		}
		return secret;
	}

	private static Duration positive(String property, @Nullable Duration timeout, String fallback) {
		return positive(property, timeout, "a timeout", fallback);
	}

	private static Duration positive(String property, @Nullable Duration duration, String what, String fallback) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new InvalidWechatPropertyException(property,
					property + " is " + duration + ", but " + what + " must be a positive duration.",
					"Set " + property + " to a positive duration such as " + fallback
							+ ", or remove it to use the default of " + fallback + ".");
		}
		return duration;
	}

	private static CredentialPolicy credentialPolicy(String prefix, WechatAccountProperties.Credential credential) {
		return new CredentialPolicy(
				positive(prefix + ".refresh-margin", credential.getRefreshMargin(), "a refresh margin", "5m"),
				positive(prefix + ".max-wait", credential.getMaxWait(), "a maximum wait", "5s"),
				positive(prefix + ".lease-ttl", credential.getLeaseTtl(), "a lease lifetime", "15s"));
	}

	private static void baseUrl(String property, String url, String fallback, Consumer<String> setter) {
		try {
			setter.accept(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWechatPropertyException(property,
					property + " is '" + url + "', which is not an absolute http:// or https:// URL.", "Set " + property
							+ " to an absolute URL such as " + fallback + ", or remove it to use that default.");
		}
	}

	private static String yaml(String prefix, String... lines) {
		StringBuilder yaml = new StringBuilder();
		String indent = "    ";
		for (String key : StringUtils.delimitedListToStringArray(prefix, ".")) {
			yaml.append(System.lineSeparator()).append(indent).append(key).append(':');
			indent += "  ";
		}
		for (String line : lines) {
			yaml.append(System.lineSeparator()).append(indent).append(line);
		}
		return yaml.append(System.lineSeparator()).toString();
	}

}
