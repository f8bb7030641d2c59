package io.github.wechatoauth.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.wechatoauth.oauth.UserInfo;

/**
 * The ratios of {@link UserInfoBenchmarks} measured side by side: {@code getUser()}, the
 * bare {@code RestClient} call on the same request factory and the bare Apache HttpClient
 * 4.5 GET take turns in short blocks on one thread of one JVM, so that the ratios are not
 * moved by what the shared machine does over the minutes that separate JMH's benchmarks
 * (which run one after the other: two runs of them put the same ratio at 0.64 and at
 * 1.33). Each round runs every call for one block, in an order that rotates from round to
 * round; the ratio of a round is SDK ops ÷ other ops in it, and the run prints the median
 * ratio of the rounds with their lower and upper quartile.
 * <p>
 * Not a JMH benchmark: the figure is a ratio of neighbours, not an absolute rate. Run it
 * with
 * {@code ./mvnw -B -Pratios,boot4 -pl wechat-oauth-benchmarks -am -DskipTests verify};
 * options in {@code -Dratios.args}: {@code --warm-up 30} (s per transport and scheme),
 * {@code --rounds 30}, {@code --block 300} (ms), {@code --schemes http,https},
 * {@code --transports default,jdk,jdk-plain}.
 */
public final class TransportRatios {

	private TransportRatios() {
	}

	/**
	 * Runs every transport and scheme and prints the table.
	 * @param args the options
	 * @throws Exception if a stand-in or client cannot start
	 */
	public static void main(String[] args) throws Exception {
		long warmUpMillis = 30_000;
		int rounds = 30;
		long blockMillis = 300;
		List<String> schemes = List.of("http", "https");
		List<String> transports = List.of("default", "jdk", "jdk-plain");
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--warm-up" -> warmUpMillis = Long.parseLong(args[i + 1]) * 1000;
				case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
				case "--block" -> blockMillis = Long.parseLong(args[i + 1]);
				case "--schemes" -> schemes = List.of(args[i + 1].split(",", -1));
				case "--transports" -> transports = List.of(args[i + 1].split(",", -1));
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		System.out.printf(Locale.ROOT, "Transport ratios: %d s warm-up, %d rounds of %d ms blocks per call%n",
				warmUpMillis / 1000, rounds, blockMillis);
		System.out.println("| scheme | transport | SDK getUser() ops/s | bare RestClient ops/s "
				+ "| SDK ÷ bare: median (quartiles) | bare HttpClient 4.5 ops/s | SDK ÷ HttpClient 4.5: median (quartiles) "
				+ "| bare ÷ HttpClient 4.5: median |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
		for (String scheme : schemes) {
			for (String transport : transports) {
				System.out.println(measure(scheme, transport, warmUpMillis, rounds, blockMillis));
			}
		}
	}

	private static String measure(String scheme, String transport, long warmUpMillis, int rounds, long blockMillis) {
		UserInfoBenchmarks.Stand stand = new UserInfoBenchmarks.Stand();
		stand.scheme = scheme;
		stand.transport = transport;
		stand.setUp();
		UserInfoBenchmarks.Hc4Stand hc4 = new UserInfoBenchmarks.Hc4Stand();
		hc4.scheme = scheme;
		hc4.setUp();
		try {
			List<Supplier<UserInfo>> calls = List.of(() -> stand.client.getUser(WechatStandIn.OPENID), stand::bareGet,
					hc4::bareGet);
			long warmUpEnd = System.nanoTime() + warmUpMillis * 1_000_000;
			while (System.nanoTime() < warmUpEnd) {
				for (Supplier<UserInfo> call : calls) {
					run(call, blockMillis);
				}
			}
			double[][] rates = new double[calls.size()][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < calls.size(); k++) {
					int which = (round + k) % calls.size();
					rates[which][round] = run(calls.get(which), blockMillis);
				}
			}
			return String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %,.0f | %s | %s |", scheme, transport,
					mean(rates[0]), mean(rates[1]), withQuartiles(ratios(rates[0], rates[1])), mean(rates[2]),
					withQuartiles(ratios(rates[0], rates[2])),
					String.format(Locale.ROOT, "%.2f", quantile(ratios(rates[1], rates[2]), 0.5)));
		}
		finally {
			stand.tearDown();
			close(hc4);
		}
	}

	private static void close(UserInfoBenchmarks.Hc4Stand hc4) {
		try {
			hc4.tearDown();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes calls for a block of time; returns the calls per second. */
	private static double run(Supplier<UserInfo> call, long blockMillis) {
		long start = System.nanoTime();
		long end = start + blockMillis * 1_000_000;
		long calls = 0;
		long now;
		do {
			if (call.get() == null) {
				throw new IllegalStateException("no user");
			}
			calls++;
			now = System.nanoTime();
		}
		while (now < end);
		return calls * 1e9 / (now - start);
	}

	private static double mean(double[] values) {
		return Arrays.stream(values).average().orElse(0);
	}

	/** The ratios of the rounds, sorted. */
	private static List<Double> ratios(double[] numerators, double[] denominators) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < numerators.length; i++) {
			ratios.add(numerators[i] / denominators[i]);
		}
		ratios.sort(null);
		return ratios;
	}

	/** The median of sorted ratios, with their quartiles. */
	private static String withQuartiles(List<Double> sorted) {
		return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", quantile(sorted, 0.5), quantile(sorted, 0.25),
				quantile(sorted, 0.75));
	}

	private static double quantile(List<Double> sorted, double q) {
		double position = q * (sorted.size() - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(sorted.size() - 1, below + 1);
		return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
	}

}
