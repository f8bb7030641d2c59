package io.github.wechatoauth.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmarks as {@link Main JMH's own main} does, with the same arguments, then
 * prints, of what ran, the table of {@link UserInfoBenchmarks}: {@code getUser()} next to
 * a bare {@code RestClient} on the same request factory and to a bare Apache HttpClient
 * 4.5, per transport and scheme (with bytes allocated per call under {@code -prof gc}),
 * and how {@code jsSdkSign(url)} scales from one thread to two.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args JMH's command-line arguments ({@code -h} lists them)
	 * @throws Exception if JMH cannot run
	 */
	public static void main(String[] args) throws Exception {
		CommandLineOptions options;
		try {
			options = new CommandLineOptions(args);
		}
		catch (CommandLineOptionException ex) {
			System.err.println("Error parsing command line: " + ex.getMessage());
			System.exit(1);
			return;
		}
		if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
				|| options.shouldListProfilers() || options.shouldListResultFormats()) {
			Main.main(args);
			return;
		}
		Collection<RunResult> results;
		try {
			results = new Runner(options).run();
		}
		catch (RunnerException ex) {
			System.err.println("Benchmarks failed: " + ex.getMessage());
			System.exit(1);
			return;
		}
		printOverhead(results, new PrintStream(System.out, true, StandardCharsets.UTF_8));
		Set<String> failed = failed(options, results);
		if (!failed.isEmpty()) {
			// JMH reports a failed benchmark and goes on with the others; the run still
			// fails.
			System.err.println("Failed (see their errors above): " + String.join(", ", failed));
			System.exit(1);
		}
	}

	/** Returns the benchmarks that the options selected but that have no result. */
	private static Set<String> failed(Options options, Collection<RunResult> results) {
		List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
		OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
		Set<String> failed = new TreeSet<>();
		for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(silent, includes, options.getExcludes())) {
			failed.add(entry.getUsername());
		}
		for (RunResult result : results) {
			failed.remove(result.getParams().getBenchmark());
		}
		return failed;
	}

	static void printOverhead(Collection<RunResult> results, PrintStream out) {
		List<String> lines = new ArrayList<>();
		for (String scheme : List.of("http", "https")) {
			RunResult hc4 = find(results, "bareApacheHttpClient4", Map.of("scheme", scheme));
			for (String transport : List.of("default", "jdk", "jdk-plain")) {
				Map<String, String> params = Map.of("transport", transport, "scheme", scheme);
				RunResult sdk = find(results, "sdkGetUser", params);
				RunResult bare = find(results, "bareRestClient", params);
				if (sdk == null || bare == null || !throughput(sdk)) {
					continue;
				}
				lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s |", scheme, transport,
						score(sdk), score(bare), ratio(sdk, bare), (hc4 != null) ? score(hc4) : "-",
						(hc4 != null) ? String.format(Locale.ROOT, "%.2f", ratio(sdk, hc4)) : "-")
						+ String.format(Locale.ROOT, " %s | %s |", allocated(sdk), allocated(bare)));
			}
		}
		if (!lines.isEmpty()) {
			out.println();
			out.println("getUser() round trips to the local WireMock (ratios of throughputs; B/op with -prof gc):");
			out.println("| scheme | transport | SDK getUser() ops/s | bare RestClient ops/s | SDK ÷ bare "
					+ "| bare HttpClient 4.5 ops/s | SDK ÷ HttpClient 4.5 | SDK B/op | bare B/op |");
			out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
			lines.forEach(out::println);
		}
		RunResult one = find(results, "jsSdkSignMemoryStore", Map.of());
		RunResult two = find(results, "jsSdkSignMemoryStoreTwoThreads", Map.of());
		if (one != null && two != null && throughput(one)) {
			out.println();
			out.println(String.format(Locale.ROOT,
					"jsSdkSign(url): 1 thread %s ops/s (%s B/op), 2 threads %s ops/s: 2 threads ÷ 1 thread %.2f",
					score(one), allocated(one), score(two), ratio(two, one)));
		}
	}

	private static boolean throughput(RunResult result) {
		// Ratios are of throughputs: other modes (-bm avgt, sample) score time per call.
		return "ops/s".equals(result.getPrimaryResult().getScoreUnit());
	}

	private static double ratio(RunResult numerator, RunResult denominator) {
		return numerator.getPrimaryResult().getScore() / denominator.getPrimaryResult().getScore();
	}

	private static String score(RunResult result) {
		Result<?> primary = result.getPrimaryResult();
		return String.format(Locale.ROOT, "%,.0f ± %,.0f", primary.getScore(), errorOf(primary));
	}

	/** Bytes allocated per operation, measured by {@code -prof gc}. */
	private static String allocated(RunResult result) {
		Result<?> bytes = result.getSecondaryResults().get("·gc.alloc.rate.norm");
		if (bytes == null) {
			bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
		}
		return (bytes != null) ? String.format(Locale.ROOT, "%,.0f", bytes.getScore()) : "-";
	}

	/** The 99.9% confidence half-interval, 0 when too few iterations ran to have one. */
	private static double errorOf(Result<?> result) {
		double error = result.getScoreError();
		return Double.isNaN(error) ? 0 : error;
	}

	private static @Nullable RunResult find(Collection<RunResult> results, String method, Map<String, String> params) {
		for (RunResult result : results) {
			if (result.getParams().getBenchmark().endsWith("." + method) && params.entrySet()
				.stream()
				.allMatch((param) -> param.getValue().equals(result.getParams().getParam(param.getKey())))) {
				return result;
			}
		}
		return null;
	}

}
