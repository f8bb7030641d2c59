package io.github.wechatoauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The stand-in's self-signed certificate for {@code localhost} and {@code 127.0.0.1}
 * (generated once with {@code keytool}, valid for 100 years, used on loopback only), and
 * this JVM's trust in it: loading this class makes the certificate the JVM's trust store,
 * so that every client (the JDK's, Apache HttpClient 4 and 5) trusts the stand-in as they
 * would trust WeChat, with host names verified.
 */
final class Tls {

	static final String PASSWORD = "password";

	static final Path KEYSTORE = copy("tls/standin-keystore.p12");

	private static final Path TRUSTSTORE = copy("tls/standin-truststore.p12");

	static {
		System.setProperty("javax.net.ssl.trustStore", TRUSTSTORE.toString());
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
		System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
	}

	private Tls() {
	}

	private static Path copy(String resource) {
		try (InputStream in = Tls.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the class path");
			}
			Path file = Files.createTempFile("wechat-stand-in-", ".p12");
			file.toFile().deleteOnExit();
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
