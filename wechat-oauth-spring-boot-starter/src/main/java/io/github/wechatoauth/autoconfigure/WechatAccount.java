package io.github.wechatoauth.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wechatoauth.credential.CredentialPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * One configured account, read and checked once: {@code wechat.*} (the default account,
 * which has no name) or {@code wechat.apps.<name>.*}. Each value is checked when it is
 * first read, and a missing or malformed one stops start-up with an
 * {@link InvalidWechatPropertyException} that names its property. The AppSecret is in no
 * message and not in {@link #toString()}.
 */
final class WechatAccount {

	static final String DEFAULT_PREFIX = "wechat";

	static final String APPS_PREFIX = "wechat.apps";

	static final String WEBSITE_PREFIX = "wechat.website";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Pattern APPID = Pattern.compile("wx[0-9a-fA-F]{16}");

	private static final String EXAMPLE_APPID = "wx1234567890abcdef";

	private static final Pattern SECRET = Pattern.compile("[0-9a-fA-F]{32}");

	/** An unresolved placeholder, such as {@code ${WECHAT_SECRET}} or {@code ${X:}}. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)");

	private final @Nullable String name;

	private final String prefix;

	private final String appId;

	private final WechatAccountProperties properties;

	private WechatAccount(@Nullable String name, String prefix, WechatAccountProperties properties) {
		this.name = name;
		this.prefix = prefix;
		this.properties = properties;
		this.appId = checkAppId();
	}

	/** The account of {@code wechat.*}. */
	static WechatAccount ofDefault(WechatAccountProperties properties) {
		return new WechatAccount(null, DEFAULT_PREFIX, properties);
	}

	/**
	 * The website application of {@code wechat.website.*}, which reaches WeChat as the
	 * account of {@code wechat.*} does.
	 */
	static WechatAccount ofWebsite(WechatProperties root) {
		WechatAccountProperties website = new WechatAccountProperties();
		website.setAppid(root.getWebsite().getAppid());
		website.setSecret(root.getWebsite().getSecret());
		website.setApiBaseUrl(root.getApiBaseUrl());
		website.setOpenBaseUrl(root.getOpenBaseUrl());
		website.setMpBaseUrl(root.getMpBaseUrl());
		website.setConnectTimeout(root.getConnectTimeout());
		website.setReadTimeout(root.getReadTimeout());
		website.getOauth().setDefaultLang(root.getOauth().getDefaultLang());
		return new WechatAccount(null, WEBSITE_PREFIX, website);
	}

	/** The account of {@code wechat.apps.<name>.*}, once its name is checked. */
	static WechatAccount ofNamed(String name, WechatAccountProperties properties) {
		String prefix = APPS_PREFIX + "." + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidWechatPropertyException(prefix,
					"'" + name + "' is not a usable account name in " + prefix
							+ ": a name is lowercase letters, digits and dashes.",
					"Rename the account under " + APPS_PREFIX + ", for example to " + APPS_PREFIX + ".shop.appid.");
		}
		return new WechatAccount(name, prefix, properties);
	}

	/**
	 * Returns the account's name under {@code wechat.apps}.
	 * @return the name, such as {@code shop}, or {@code null} for the account of
	 * {@code wechat.*} and the website application of {@code wechat.website.*}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Returns the prefix of the account's properties, which also names it in metrics.
	 * @return {@code wechat}, {@code wechat.apps.<name>} or {@code wechat.website}
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Returns the account's appid, checked.
	 * @return the appid
	 */
	public String appId() {
		return this.appId;
	}

	/**
	 * Tells whether this is the account of {@code wechat.*}.
	 * @return whether the account has no name
	 */
	public boolean isDefault() {
		return DEFAULT_PREFIX.equals(this.prefix);
	}

	/**
	 * Tells whether this is the website application of {@code wechat.website.*}.
	 * @return whether it is the website application
	 */
	public boolean isWebsite() {
		return WEBSITE_PREFIX.equals(this.prefix);
	}

	WechatAccountProperties properties() {
		return this.properties;
	}

	String secret() {
		String property = this.prefix + ".secret";
		String secret = resolved("secret", this.properties.getSecret());
		if (secret == null || secret.isBlank()) {
			throw new InvalidWechatPropertyException(property,
					"The WeChat AppSecret is not set: " + property + " has no value.",
					"Set " + property + " to the AppSecret of your Official Account (WeChat Official Accounts "
							+ "Platform, Settings and Development > Basic Configuration). Keep it out of source control: "
							+ "read it from the environment, for example in application.yml:" + System.lineSeparator()
							+ yaml("secret: ${WECHAT_SECRET}") + System.lineSeparator()
							+ "and set the environment variable WECHAT_SECRET.");
		}
		if (!SECRET.matcher(secret).matches()) {
			// Only the length is shown: the value is a secret, even when it is wrong.
			throw new InvalidWechatPropertyException(property,
					property + " has " + secret.length() + " characters"
							+ ((secret.length() == 32) ? " that are not all hexadecimal" : "")
							+ ", but an AppSecret is 32 hexadecimal characters (0-9, a-f).",
					"Copy the AppSecret of your Official Account (WeChat Official Accounts Platform, Settings and "
							+ "Development > Basic Configuration) into " + property
							+ ", for example as ${WECHAT_SECRET}.");
		}
		return secret;
	}

	/** Returns the connect timeout, checked, or {@code null} when it is unset. */
	@Nullable Duration connectTimeout() {
		Duration timeout = this.properties.getConnectTimeout();
		return (timeout != null) ? timeout("connect-timeout", timeout, "5s") : null;
	}

	/** Returns the read timeout, checked, or {@code null} when it is unset. */
	@Nullable Duration readTimeout() {
		Duration timeout = this.properties.getReadTimeout();
		return (timeout != null) ? timeout("read-timeout", timeout, "10s") : null;
	}

	CredentialPolicy credentialPolicy() {
		WechatCredentialProperties credential = this.properties.getCredential();
		return new CredentialPolicy(
				positive("credential.refresh-margin", credential.getRefreshMargin(), "a refresh margin", "5m"),
				positive("credential.max-wait", credential.getMaxWait(), "a maximum wait", "5s"),
				positive("credential.lease-ttl", credential.getLeaseTtl(), "a lease lifetime", "15s"));
	}

	/**
	 * Returns a text property's value, or stops start-up naming it when it holds a
	 * placeholder that nothing resolved, such as {@code ${WECHAT_SECRET}} with the
	 * environment variable unset.
	 */
	@Nullable String resolved(String key, @Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher placeholder = PLACEHOLDER.matcher(value);
		if (!placeholder.find()) {
			return value;
		}
		String property = property(key);
		String variable = placeholder.group(1).strip();
		throw new InvalidWechatPropertyException(property,
				property + " is '${" + variable + "}', a placeholder that nothing resolved: neither an environment "
						+ "variable nor a property " + variable + " is set.",
				"Set the environment variable " + variable + " (or the property " + variable + ") before start-up, "
						+ "or set " + property + " to the value itself.");
	}

	/**
	 * Hands a base URL to a client builder's setter, which checks it; a malformed one
	 * stops start-up naming its property.
	 */
	void baseUrl(String key, String url, String fallback, Consumer<String> setter) {
		try {
			setter.accept(Objects.requireNonNull(resolved(key, url)));
		}
		catch (IllegalArgumentException ex) {
			String property = property(key);
			throw new InvalidWechatPropertyException(property,
					property + " is '" + url + "', which is not an absolute http:// or https:// URL.", "Set " + property
							+ " to an absolute URL such as " + fallback + ", or remove it to use that default.");
		}
	}

	/**
	 * Returns a property's full name, such as {@code wechat.apps.shop.message.path} for
	 * {@code message.path}.
	 */
	String property(String key) {
		return this.prefix + "." + key;
	}

	/** Returns a positive duration, or stops start-up naming its property. */
	Duration positive(String key, @Nullable Duration duration, String what, String fallback) {
		return positive(key, duration, what, fallback, "the default of " + fallback);
	}

	/** An unset timeout is Boot's, else the fallback: the action says so. */
	private Duration timeout(String key, Duration timeout, String fallback) {
		return positive(key, timeout, "a timeout", fallback,
				"that of spring.http.client(s)." + key + " (Spring Boot), else " + fallback);
	}

	private Duration positive(String key, @Nullable Duration duration, String what, String example,
			String whenRemoved) {
		String property = property(key);
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new InvalidWechatPropertyException(property,
					property + " is " + duration + ", but " + what + " must be a positive duration.",
					"Set " + property + " to a positive duration such as " + example + ", or remove it to use "
							+ whenRemoved + ".");
		}
		return duration;
	}

	private String checkAppId() {
		String property = property("appid");
		String appId = resolved("appid", this.properties.getAppid());
		String how = "Set " + property + " to the AppID of your Official Account (\"wx\" followed by 16 hexadecimal "
				+ "characters), shown in the WeChat Official Accounts Platform under Settings and Development > "
				+ "Basic Configuration. For example, in application.yml:" + System.lineSeparator()
				+ yaml("appid: " + EXAMPLE_APPID, "secret: ${WECHAT_SECRET}");
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

	private String yaml(String... lines) {
		StringBuilder yaml = new StringBuilder();
		String indent = "    ";
		for (String key : StringUtils.delimitedListToStringArray(this.prefix, ".")) {
			yaml.append(System.lineSeparator()).append(indent).append(key).append(':');
			indent += "  ";
		}
		for (String line : lines) {
			yaml.append(System.lineSeparator()).append(indent).append(line);
		}
		return yaml.append(System.lineSeparator()).toString();
	}

	@Override
	public String toString() {
		return "WechatAccount[" + this.prefix + ", appid " + this.appId + "]";
	}

}
