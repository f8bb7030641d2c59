package io.github.wechatoauth.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

/**
 * The transport the SDK creates when the caller gave no {@code RestClient.Builder}: the
 * fastest HTTP client on the class path, in the order Spring Framework's
 * {@code RestClient} picks one (Apache HttpClient 5, Jetty, Reactor Netty, then the JDK's
 * {@link HttpClient}), with the connect and read timeouts applied and room for
 * {@value #CONNECTIONS_PER_HOST} concurrent calls to each WeChat host. Internal: use
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class DefaultTransport {

	/**
	 * Connections kept per WeChat host: as many concurrent callers as a busy web
	 * application has request threads calling WeChat at once (Jetty's own default).
	 */
	static final int CONNECTIONS_PER_HOST = 64;

	private static final ClassLoader classLoader = DefaultTransport.class.getClassLoader();

	private static final boolean httpComponentsPresent = ClassUtils
		.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", classLoader);

	private static final boolean jettyPresent = ClassUtils.isPresent("org.eclipse.jetty.client.HttpClient",
			classLoader);

	private static final boolean reactorNettyPresent = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			classLoader);

	private DefaultTransport() {
	}

	/**
	 * Creates the fastest transport present.
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @return the request factory
	 */
	public static ClientHttpRequestFactory create(Duration connectTimeout, Duration readTimeout) {
		if (httpComponentsPresent) {
			return HttpComponents.create(connectTimeout, readTimeout);
		}
		if (jettyPresent) {
			return Jetty.create(connectTimeout, readTimeout);
		}
		if (reactorNettyPresent) {
			return ReactorNetty.create(connectTimeout, readTimeout);
		}
		return jdk(connectTimeout, readTimeout);
	}

	/**
	 * Creates the transport on the JDK's {@link HttpClient}, as {@link #create} does when
	 * no other client is present: HTTP/1.1 for {@code http://} (no HTTP/2 upgrade attempt
	 * on every new connection), HTTP/2 where TLS negotiates it, and one thread pool for
	 * the client and Spring's request bodies.
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @return the request factory
	 */
	public static ClientHttpRequestFactory jdk(Duration connectTimeout, Duration readTimeout) {
		// Without an executor of its own, Spring's factory writes every request body on a
		// new thread.
		ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads("wechat-http-"));
		JdkClientHttpRequestFactory http = jdkFactory(HttpClient.Version.HTTP_1_1, connectTimeout, readTimeout,
				executor);
		JdkClientHttpRequestFactory https = jdkFactory(HttpClient.Version.HTTP_2, connectTimeout, readTimeout,
				executor);
		return new BySchemeRequestFactory(http, https);
	}

	private static JdkClientHttpRequestFactory jdkFactory(HttpClient.Version version, Duration connectTimeout,
			Duration readTimeout, ExecutorService executor) {
		HttpClient client = HttpClient.newBuilder()
			.version(version)
			.connectTimeout(connectTimeout)
			.executor(executor)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client, executor);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	/**
	 * Sends {@code http://} requests through one factory and the others through another.
	 */
	private static final class BySchemeRequestFactory implements ClientHttpRequestFactory {

		private final ClientHttpRequestFactory http;

		private final ClientHttpRequestFactory others;

		BySchemeRequestFactory(ClientHttpRequestFactory http, ClientHttpRequestFactory others) {
			this.http = http;
			this.others = others;
		}

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
			ClientHttpRequestFactory factory = "http".equalsIgnoreCase(uri.getScheme()) ? this.http : this.others;
			return factory.createRequest(uri, httpMethod);
		}

	}

	private static final class DaemonThreads implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		DaemonThreads(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	/** Apache HttpClient 5, loaded only when present. */
	private static final class HttpComponents {

		static ClientHttpRequestFactory create(Duration connectTimeout, Duration readTimeout) {
			ConnectionConfig connection = ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connectTimeout))
				.setSocketTimeout(Timeout.of(readTimeout))
				.build();
			CloseableHttpClient client = HttpClients.custom()
				.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
					.setDefaultConnectionConfig(connection)
					.setMaxConnPerRoute(CONNECTIONS_PER_HOST)
					.setMaxConnTotal(CONNECTIONS_PER_HOST * 4)
					.build())
				// WeChat sets no cookie the SDK needs, and one jar shared by every user's
				// calls has no business here.
				.disableCookieManagement()
				.build();
			HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
			factory.setReadTimeout(readTimeout);
			return factory;
		}

	}

	/** Jetty's client, loaded only when present; it keeps 64 connections per host. */
	private static final class Jetty {

		static ClientHttpRequestFactory create(Duration connectTimeout, Duration readTimeout) {
			JettyClientHttpRequestFactory factory = new JettyClientHttpRequestFactory();
			factory.setConnectTimeout(connectTimeout);
			factory.setReadTimeout(readTimeout);
			return factory;
		}

	}

	/**
	 * Reactor Netty, on its shared connection pool. Spring's factory for it is a
	 * {@code SmartLifecycle}, and spring-context is no dependency of the core: it is
	 * reached by name.
	 */
	private static final class ReactorNetty {

		static ClientHttpRequestFactory create(Duration connectTimeout, Duration readTimeout) {
			try {
				Class<?> type = ClassUtils.forName("org.springframework.http.client.ReactorClientHttpRequestFactory",
						classLoader);
				Object factory = type.getConstructor().newInstance();
				type.getMethod("setConnectTimeout", Duration.class).invoke(factory, connectTimeout);
				type.getMethod("setReadTimeout", Duration.class).invoke(factory, readTimeout);
				return (ClientHttpRequestFactory) factory;
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				throw new IllegalStateException("Reactor Netty is present but its request factory cannot be created",
						ex);
			}
		}

	}

}
