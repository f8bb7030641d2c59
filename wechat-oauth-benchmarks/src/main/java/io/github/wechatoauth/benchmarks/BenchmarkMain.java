package io.github.wechatoauth.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
 * prints the ratio of {@link UserInfoBenchmarks#bareRestClient} to
 * {@link UserInfoBenchmarks#sdkGetUser} when both ran: how much longer a
 * {@code getUser()} round trip takes than the bare HTTP call under it.
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
		Result<?> sdk = find(results, "sdkGetUser");
		Result<?> bare = find(results, "bareRestClient");
		// The ratio is of throughputs: other modes (-bm avgt, sample) score time per
		// call.
		if (sdk == null || bare == null || !"ops/s".equals(sdk.getScoreUnit())
				|| !sdk.getScoreUnit().equals(bare.getScoreUnit())) {
			return;
		}
		out.println();
		out.println("getUser() round trip against the local WireMock, next to a bare RestClient call:");
		out.println(line("SDK getUser()", sdk));
		out.println(line("bare RestClient", bare));
		double ratio = bare.getScore() / sdk.getScore();
		String overhead = "";
		if (Math.abs(bare.getScore() - sdk.getScore()) <= errorOf(bare) + errorOf(sdk)) {
			overhead = ": the difference is within the error";
		}
		else if (ratio < 1) {
			// getUser() makes the bare call and more: faster means the machine was busy.
			overhead = ": the SDK measured faster, so the run was noisier than its error says";
		}
		else {
			double micros = 1e6 / sdk.getScore() - 1e6 / bare.getScore();
			overhead = String.format(Locale.ROOT, ": the SDK adds %.1f µs per call", micros);
		}
		out.println(String.format(Locale.ROOT, "  ratio %.2f (bare ÷ SDK throughput; 1.00 = no overhead)%s", ratio,
				overhead));
	}

	/** The 99.9% confidence half-interval, 0 when too few iterations ran to have one. */
	private static double errorOf(Result<?> result) {
		double error = result.getScoreError();
		return Double.isNaN(error) ? 0 : error;
	}

	private static String line(String name, Result<?> result) {
		return String.format(Locale.ROOT, "  %-16s %,12.0f ± %,.0f %s", name, result.getScore(), result.getScoreError(),
				result.getScoreUnit());
	}

	private static @Nullable Result<?> find(Collection<RunResult> results, String method) {
		for (RunResult result : results) {
			if (result.getParams().getBenchmark().endsWith("." + method)) {
				return result.getPrimaryResult();
			}
		}
		return null;
	}

}
