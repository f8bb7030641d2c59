package io.github.wechatoauth.http;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.internal.http.DefaultTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;

/**
 * Gives each account's client the application's {@link RestClient.Builder} with the
 * account's connect and read timeouts, and nothing else changed. A timeout set under
 * {@code wechat.*} wins; an unset one is Boot's, or 5 s (connect) and 10 s (read) when
 * Boot has none either. Timeouts are applied through Spring Boot's own
 * {@code ClientHttpRequestFactoryBuilder} bean and its settings
 * ({@code spring.http.client.*} on Boot 3.5, {@code spring.http.clients.*} on 4.x), so
 * the factory the application chose keeps its type, SSL bundle and redirects. A request
 * factory the application set itself (a {@code RestClientCustomizer}, its own builder
 * bean) of another type is kept as it is, and one INFO line names the timeouts not
 * applied. Boot's types are reached by name: their settings type differs between the two
 * Boot lines ({@code ClientHttpRequestFactorySettings}, {@code HttpClientSettings}). The
 * client auto-configuration uses it; applications do not need to.
 */
public final class WechatRequestFactories {

	private static final Log logger = LogFactory.getLog(WechatRequestFactories.class);

	private static final String FACTORY_BUILDER = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder";

	private static final String[] SETTINGS = { "org.springframework.boot.http.client.HttpClientSettings",
			"org.springframework.boot.http.client.ClientHttpRequestFactorySettings" };

	private static final Duration FALLBACK_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration FALLBACK_READ_TIMEOUT = Duration.ofSeconds(10);

	private final RestClient.@Nullable Builder restClientBuilder;

	private final @Nullable BootFactoryBuilder bootFactoryBuilder;

	private WechatRequestFactories(RestClient.@Nullable Builder restClientBuilder,
			@Nullable BootFactoryBuilder bootFactoryBuilder) {
		this.restClientBuilder = restClientBuilder;
		this.bootFactoryBuilder = bootFactoryBuilder;
	}

	/**
	 * Starts from a builder, with Boot's factory builder and settings beans when the bean
	 * factory has them.
	 * @param restClientBuilder the application's builder, or {@code null} for the
	 * transport the SDK creates itself
	 * @param beanFactory where Boot's beans are looked up, or {@code null}
	 * @return the request factories of the accounts
	 */
	public static WechatRequestFactories of(RestClient.@Nullable Builder restClientBuilder,
			@Nullable BeanFactory beanFactory) {
		return new WechatRequestFactories(restClientBuilder,
				(beanFactory != null) ? BootFactoryBuilder.find(beanFactory) : null);
	}

	/**
	 * Returns the transport of one account's calls: the application's builder with the
	 * account's timeouts, or none when the SDK creates its transport itself. A timeout
	 * comes from {@code wechat.*}, else from Boot's {@code spring.http.client(s).*}, else
	 * from the fallback (5 s connect, 10 s read), so every wait has a budget.
	 * @param prefix the account's property prefix, which names it in the log
	 * @param connectTimeout the account's connect timeout, or {@code null} if unset
	 * @param readTimeout the account's read timeout, or {@code null} if unset
	 * @return the account's transport
	 */
	public Transport forAccount(String prefix, @Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
		Duration connect = firstSet(connectTimeout,
				(this.bootFactoryBuilder != null) ? this.bootFactoryBuilder.timeout("connectTimeout") : null,
				FALLBACK_CONNECT_TIMEOUT);
		Duration read = firstSet(readTimeout,
				(this.bootFactoryBuilder != null) ? this.bootFactoryBuilder.timeout("readTimeout") : null,
				FALLBACK_READ_TIMEOUT);
		if (this.restClientBuilder == null) {
			return new Transport(null, connect, read);
		}
		RestClient.Builder builder = this.restClientBuilder.clone();
		ClientHttpRequestFactory current = requestFactoryOf(builder);
		ClientHttpRequestFactory timed = (this.bootFactoryBuilder != null)
				? this.bootFactoryBuilder.build(connect, read) : null;
		if (current == null) {
			builder.requestFactory((timed != null) ? timed : DefaultTransport.create(connect, read));
		}
		else if (timed != null && timed.getClass() == current.getClass()) {
			builder.requestFactory(timed);
		}
		else if (connectTimeout != null || readTimeout != null) {
			String unapplied = (connectTimeout == null) ? prefix + ".read-timeout is" : (readTimeout == null)
					? prefix + ".connect-timeout is" : prefix + ".connect-timeout and " + prefix + ".read-timeout are";
			logger.info(unapplied + " not applied: WeChat calls go through the application's own "
					+ current.getClass().getSimpleName() + ", with its own timeouts");
		}
		return new Transport(builder, connect, read);
	}

	private static Duration firstSet(@Nullable Duration wechat, @Nullable Duration boot, Duration fallback) {
		return (wechat != null) ? wechat : (boot != null) ? boot : fallback;
	}

	/**
	 * How one account reaches WeChat.
	 *
	 * @param restClientBuilder the builder of its calls, or {@code null} when the SDK
	 * creates its transport itself with these timeouts
	 * @param connectTimeout the connect timeout that applies
	 * @param readTimeout the read timeout that applies
	 */
	public record Transport(RestClient.@Nullable Builder restClientBuilder, Duration connectTimeout,
			Duration readTimeout) {

		/**
		 * Gives a client's builder this transport.
		 * @param builder the client's builder
		 */
		public void applyTo(WechatOAuthClient.Builder builder) {
			if (this.restClientBuilder != null) {
				builder.restClientBuilder(this.restClientBuilder);
			}
			else {
				builder.connectTimeout(this.connectTimeout).readTimeout(this.readTimeout);
			}
		}

	}

	/**
	 * Returns the request factory a builder has, or {@code null} if it has none or it
	 * cannot be seen (a builder that is not Spring's own).
	 */
	private static @Nullable ClientHttpRequestFactory requestFactoryOf(RestClient.Builder builder) {
		Field field = ReflectionUtils.findField(builder.getClass(), "requestFactory", ClientHttpRequestFactory.class);
		if (field == null) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			return (ClientHttpRequestFactory) field.get(builder);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return null;
		}
	}

	/** Boot's {@code ClientHttpRequestFactoryBuilder} bean and settings. */
	private static final class BootFactoryBuilder {

		private final Object factoryBuilder;

		private final Object settings;

		private final Method build;

		private final Method withConnectTimeout;

		private final Method withReadTimeout;

		private BootFactoryBuilder(Object factoryBuilder, Object settings, Method build, Method withConnectTimeout,
				Method withReadTimeout) {
			this.factoryBuilder = factoryBuilder;
			this.settings = settings;
			this.build = build;
			this.withConnectTimeout = withConnectTimeout;
			this.withReadTimeout = withReadTimeout;
		}

		static @Nullable BootFactoryBuilder find(BeanFactory beanFactory) {
			ClassLoader classLoader = WechatRequestFactories.class.getClassLoader();
			if (!ClassUtils.isPresent(FACTORY_BUILDER, classLoader)) {
				return null;
			}
			try {
				Class<?> builderType = ClassUtils.forName(FACTORY_BUILDER, classLoader);
				@Nullable Object factoryBuilder = beanFactory.getBeanProvider(builderType).getIfAvailable();
				if (factoryBuilder == null) {
					// As Boot's RestClient.Builder does without the bean.
					factoryBuilder = builderType.getMethod("detect").invoke(null);
				}
				for (String settingsName : SETTINGS) {
					// Boot 3.5 has an HttpClientSettings too, but builds from the other.
					Class<?> settingsType = ClassUtils.isPresent(settingsName, classLoader)
							? ClassUtils.forName(settingsName, classLoader) : null;
					if (settingsType != null
							&& ReflectionUtils.findMethod(builderType, "build", settingsType) != null) {
						Object settings = beanFactory.getBeanProvider(settingsType).getIfAvailable();
						if (settings == null) {
							settings = settingsType.getMethod("defaults").invoke(null);
						}
						return new BootFactoryBuilder(factoryBuilder, settings,
								builderType.getMethod("build", settingsType),
								settingsType.getMethod("withConnectTimeout", Duration.class),
								settingsType.getMethod("withReadTimeout", Duration.class));
					}
				}
				return null;
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				logger.debug("Spring Boot's ClientHttpRequestFactoryBuilder cannot be used", ex);
				return null;
			}
		}

		/**
		 * Returns a timeout of Boot's settings ({@code connectTimeout},
		 * {@code readTimeout}).
		 */
		@Nullable Duration timeout(String accessor) {
			try {
				return (Duration) this.settings.getClass().getMethod(accessor).invoke(this.settings);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Spring Boot's HTTP client settings have no " + accessor, ex);
			}
		}

		ClientHttpRequestFactory build(Duration connectTimeout, Duration readTimeout) {
			try {
				Object settings = this.withReadTimeout
					.invoke(this.withConnectTimeout.invoke(this.settings, connectTimeout), readTimeout);
				return (ClientHttpRequestFactory) this.build.invoke(this.factoryBuilder, settings);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Spring Boot's ClientHttpRequestFactoryBuilder failed", ex);
			}
		}

	}

}
