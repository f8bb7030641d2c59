package io.github.wechatoauth.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged sample in Spring AOT mode on the JVM: {@code process-aot} generated its
 * bean definitions at build time, and this test starts the runnable jar
 * ({@code repackage}'s {@code -exec} one) in a child JVM with
 * {@code -Dspring.aot.enabled=true} on a free port, as a user would, then walks one
 * log-in through the sandbox over HTTP: the authorization link, the sandbox's consent
 * page, Allow, the callback, and the profile with the test user's nickname. The child's
 * output goes to {@code target/sample-aot.log}, not to the build's console; readiness is
 * its "Started" line, awaited within a budget. Failsafe runs it after {@code package}.
 */
class SampleAotIT {

	private static final Path JAR = Path.of(System.getProperty("sample.exec-jar", "target/missing-exec.jar"));

	private static final Path LOG = Path.of("target", "sample-aot.log");

	/** Start-up on a busy two-core machine, JIT-cold. */
	private static final Duration START_BUDGET = Duration.ofMinutes(3);

	private static final Duration STOP_BUDGET = Duration.ofSeconds(60);

	private static final Duration REQUEST_BUDGET = Duration.ofSeconds(30);

	private static final Pattern HIDDEN_INPUT = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	private static final Pattern NICKNAME = Pattern.compile("id=\"nickname\"[^>]*>([^<]*)<");

	private static final Pattern OPENID = Pattern.compile("id=\"openid\"[^>]*>([^<]*)<");

	private static Process app;

	private static CompletableFuture<Void> started;

	private static CompletableFuture<Void> outputClosed;

	private static volatile boolean stopping;

	private static int port;

	private static HttpClient http;

	@BeforeAll
	static void startTheJarInAotMode() throws IOException {
		assertThat(JAR).as("the runnable jar, built by `package`").isRegularFile();
		try (JarFile jar = new JarFile(JAR.toFile())) {
			// Spring Boot refuses to start in AOT mode without it, so a start proves it
			// ran.
			assertThat(jar.getEntry(
					"BOOT-INF/classes/io/github/wechatoauth/sample/SampleApplication__ApplicationContextInitializer.class"))
				.as("the AOT initializer that process-aot generated")
				.isNotNull();
		}
		port = freePort();
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dspring.aot.enabled=true", "-Xmx512m",
				"-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--server.port=" + port)
			.redirectErrorStream(true);
		// As on a machine without real credentials, so that the sandbox is on.
		builder.environment().keySet().removeIf((name) -> name.startsWith("WECHAT_") || name.startsWith("SAMPLE_"));
		Files.createDirectories(LOG.getParent());
		app = builder.start();
		app.getOutputStream().close();
		started = new CompletableFuture<>();
		outputClosed = CompletableFuture.runAsync(SampleAotIT::copyOutputToLog);
		http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(REQUEST_BUDGET)
			.build();
	}

	@AfterAll
	static void stopTheApp() throws Exception {
		if (app == null) {
			return;
		}
		stopping = true;
		// SIGTERM, as Process.destroy() sends, but without closing the app's output
		// before it has said how it shut down.
		app.toHandle().destroy();
		try {
			app.onExit().get(STOP_BUDGET.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			app.destroyForcibly().onExit().get(STOP_BUDGET.toSeconds(), TimeUnit.SECONDS);
		}
		outputClosed.get(STOP_BUDGET.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void logsInWithWechatThroughTheSandboxInAotMode() throws Exception {
		awaitStart();
		String base = "http://localhost:" + port;

		HttpResponse<String> home = get(URI.create(base + "/"));
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("id=\"login-wechat\"");

		HttpResponse<String> login = get(URI.create(base + "/login/wechat"));
		assertThat(login.statusCode()).isEqualTo(302);
		URI authorize = location(login);
		assertThat(authorize.toString()).startsWith(base + "/sandbox/connect/oauth2/authorize?appid=");

		HttpResponse<String> consent = get(withoutFragment(authorize));
		assertThat(consent.statusCode()).isEqualTo(200);
		assertThat(consent.body()).contains("微信授权");
		Map<String, String> form = hiddenInputs(consent.body());
		assertThat(form).containsKeys("appid", "redirect_uri", "scope", "state", "_csrf");
		form.put("user", "xiaoming");
		form.put("decision", "allow");

		HttpResponse<String> allowed = post(URI.create(base + "/sandbox/connect/oauth2/authorize"), form);
		assertThat(allowed.statusCode()).isEqualTo(302);
		URI callback = location(allowed);
		assertThat(callback.toString()).startsWith(base + "/callback?code=");

		HttpResponse<String> signedIn = get(callback);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		URI profileLink = location(signedIn);
		assertThat(profileLink).isEqualTo(URI.create(base + "/profile"));

		HttpResponse<String> profile = get(profileLink);
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(first(NICKNAME, profile.body())).isEqualTo("王小明");
		assertThat(first(OPENID, profile.body())).isEqualTo("oSbx4Wang_XiaoMing7Tq2LpZ9cA");

		assertThat(Files.readAllLines(LOG)).as("the app's log in AOT mode")
			.noneMatch((line) -> line.contains(" ERROR ") || line.startsWith("\tat "));
	}

	private static void awaitStart() throws InterruptedException, IOException {
		try {
			started.get(START_BUDGET.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			fail("The app did not start within " + START_BUDGET + "; its log:\n" + Files.readString(LOG));
		}
		catch (ExecutionException ex) {
			fail("The app stopped before it started (exit code " + app.waitFor() + "); its log:\n"
					+ Files.readString(LOG));
		}
	}

	/** Copies the child's output to the log, and completes {@link #started}. */
	private static void copyOutputToLog() {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
				Writer log = Files.newBufferedWriter(LOG, StandardCharsets.UTF_8)) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				log.write(line);
				log.write('\n');
				if (line.contains("Started SampleApplication in")) {
					log.flush();
					started.complete(null);
				}
			}
		}
		catch (IOException ex) {
			// Process.destroyForcibly() closes the pipe under a blocked read.
			if (!stopping) {
				throw new UncheckedIOException(ex);
			}
		}
		finally {
			started.completeExceptionally(new IllegalStateException("The app's output ended"));
		}
	}

	private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_BUDGET).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(URI uri, Map<String, String> form)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http.send(HttpRequest.newBuilder(uri)
			.timeout(REQUEST_BUDGET)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI location(HttpResponse<String> response) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("no Location on " + response.uri()));
		return response.uri().resolve(location);
	}

	private static URI withoutFragment(URI uri) {
		String link = uri.toString();
		int hash = link.indexOf('#');
		return (hash < 0) ? uri : URI.create(link.substring(0, hash));
	}

	private static Map<String, String> hiddenInputs(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher input = HIDDEN_INPUT.matcher(html);
		while (input.find()) {
			fields.put(input.group(1), HtmlUtils.htmlUnescape(input.group(2)));
		}
		return fields;
	}

	private static String first(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
		return matcher.group(1).strip();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
