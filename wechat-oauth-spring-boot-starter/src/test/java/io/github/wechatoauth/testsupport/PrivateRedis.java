package io.github.wechatoauth.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of a test's own on a free loopback port, which the test can
 * pause ({@code kill -STOP}: connections stay open and nothing answers), resume
 * ({@code kill -CONT}) and kill; closing it kills it by its pid. Never the shared Redis.
 */
public final class PrivateRedis implements AutoCloseable {

	private final Process process;

	private final Path directory;

	private final int port;

	private PrivateRedis(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts a server, or skips the calling test (fails it where services are required)
	 * when {@code redis-server} cannot be started.
	 */
	public static PrivateRedis start() {
		try {
			int port = freePort();
			Path directory = Files.createTempDirectory("private-redis");
			Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("redis.log").toFile())
				.start();
			PrivateRedis redis = new PrivateRedis(process, directory, port);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (!accepts(port)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					redis.close();
					throw new IOException("redis-server did not start on port " + port);
				}
				Thread.sleep(20);
			}
			return redis;
		}
		catch (IOException ex) {
			String message = "Could not start a redis-server of the test's own (" + ex.getMessage() + ")";
			if (TestServices.servicesRequired()) {
				Assertions.fail(message + " and WECHAT_IT_REQUIRE_SERVICES=true");
			}
			System.err.println("[SKIPPED] " + message);
			Assumptions.abort(message);
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Stops the server's process: it keeps its connections and answers nothing. */
	public void pause() {
		signal("-STOP");
	}

	/** Lets a paused server go on. */
	public void resume() {
		signal("-CONT");
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			// A stopped process would not see a TERM until continued.
			signal("-CONT");
			this.process.destroyForcibly();
			try {
				this.process.waitFor(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + signal + " " + this.process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(TestServices.HOST, port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
