package io.github.wechatoauth.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;

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
 * account's connect and read timeouts, and nothing else changed. Timeouts are applied
 * through Spring Boot's own {@code ClientHttpRequestFactoryBuilder} bean and its settings
 * ({@code spring.http.client.*} on Boot 3.5, {@code spring.http.clients.*} on 4.x), so
 * the factory the application chose keeps its type, SSL bundle and redirects. A request
 * factory the application set itself (a {@code RestClientCustomizer}, its own builder
 * bean) of another type is kept as it is, and one INFO line names the timeouts not
 * applied. Boot's types are reached by name: their settings type differs between the two
 * Boot lines ({@code ClientHttpRequestFactorySettings}, {@code HttpClientSettings}).
 */
final class WechatRequestFactories {

	private static final Log logger = LogFactory.getLog(WechatRequestFactories.class);

	private static final String FACTORY_BUILDER = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder";

	private static final String[] SETTINGS = { "org.springframework.boot.http.client.HttpClientSettings",
			"org.springframework.boot.http.client.ClientHttpRequestFactorySettings" };

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
	 */
	static WechatRequestFactories of(RestClient.@Nullable Builder restClientBuilder,
			@Nullable BeanFactory beanFactory) {
		return new WechatRequestFactories(restClientBuilder,
				(beanFactory != null) ? BootFactoryBuilder.find(beanFactory) : null);
	}

	/**
	 * Returns the builder of one account's calls, or {@code null} when the SDK creates
	 * its transport itself (with the timeouts given to it).
	 */
	RestClient.@Nullable Builder forAccount(String prefix, Duration connectTimeout, Duration readTimeout) {
		if (this.restClientBuilder == null) {
			return null;
		}
		RestClient.Builder builder = this.restClientBuilder.clone();
		ClientHttpRequestFactory current = requestFactoryOf(builder);
		ClientHttpRequestFactory timed = (this.bootFactoryBuilder != null)
				? this.bootFactoryBuilder.build(connectTimeout, readTimeout) : null;
		if (current == null) {
			builder.requestFactory((timed != null) ? timed : DefaultTransport.create(connectTimeout, readTimeout));
		}
		else if (timed != null && timed.getClass() == current.getClass()) {
			builder.requestFactory(timed);
		}
		else {
			logger.info(prefix + ".connect-timeout and " + prefix + ".read-timeout are not applied: WeChat calls go "
					+ "through the application's own " + current.getClass().getSimpleName()
					+ ", with its own timeouts");
		}
		return builder;
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
