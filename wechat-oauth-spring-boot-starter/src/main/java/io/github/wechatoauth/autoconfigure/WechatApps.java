package io.github.wechatoauth.autoconfigure;

import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The named accounts of {@code wechat.apps.<name>.*}: their names and property prefixes.
 */
final class WechatApps {

	static final String PREFIX = "wechat.apps";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private WechatApps() {
	}

	/**
	 * Tells whether any {@code wechat.apps.<name>.*} property is set, before the
	 * properties are bound.
	 */
	static boolean configured(Environment environment) {
		return !Binder.get(environment)
			.bind(PREFIX, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.isEmpty();
	}

	/**
	 * Returns the prefix of an account's properties, once its name is checked: the name
	 * goes into registration ids and URLs.
	 */
	static String prefix(String name) {
		String prefix = PREFIX + "." + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidWechatPropertyException(prefix,
					"'" + name + "' is not a usable account name in " + prefix
							+ ": a name is lowercase letters, digits and dashes.",
					"Rename the account under " + PREFIX + ", for example to " + PREFIX + ".shop.appid.");
		}
		return prefix;
	}

}
