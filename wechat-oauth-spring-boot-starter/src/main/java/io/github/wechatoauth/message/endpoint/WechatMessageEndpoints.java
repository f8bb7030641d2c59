package io.github.wechatoauth.message.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The message endpoints of the accounts of {@code wechat.apps.<name>.*} that have a
 * token, by name, each at a path of its own.
 */
public final class WechatMessageEndpoints {

	private final Map<String, WechatMessageEndpoint> endpoints;

	/**
	 * Creates the endpoints of named accounts.
	 * @param endpoints the endpoints by account name, in the order to keep
	 */
	public WechatMessageEndpoints(Map<String, WechatMessageEndpoint> endpoints) {
		this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
	}

	/**
	 * Returns the endpoints by account name.
	 * @return the endpoints, such as that of {@code shop} for {@code wechat.apps.shop.*}
	 */
	public Map<String, WechatMessageEndpoint> byName() {
		return this.endpoints;
	}

	/**
	 * Returns every endpoint of the application: the {@link WechatMessageEndpoint} beans
	 * (that of {@code wechat.*}), then those of the named accounts.
	 * @param beans the endpoint beans
	 * @param named the endpoints of the named accounts, if any
	 * @return the endpoints
	 */
	public static List<WechatMessageEndpoint> all(ObjectProvider<WechatMessageEndpoint> beans,
			ObjectProvider<WechatMessageEndpoints> named) {
		List<WechatMessageEndpoint> all = new ArrayList<>(beans.orderedStream().toList());
		named.ifAvailable((endpoints) -> all.addAll(endpoints.endpoints.values()));
		return all;
	}

	/**
	 * Returns the routes of endpoints.
	 * @param endpoints the endpoints
	 * @return their routes, or a router function that routes nothing when there are none
	 */
	public static RouterFunction<ServerResponse> routerFunction(List<WechatMessageEndpoint> endpoints) {
		@Nullable RouterFunction<ServerResponse> routes = null;
		for (WechatMessageEndpoint endpoint : endpoints) {
			routes = (routes != null) ? routes.and(endpoint.routerFunction()) : endpoint.routerFunction();
		}
		return (routes != null) ? routes : (request) -> Optional.empty();
	}

	@Override
	public String toString() {
		return "WechatMessageEndpoints" + this.endpoints.keySet();
	}

}
