package io.github.wechatoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import io.github.wechatoauth.message.MessageMode;
import io.github.wechatoauth.message.MessageSettings;
import io.github.wechatoauth.message.endpoint.QrLoginMessageHandler;
import io.github.wechatoauth.message.endpoint.WechatMessageDispatcher;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoints;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.WechatStoreFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the message-push endpoints of a
 * Spring MVC application: that of {@code wechat.appid} at {@code wechat.message.path}
 * when {@code wechat.token} is set, and that of each {@code wechat.apps.<name>} whose
 * {@code token} is set at its {@code wechat.apps.<name>.message.path}, each with its own
 * token, EncodingAESKey, appid and de-duplication store. Two endpoints may not share a
 * path. Handlers and listeners, told the account of each message, run on Spring Boot's
 * {@code applicationTaskExecutor} when there is one, else on a thread of their own per
 * push. When there is a {@link WechatQrLogin}, the endpoint of {@code wechat.*} feeds it
 * the scans of log-in QR codes.
 */
@AutoConfiguration(
		after = { WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
				WechatQrLoginAutoConfiguration.class },
		afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@Conditional(WechatMessageEndpointAutoConfiguration.AnyTokenCondition.class)
@Import(WechatAccountsConfiguration.class)
public final class WechatMessageEndpointAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatMessageEndpointAutoConfiguration() {
	}

	private static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	private static final Pattern ENCODING_AES_KEY = Pattern.compile("[a-zA-Z0-9]{43}");

	/** WeChat waits this long for an answer, then retries. */
	private static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	WechatMessageDispatcher wechatMessageDispatcher(ObjectProvider<WechatMessageHandler> handlers,
			ApplicationEventPublisher eventPublisher,
			@Qualifier(APPLICATION_TASK_EXECUTOR) ObjectProvider<Executor> executor) {
		return new WechatMessageDispatcher(handlers.orderedStream().toList(), eventPublisher,
				executor.getIfAvailable(() -> new SimpleAsyncTaskExecutor("wechat-message-")));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wechat", name = "token")
	WechatMessageEndpoint wechatMessageEndpoint(WechatAccounts accounts, WechatProperties properties,
			ObjectProvider<SharedStore> sharedStore, WechatMessageDispatcher dispatcher, ObjectProvider<Clock> clock) {
		// The store of wechat.appid exists only once it is set: say so first.
		WechatAccount account = accounts.requireDefault(properties);
		return endpoint(account, sharedStore.getObject(), dispatcher, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	WechatMessageEndpoints wechatAppsMessageEndpoints(WechatAccounts accounts, WechatProperties properties,
			ObjectProvider<WechatStoreFactory> storeFactory, ObjectProvider<WechatMessageEndpoint> endpoint,
			WechatMessageDispatcher dispatcher, ObjectProvider<Clock> clock) {
		Map<String, String> owners = new LinkedHashMap<>();
		endpoint.orderedStream().forEach((single) -> owners.putIfAbsent(single.getPath(), "wechat"));
		Map<String, WechatMessageEndpoint> endpoints = new LinkedHashMap<>();
		for (WechatAccount account : accounts.getNamed()) {
			if (account.properties().getToken() == null) {
				continue;
			}
			String name = Objects.requireNonNull(account.name());
			SharedStore store = WechatStoreAutoConfiguration.storeFactory(storeFactory, properties)
				.sharedStore(account.appId());
			WechatMessageEndpoint named = endpoint(account, store, dispatcher, clock.getIfUnique(Clock::systemUTC));
			String owner = owners.putIfAbsent(named.getPath(), account.prefix());
			if (owner != null) {
				String property = account.property("message.path");
				throw new InvalidWechatPropertyException(property,
						property + " is '" + named.getPath() + "', which is already the path of the message "
								+ "endpoint of " + owner + ".*: each account's endpoint needs a path of its own.",
						"Set " + property + " to a path of its own, such as /wechat/message/" + name + ", and enter "
								+ "it in the server URL of the account's server configuration (WeChat Official "
								+ "Accounts Platform, Settings and Development > Basic Configuration > Server "
								+ "Configuration).");
			}
			endpoints.put(name, named);
		}
		return new WechatMessageEndpoints(endpoints);
	}

	@Bean
	@ConditionalOnMissingBean(name = "wechatMessageRouterFunction")
	RouterFunction<ServerResponse> wechatMessageRouterFunction(ObjectProvider<WechatMessageEndpoint> endpoint,
			ObjectProvider<WechatMessageEndpoints> endpoints) {
		return WechatMessageEndpoints.routerFunction(WechatMessageEndpoints.all(endpoint, endpoints));
	}

	/**
	 * Builds the endpoint of one account from its checked properties; the message never
	 * shows the token or the EncodingAESKey.
	 */
	private static WechatMessageEndpoint endpoint(WechatAccount account, SharedStore deduplicationStore,
			WechatMessageDispatcher dispatcher, Clock clock) {
		WechatMessageProperties message = account.properties().getMessage();
		Duration timestampWindow = account.positive("message.timestamp-window", message.getTimestampWindow(),
				"a timestamp window", "5m");
		String encodingAesKey = encodingAesKey(account);
		MessageSettings settings = new MessageSettings(token(account), encodingAesKey, account.appId(), timestampWindow,
				maxBodySize(account), clock, mode(account, message, encodingAesKey));
		return new WechatMessageEndpoint(account.name(), path(account), settings, replyTimeout(account),
				deduplicationStore, dispatcher);
	}

	private static MessageMode mode(WechatAccount account, WechatMessageProperties message,
			@Nullable String encodingAesKey) {
		MessageMode mode = message.getMode();
		if (mode == null) {
			return MessageMode.defaultFor(encodingAesKey != null);
		}
		if (mode.needsEncodingAesKey() && encodingAesKey == null) {
			String property = account.property("message.mode");
			String name = mode.name().toLowerCase(Locale.ROOT);
			throw new InvalidWechatPropertyException(property,
					property + " is " + name + ", but " + account.property("encoding-aes-key") + " is not set: in "
							+ name + " mode WeChat encrypts pushes with it.",
					"Set " + account.property("encoding-aes-key")
							+ " to the EncodingAESKey of the server configuration, or set " + property
							+ " to plaintext if the console's message encryption is plaintext.");
		}
		return mode;
	}

	private static String token(WechatAccount account) {
		String property = account.property("token");
		String token = account.resolved("token", account.properties().getToken());
		if (token == null || token.isBlank()) {
			throw new InvalidWechatPropertyException(property,
					"The WeChat message Token is not set: " + property + " has no value.",
					"Set " + property + " to the Token of your Official Account's server configuration (WeChat "
							+ "Official Accounts Platform, Settings and Development > Basic Configuration > Server "
							+ "Configuration), for example as ${WECHAT_TOKEN}, or remove it to disable the message "
							+ "endpoint.");
		}
		return token;
	}

	private static @Nullable String encodingAesKey(WechatAccount account) {
		String property = account.property("encoding-aes-key");
		String key = account.resolved("encoding-aes-key", account.properties().getEncodingAesKey());
		if (key == null || key.isEmpty()) {
			return null;
		}
		if (!ENCODING_AES_KEY.matcher(key).matches()) {
			// Only the length is shown: the value is a secret, even when it is wrong.
			String wrong = (key.length() != 43) ? "has " + key.length() + " characters"
					: "holds characters other than a-z, A-Z and 0-9";
			throw new InvalidWechatPropertyException(property,
					property + " " + wrong + ", but an EncodingAESKey is exactly 43 characters of a-z, A-Z and 0-9.",
					"Copy the EncodingAESKey of your Official Account's server configuration (WeChat Official "
							+ "Accounts Platform, Settings and Development > Basic Configuration > Server "
							+ "Configuration) into " + property + ", for example as ${WECHAT_ENCODING_AES_KEY}, or "
							+ "remove it if the account pushes in plaintext mode.");
		}
		return key;
	}

	private static String path(WechatAccount account) {
		String property = account.property("message.path");
		String path = account.resolved("message.path", account.properties().getMessage().getPath());
		if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidWechatPropertyException(property,
					property + " is '" + path + "', but a path starts with / and holds no spaces.",
					"Set " + property + " to the path of the server URL of your Official Account, such as "
							+ "/wechat/message, or remove it to use that default.");
		}
		return path;
	}

	private static Duration replyTimeout(WechatAccount account) {
		String property = account.property("message.reply-timeout");
		Duration timeout = account.properties().getMessage().getReplyTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(WECHAT_TIMEOUT) >= 0) {
			throw new InvalidWechatPropertyException(property,
					property + " is " + timeout + ", but it must be positive and shorter than the 5 seconds "
							+ "WeChat waits for an answer.",
					"Set " + property + " to a duration such as 4500ms, or remove it to use that default.");
		}
		return timeout;
	}

	private static int maxBodySize(WechatAccount account) {
		String property = account.property("message.max-body-size");
		DataSize size = account.properties().getMessage().getMaxBodySize();
		if (size == null || size.toBytes() <= 0 || size.toBytes() >= Integer.MAX_VALUE) {
			throw new InvalidWechatPropertyException(property,
					property + " is " + size + ", but it must be a positive size below 2GB.",
					"Set " + property + " to a size such as 64KB, or remove it to use that default.");
		}
		return (int) size.toBytes();
	}

	/**
	 * Scans of log-in QR codes, for {@link WechatQrLogin}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(WechatQrLogin.class)
	static class QrLoginConfiguration {

		@Bean
		@ConditionalOnMissingBean
		QrLoginMessageHandler wechatQrLoginMessageHandler(WechatQrLogin qrLogin) {
			return new QrLoginMessageHandler(qrLogin);
		}

	}

	/**
	 * Matches when an account has a message token: {@code wechat.token} or
	 * {@code wechat.apps.<name>.token}.
	 */
	static class AnyTokenCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("WeChat message token");
			if (context.getEnvironment().containsProperty("wechat.token")) {
				return ConditionOutcome.match(message.found("property").items("wechat.token"));
			}
			// Scalar values bind under their relative names, such as "shop.token".
			boolean named = WechatAccounts.namedProperties(context.getEnvironment())
				.keySet()
				.stream()
				.anyMatch((key) -> key.endsWith(".token") && key.indexOf('.') == key.length() - ".token".length());
			if (named) {
				return ConditionOutcome
					.match(message.found("property").items(WechatAccount.APPS_PREFIX + ".<name>.token"));
			}
			return ConditionOutcome.noMatch(
					message.didNotFind("property").items("wechat.token", WechatAccount.APPS_PREFIX + ".<name>.token"));
		}

	}

}
