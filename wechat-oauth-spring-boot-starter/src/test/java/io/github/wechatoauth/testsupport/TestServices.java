package io.github.wechatoauth.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers that tests use on this machine, and what a test does when one is not
 * there: it skips itself, unless {@code WECHAT_IT_REQUIRE_SERVICES=true} (as on CI),
 * where it fails.
 */
public final class TestServices {

	public static final String HOST = "127.0.0.1";

	public static final int REDIS_PORT = 6379;

	public static final int POSTGRESQL_PORT = 5432;

	public static final int MARIADB_PORT = 3306;

	private TestServices() {
	}

	/**
	 * Skips (or, when services are required, fails) the calling test unless a server
	 * accepts connections.
	 */
	public static void assumeReachable(String service, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), 1000);
		}
		catch (IOException ex) {
			String message = service + " is not reachable at " + HOST + ":" + port + " (" + ex.getMessage() + ")";
			if (servicesRequired()) {
				Assertions.fail(message + " and WECHAT_IT_REQUIRE_SERVICES=true");
			}
			// Surefire does not report why a whole class was skipped: say it on the
			// console.
			String skipping = message + "; skipping. Set WECHAT_IT_REQUIRE_SERVICES=true to fail instead.";
			System.err.println("[SKIPPED] " + skipping);
			Assumptions.abort(skipping);
		}
	}

	public static boolean servicesRequired() {
		return "true".equalsIgnoreCase(System.getenv("WECHAT_IT_REQUIRE_SERVICES"));
	}

	/**
	 * Returns a random appid, so that parallel runs sharing a server never meet.
	 */
	public static String randomAppId() {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		return "wx" + HexFormat.of().formatHex(bytes);
	}

	/**
	 * Returns a random lowercase word of letters and digits, starting with a letter.
	 */
	public static String randomName(String start) {
		byte[] bytes = new byte[5];
		ThreadLocalRandom.current().nextBytes(bytes);
		return start + HexFormat.of().formatHex(bytes);
	}

}
