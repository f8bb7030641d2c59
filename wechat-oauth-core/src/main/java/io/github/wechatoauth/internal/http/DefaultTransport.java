package io.github.wechatoauth.internal.http;

import java.io.Closeable;
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

import org.springframework.beans.factory.DisposableBean;
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
		HttpClient http = jdkClient(HttpClient.Version.HTTP_1_1, connectTimeout, executor);
		HttpClient https = jdkClient(HttpClient.Version.HTTP_2, connectTimeout, executor);
		return new BySchemeRequestFactory(jdkFactory(http, readTimeout, executor),
				jdkFactory(https, readTimeout, executor), () -> {
					closeIfCloseable(http);
					closeIfCloseable(https);
					executor.shutdown();
				});
	}

	/**
	 * Releases a transport {@link #create} or {@link #jdk} made: the connection pool of
	 * Apache HttpClient 5 or Jetty, the JDK clients and their threads. Reactor Netty's
	 * shared resources stay, as they are shared. Never call it on a caller's factory.
	 * @param factory the factory made here
	 */
	public static void close(ClientHttpRequestFactory factory) {
		try {
			if (factory instanceof AutoCloseable closeable) {
				closeable.close();
			}
			else if (factory instanceof DisposableBean disposable) {
				disposable.destroy();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("the HTTP transport could not be closed: " + ex.getClass().getSimpleName(),
					ex);
		}
	}

	private static HttpClient jdkClient(HttpClient.Version version, Duration connectTimeout, ExecutorService executor) {
		return HttpClient.newBuilder().version(version).connectTimeout(connectTimeout).executor(executor).build();
	}

	private static JdkClientHttpRequestFactory jdkFactory(HttpClient client, Duration readTimeout,
			ExecutorService executor) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client, executor);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

	/** Java 21's {@link HttpClient} is {@link AutoCloseable}; Java 17's is not. */
	private static void closeIfCloseable(HttpClient client) throws IOException {
		if (client instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (IOException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				throw new IOException(ex);
			}
		}
	}

	/**
	 * Sends {@code http://} requests through one factory and the others through another.
	 */
	private static final class BySchemeRequestFactory implements ClientHttpRequestFactory, Closeable {

		private final ClientHttpRequestFactory http;

		private final ClientHttpRequestFactory others;

		private final Closeable resources;

		BySchemeRequestFactory(ClientHttpRequestFactory http, ClientHttpRequestFactory others, Closeable resources) {
			this.http = http;
			this.others = others;
			this.resources = resources;
		}

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
			ClientHttpRequestFactory factory = "http".equalsIgnoreCase(uri.getScheme()) ? this.http : this.others;
			return factory.createRequest(uri, httpMethod);
		}

		@Override
		public void close() throws IOException {
			this.resources.close();
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
				// WeChat's JSON answers are a few hundred bytes: compressing and
				// inflating them costs both ends more than the bytes they save.
				.disableContentCompression()
				.build();
			HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
			factory.setReadTimeout(readTimeout);
			// A call waits for a pooled connection as long as it would wait to connect
			// (HttpClient's own default is 3 minutes).
			factory.setConnectionRequestTimeout(connectTimeout);
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
