package io.github.wechatoauth.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.store.jdbc.JdbcSharedStore;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.store.jdbc.JdbcStoreSchema;
import io.github.wechatoauth.store.redis.RedisSharedStore;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The fleet run: several instances of an application (each a {@link WechatOAuthClient}
 * with its own store connection, in one JVM) share one store while their callers ask for
 * the access token without pause; WeChat's stand-in answers each {@code stable_token}
 * fetch after a fixed latency with a token that lives a few seconds, and the refresh
 * margin is zero, so that at every expiry each caller of each instance has to wait for
 * the one fetch of the fleet. It prints, per store and instance count, the token fetches
 * per expiry (one is right), the worst and the 99th-percentile wait of a caller at an
 * expiry, and the store commands per instance per expiry: for Redis the commands the
 * server counted ({@code INFO commandstats} of a {@code redis-server} the run starts on a
 * free port), for PostgreSQL the statements of the {@link SharedStore} calls.
 * <p>
 * Not a JMH benchmark: what is measured is a wait at a moment, and a count. Run it with
 * {@code ./mvnw -B -Pfleet,boot4 -pl wechat-oauth-benchmarks -am -DskipTests verify};
 * options in {@code -Dfleet.args}: {@code --stores redis,postgresql},
 * {@code --instances 4,16,64}, {@code --threads 4} (callers per instance),
 * {@code --expiries 4}, {@code --fetch-latency 100} (ms), {@code --lifetime 2} (s).
 */
public final class FleetRun {

	private static final String TOKEN_PATH = "/cgi-bin/stable_token";

	private FleetRun() {
	}

	/**
	 * Runs the fleet for each store and instance count, and prints a table.
	 * @param args the options above
	 * @throws Exception if a run cannot be set up
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		System.out.printf(Locale.ROOT,
				"Fleet run: %d callers per instance, token fetch %d ms, token lifetime %d s, %d expiries measured%n",
				options.threads, options.fetchLatencyMillis, options.lifetimeSeconds, options.expiries);
		System.out.printf(Locale.ROOT, "%-11s %9s %15s %14s %14s %12s %22s %20s %8s   %s%n", "store", "instances",
				"fetches/expiry", "worst fetch ms", "worst wait ms", "p99 wait ms", "round trips/inst/exp",
				"commands/inst/exp", "GC ms", "worst wait in ms: " + Timeline.PARTS);
		for (String store : options.stores) {
			for (int instances : options.instances) {
				Result result = run(store, instances, options);
				System.out.printf(Locale.ROOT, "%-11s %9d %15.2f %14.1f %14.1f %12.1f %22.2f %20.2f %8d   %s%n", store,
						instances, result.fetchesPerExpiry, result.worstFetchMillis, result.worstWaitMillis,
						result.p99WaitMillis, result.roundTripsPerInstancePerExpiry,
						result.commandsPerInstancePerExpiry, result.gcMillis, result.worstWaitParts);
			}
		}
	}

	private static Result run(String storeName, int instances, Options options) throws Exception {
		Issuer issuer = new Issuer(options.lifetimeSeconds);
		WireMockServer wechat = new WireMockServer(WireMockConfiguration.wireMockConfig()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(Math.max(50, instances * 2 + 20))
			.extensions(issuer));
		wechat.start();
		wechat.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(ResponseDefinitionBuilder.okForEmptyJson()
			.withFixedDelay(options.fetchLatencyMillis)
			.withTransformers(Issuer.NAME)));
		String appId = "wx" + HexFormat.of().formatHex(randomBytes(8));
		AtomicLong worstFetch = new AtomicLong();
		AtomicBoolean measuring = new AtomicBoolean();
		Timeline timeline = new Timeline(instances);
		// The fetch's own latency, as its caller sees it: WeChat's answer, over HTTP.
		RestClient.Builder timed = RestClient.builder().requestInterceptor((request, body, execution) -> {
			long start = System.nanoTime();
			try {
				return execution.execute(request, body);
			}
			finally {
				long end = System.nanoTime();
				timeline.fetched(start, end);
				if (measuring.get()) {
					worstFetch.accumulateAndGet(end - start, Math::max);
				}
			}
		});
		try (Backend backend = Backend.open(storeName, instances)) {
			List<WechatOAuthClient> fleet = new ArrayList<>();
			for (int i = 0; i < instances; i++) {
				fleet.add(WechatStandIn.clientBuilder(wechat)
					.restClientBuilder(timed)
					.appId(appId)
					.sharedStore(timeline.observe(i, backend.store(appId)))
					.credentialPolicy(CredentialPolicy.DEFAULT.withRefreshMargin(Duration.ZERO))
					.build());
			}
			Result result = measure(fleet, wechat, backend, options, measuring, timeline);
			return result.withWorstFetch(worstFetch.get() / 1e6);
		}
		finally {
			wechat.stop();
		}
	}

	private static Result measure(List<WechatOAuthClient> fleet, WireMockServer wechat, Backend backend,
			Options options, AtomicBoolean measuring, Timeline timeline) throws InterruptedException {
		// The first fetch, then two expiries to warm up (class loading, the JIT): none is
		// measured.
		fleet.forEach(WechatOAuthClient::getClientAccessToken);
		long lifetimeNanos = TimeUnit.SECONDS.toNanos(options.lifetimeSeconds);
		AtomicBoolean stop = new AtomicBoolean();
		Waits waits = new Waits();
		AtomicInteger failures = new AtomicInteger();
		List<Thread> callers = new ArrayList<>();
		CountDownLatch started = new CountDownLatch(fleet.size() * options.threads);
		for (int i = 0; i < fleet.size(); i++) {
			WechatOAuthClient instance = fleet.get(i);
			int index = i;
			for (int t = 0; t < options.threads; t++) {
				Thread caller = new Thread(() -> {
					started.countDown();
					while (!stop.get()) {
						long start = System.nanoTime();
						try {
							instance.getClientAccessToken();
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
						}
						long took = System.nanoTime() - start;
						if (measuring.get() && waits.record(took)) {
							timeline.worstWait(index, start, start + took);
						}
						// A caller that asks every 10 ms: busy, but leaves the two CPUs
						// to the waits being measured.
						sleepNanos(TimeUnit.MILLISECONDS.toNanos(10));
					}
				}, "fleet-caller");
				caller.setDaemon(true);
				callers.add(caller);
				caller.start();
			}
		}
		started.await();
		sleepNanos(2 * lifetimeNanos + TimeUnit.MILLISECONDS.toNanos(500));
		long gcBefore = gcMillis();
		int fetchesBefore = fetches(wechat);
		long commandsBefore = backend.commands();
		long roundTripsBefore = backend.roundTrips();
		measuring.set(true);
		// Until the fleet has refreshed at that many expiries (each comes a lifetime and
		// a wait after the last), and half a lifetime more for the waits to end and any
		// second fetch of the last expiry to show.
		long windowStart = System.nanoTime();
		long giveUp = windowStart + lifetimeNanos * (2L * options.expiries + 2);
		while (timeline.expiriesSince(windowStart, lifetimeNanos / 2) < options.expiries
				&& System.nanoTime() - giveUp < 0) {
			sleepNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		sleepNanos(lifetimeNanos / 2);
		measuring.set(false);
		long gc = gcMillis() - gcBefore;
		int fetches = fetches(wechat) - fetchesBefore;
		long commands = backend.commands() - commandsBefore;
		long roundTrips = backend.roundTrips() - roundTripsBefore;
		stop.set(true);
		for (Thread caller : callers) {
			caller.join(TimeUnit.SECONDS.toMillis(10));
		}
		if (failures.get() > 0) {
			System.out.println("  (" + failures.get() + " calls failed)");
		}
		double expiries = Math.max(1, timeline.expiriesSince(windowStart, lifetimeNanos / 2));
		return new Result(fetches / expiries, 0, waits.worstMillis(), waits.percentileMillis(0.99),
				roundTrips / expiries / fleet.size(), commands / expiries / fleet.size(), gc,
				timeline.worstWaitParts());
	}

	/** Returns the time the JVM has spent in garbage collection pauses so far. */
	private static long gcMillis() {
		long total = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			total += Math.max(0, collector.getCollectionTime());
		}
		return total;
	}

	private static int fetches(WireMockServer wechat) {
		return wechat.countRequestsMatching(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).build()).getCount();
	}

	private static void sleepNanos(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/** The figures of one run. */
	private record Result(double fetchesPerExpiry, double worstFetchMillis, double worstWaitMillis,
			double p99WaitMillis, double roundTripsPerInstancePerExpiry, double commandsPerInstancePerExpiry,
			long gcMillis, String worstWaitParts) {

		Result withWorstFetch(double millis) {
			return new Result(this.fetchesPerExpiry, millis, this.worstWaitMillis, this.p99WaitMillis,
					this.roundTripsPerInstancePerExpiry, this.commandsPerInstancePerExpiry, this.gcMillis,
					this.worstWaitParts);
		}

	}

	/** The durations of calls that took longer than a cache hit, as a histogram. */
	private static final class Waits {

		/** Buckets of 1 ms up to 10 s. */
		private final AtomicLong[] buckets = new AtomicLong[10_001];

		private final AtomicLong worst = new AtomicLong();

		Waits() {
			for (int i = 0; i < this.buckets.length; i++) {
				this.buckets[i] = new AtomicLong();
			}
		}

		/** Records a call's duration, and tells whether it is the worst so far. */
		boolean record(long nanos) {
			// Cache hits (well under a millisecond) are not waits.
			if (nanos < TimeUnit.MILLISECONDS.toNanos(1)) {
				return false;
			}
			int bucket = (int) Math.min(TimeUnit.NANOSECONDS.toMillis(nanos), this.buckets.length - 1);
			this.buckets[bucket].incrementAndGet();
			return this.worst.getAndAccumulate(nanos, Math::max) < nanos;
		}

		double worstMillis() {
			return this.worst.get() / 1e6;
		}

		double percentileMillis(double percentile) {
			long total = 0;
			for (AtomicLong bucket : this.buckets) {
				total += bucket.get();
			}
			long seen = 0;
			for (int i = 0; i < this.buckets.length; i++) {
				seen += this.buckets[i].get();
				if (total > 0 && seen >= percentile * total) {
					return i + 1;
				}
			}
			return 0;
		}

	}

	/**
	 * When the fetches, the puts and each instance's word of a put happened, to split the
	 * worst wait into its parts: until the fetch was sent, the fetch, until its value was
	 * stored, until the waiter's instance was told of it (or read it), and until the
	 * waiter had it.
	 */
	private static final class Timeline {

		static final String PARTS = "before fetch / fetch / store / tell / wake";

		private final List<long[]> fetches = new ArrayList<>();

		/** The end of each put, by value. */
		private final Map<String, Long> puts = new ConcurrentHashMap<>();

		/** When each instance first heard of (or read) each value. */
		private final List<Map<String, Long>> heard = new ArrayList<>();

		private int worstInstance = -1;

		private long worstStart;

		private long worstEnd;

		Timeline(int instances) {
			for (int i = 0; i < instances; i++) {
				this.heard.add(new ConcurrentHashMap<>());
			}
		}

		synchronized void fetched(long start, long end) {
			this.fetches.add(new long[] { start, end });
		}

		/**
		 * Counts the expiries whose fetches began since a moment: fetches that begin
		 * within a gap of each other serve one expiry.
		 */
		synchronized int expiriesSince(long start, long gapNanos) {
			int expiries = 0;
			long last = 0;
			for (long[] fetch : this.fetches) {
				if (fetch[0] - start >= 0) {
					if (expiries == 0 || fetch[0] - last > gapNanos) {
						expiries++;
					}
					last = fetch[0];
				}
			}
			return expiries;
		}

		synchronized void worstWait(int instance, long start, long end) {
			if (end - start > this.worstEnd - this.worstStart) {
				this.worstInstance = instance;
				this.worstStart = start;
				this.worstEnd = end;
			}
		}

		/**
		 * Returns the store of an instance, noting when it stores and hears of values.
		 */
		SharedStore observe(int instance, SharedStore store) {
			Map<String, Long> heardHere = this.heard.get(instance);
			return (SharedStore) Proxy.newProxyInstance(SharedStore.class.getClassLoader(),
					new Class<?>[] { SharedStore.class }, (proxy, method, arguments) -> {
						if (method.getName().equals("watch")) {
							@SuppressWarnings("unchecked")
							Consumer<StoredValue> listener = (Consumer<StoredValue>) arguments[1];
							arguments[1] = (Consumer<StoredValue>) (value) -> {
								heardHere.putIfAbsent(value.value(), System.nanoTime());
								listener.accept(value);
							};
						}
						Object result;
						try {
							result = method.invoke(store, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
						if (method.getName().equals("put")) {
							this.puts.put(((StoredValue) arguments[1]).value(), System.nanoTime());
						}
						else if (result instanceof Optional<?> read && read.orElse(null) instanceof StoredValue value) {
							heardHere.putIfAbsent(value.value(), System.nanoTime());
						}
						return result;
					});
		}

		/** Splits the worst wait around the fetch and the put it waited for. */
		synchronized String worstWaitParts() {
			long[] fetch = null;
			for (long[] candidate : this.fetches) {
				if (candidate[0] - this.worstEnd <= 0 && (fetch == null || candidate[0] - fetch[0] > 0)) {
					fetch = candidate;
				}
			}
			Map.Entry<String, Long> put = null;
			for (Map.Entry<String, Long> candidate : this.puts.entrySet()) {
				if (candidate.getValue() - this.worstEnd <= 0
						&& (put == null || candidate.getValue() - put.getValue() > 0)) {
					put = candidate;
				}
			}
			if (fetch == null || put == null || this.worstInstance < 0) {
				return "-";
			}
			Long heardAt = this.heard.get(this.worstInstance).get(put.getKey());
			long told = (heardAt != null) ? heardAt : this.worstEnd;
			return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f", millis(fetch[0] - this.worstStart),
					millis(fetch[1] - fetch[0]), millis(put.getValue() - fetch[1]), millis(told - put.getValue()),
					millis(this.worstEnd - told));
		}

		private static double millis(long nanos) {
			return nanos / 1e6;
		}

	}

	/** A shared store of one kind, with a command count. */
	private abstract static class Backend implements AutoCloseable {

		static Backend open(String name, int instances) throws IOException, InterruptedException {
			return switch (name) {
				case "redis" -> new RedisBackend();
				case "postgresql" -> new JdbcBackend(instances);
				default -> throw new IllegalArgumentException("--stores takes redis and postgresql, not " + name);
			};
		}

		/** Returns the store of one more instance. */
		abstract SharedStore store(String appId);

		/**
		 * Returns the commands the store has executed so far (for Redis, the commands of
		 * its scripts too).
		 */
		abstract long commands();

		/** Returns the commands the instances have sent so far, each a round trip. */
		abstract long roundTrips();

		@Override
		public abstract void close();

	}

	/**
	 * A {@code redis-server} of the run's own on a free port, so that its command count
	 * is the fleet's; each instance has its own connection.
	 */
	private static final class RedisBackend extends Backend {

		private final Process server;

		private final Path directory;

		private final int port;

		private final List<LettuceConnectionFactory> connections = new ArrayList<>();

		private final AtomicLong sent = new AtomicLong();

		RedisBackend() throws IOException, InterruptedException {
			this.port = freePort();
			this.directory = Files.createTempDirectory("fleet-redis");
			this.server = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!accepts(this.port)) {
				if (System.nanoTime() > deadline || !this.server.isAlive()) {
					close();
					throw new IllegalStateException("redis-server did not start on port " + this.port);
				}
				Thread.sleep(20);
			}
		}

		@Override
		SharedStore store(String appId) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", this.port),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
			factory.afterPropertiesSet();
			factory.start();
			factory.getRequiredNativeClient().addListener(new CommandListener() {

				@Override
				public void commandStarted(CommandStartedEvent event) {
					RedisFleetCommands.count(event, RedisBackend.this.sent);
				}

			});
			// Connected now, not within the first store call's budget.
			factory.getConnection().close();
			this.connections.add(factory);
			return new RedisSharedStore(new StringRedisTemplate(factory), "fleet", appId, Clock.systemUTC());
		}

		@Override
		long roundTrips() {
			return this.sent.get();
		}

		@Override
		long commands() {
			long total = 0;
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				socket.getOutputStream().write("INFO commandstats\r\n".getBytes(StandardCharsets.US_ASCII));
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				String header = in.readLine();
				int length = Integer.parseInt(header.substring(1));
				char[] body = new char[length];
				int read = 0;
				while (read < length) {
					read += in.read(body, read, length - read);
				}
				for (String line : new String(body).split("\r\n", -1)) {
					// cmdstat_get:calls=12,usec=...; the INFO commands are the run's own.
					if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
						String calls = line.substring(line.indexOf("calls=") + 6);
						total += Long.parseLong(calls.substring(0, calls.indexOf(',')));
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not read the command count of redis-server", ex);
			}
			return total;
		}

		@Override
		public void close() {
			this.connections.forEach(LettuceConnectionFactory::destroy);
			this.server.destroy();
			try {
				if (!this.server.waitFor(10, TimeUnit.SECONDS)) {
					this.server.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.server.destroyForcibly();
			}
			try (var files = Files.walk(this.directory)) {
				files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory left behind
			}
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

		private static boolean accepts(int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	/**
	 * The local PostgreSQL ({@code 127.0.0.1:5432}, database {@code test}), tables under
	 * a prefix of the run's own that are dropped afterwards; the instances share one
	 * small pool (the server is shared), and the statements are counted per store call.
	 */
	private static final class JdbcBackend extends Backend {

		private final HikariDataSource dataSource;

		private final String tablePrefix = "fleet" + HexFormat.of().formatHex(randomBytes(4)) + "_";

		private final AtomicLong commands = new AtomicLong();

		private final List<JdbcSharedStore> stores = new ArrayList<>();

		JdbcBackend(int instances) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
			config.setUsername("postgres");
			// One more for the put watch's listening connection, which the stores share.
			config.setMaximumPoolSize(Math.min(16, instances) + 1);
			config.setConnectionTimeout(5000);
			this.dataSource = new HikariDataSource(config);
			JdbcStoreSchema.create(this.dataSource, JdbcStoreDialect.POSTGRESQL, this.tablePrefix);
		}

		@Override
		SharedStore store(String appId) {
			JdbcSharedStore store = new JdbcSharedStore(this.dataSource, JdbcStoreDialect.POSTGRESQL, this.tablePrefix,
					appId, Clock.systemUTC());
			this.stores.add(store);
			return Counted.of(store, this.commands);
		}

		@Override
		long commands() {
			return this.commands.get();
		}

		@Override
		long roundTrips() {
			return this.commands.get();
		}

		@Override
		public void close() {
			this.stores.forEach(JdbcSharedStore::close);
			try {
				JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
				jdbc.execute("DROP TABLE IF EXISTS " + this.tablePrefix + "user_token");
				jdbc.execute("DROP TABLE IF EXISTS " + this.tablePrefix + "shared");
			}
			finally {
				this.dataSource.close();
			}
		}

	}

	/** Counts the commands that Lettuce sends, but those of subscriptions. */
	private static final class RedisFleetCommands {

		private RedisFleetCommands() {
		}

		static void count(CommandStartedEvent event, AtomicLong sent) {
			String type = event.getCommand().getType().toString();
			if (!type.endsWith("SUBSCRIBE") && !type.equals("HELLO") && !type.equals("CLIENT")) {
				sent.incrementAndGet();
			}
		}

	}

	/** Counts the calls that reach a store, one statement each. */
	private static final class Counted {

		private Counted() {
		}

		static SharedStore of(SharedStore store, AtomicLong commands) {
			return (SharedStore) java.lang.reflect.Proxy.newProxyInstance(SharedStore.class.getClassLoader(),
					new Class<?>[] { SharedStore.class }, (proxy, method, arguments) -> {
						if (method.getDeclaringClass() == Object.class) {
							return method.invoke(store, arguments);
						}
						if (!method.getName().startsWith("await")) {
							commands.incrementAndGet();
						}
						try {
							return method.invoke(store, arguments);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	/** WeChat issuing a new token on each fetch, valid a few seconds. */
	static final class Issuer implements ResponseDefinitionTransformerV2 {

		static final String NAME = "fleet-issuer";

		private final AtomicInteger issued = new AtomicInteger();

		private final long lifetimeSeconds;

		Issuer(long lifetimeSeconds) {
			this.lifetimeSeconds = lifetimeSeconds;
		}

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			String body = "{\"access_token\":\"FLEET_TOKEN_" + this.issued.incrementAndGet() + "\",\"expires_in\":"
					+ this.lifetimeSeconds + "}";
			return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
				.withHeader("Content-Type", "text/plain")
				.withBody(body.getBytes(StandardCharsets.UTF_8))
				.build();
		}

	}

	/** The run's options. */
	private static final class Options {

		List<String> stores = List.of("redis", "postgresql");

		List<Integer> instances = List.of(4, 16, 64);

		int threads = 4;

		int expiries = 4;

		int fetchLatencyMillis = 100;

		int lifetimeSeconds = 2;

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i + 1 < args.length; i += 2) {
				String value = args[i + 1];
				switch (args[i]) {
					case "--stores" -> options.stores = List.of(value.split(",", -1));
					case "--instances" -> options.instances = list(value, Integer::valueOf);
					case "--threads" -> options.threads = Integer.parseInt(value);
					case "--expiries" -> options.expiries = Integer.parseInt(value);
					case "--fetch-latency" -> options.fetchLatencyMillis = Integer.parseInt(value);
					case "--lifetime" -> options.lifetimeSeconds = Integer.parseInt(value);
					default -> throw new IllegalArgumentException("Unknown option " + args[i]);
				}
			}
			return options;
		}

		private static <T> List<T> list(String value, Function<String, T> parse) {
			List<T> list = new ArrayList<>();
			for (String part : value.split(",", -1)) {
				list.add(parse.apply(part.trim()));
			}
			return list;
		}

	}

}
