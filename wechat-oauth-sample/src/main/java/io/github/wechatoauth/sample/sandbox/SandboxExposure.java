package io.github.wechatoauth.sample.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the sandbox to the developer's own machine. While it is on, anyone who can open
 * the app can log in as any test user, so the app says so once at start-up (WARN), and
 * refuses to start when {@code server.address} is not a loopback address (while the
 * sandbox is on it defaults to {@code 127.0.0.1}) unless {@code sample.sandbox.public} is
 * {@code true}. It runs before the server listens.
 */
@Component
@ConditionalOnSandbox
public class SandboxExposure implements InitializingBean {

	/** Property that lets the sandbox listen on a non-loopback address. */
	public static final String PUBLIC_PROPERTY = "sample.sandbox.public";

	private static final Log logger = LogFactory.getLog(SandboxExposure.class);

	private final Environment environment;

	private final SandboxUsers users;

	/**
	 * Creates the check.
	 * @param environment where {@code server.address} and {@code sample.sandbox.public}
	 * are read
	 * @param users the test users, named in the warning
	 */
	public SandboxExposure(Environment environment, SandboxUsers users) {
		this.environment = environment;
		this.users = users;
	}

	@Override
	public void afterPropertiesSet() {
		String address = this.environment.getProperty("server.address");
		boolean allowedPublic = this.environment.getProperty(PUBLIC_PROPERTY, Boolean.class, false);
		if (!allowedPublic && !isLoopback(address)) {
			throw new SandboxExposedException(address);
		}
		String names = this.users.all().stream().map(SandboxUser::nickname).collect(Collectors.joining(", "));
		logger
			.warn("The WeChat sandbox is on: anyone who can open this app can log in as any of its test users (" + names
					+ ") without a password. It listens on " + ((address != null) ? address : "every network interface")
					+ ". Set WECHAT_APPID and WECHAT_SECRET to use the real WeChat instead.");
	}

	private static boolean isLoopback(@Nullable String address) {
		if (address == null || address.isBlank()) {
			// Unset, the server listens on every interface.
			return false;
		}
		try {
			return InetAddress.getByName(address.strip()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Thrown at start-up when the sandbox would listen on a non-loopback address.
	 */
	public static class SandboxExposedException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		private final @Nullable String address;

		/**
		 * Creates the exception.
		 * @param address the configured {@code server.address}, or {@code null} (every
		 * interface)
		 */
		public SandboxExposedException(@Nullable String address) {
			super("The WeChat sandbox is on, and server.address=" + ((address != null) ? address : "(unset)")
					+ " is not a loopback address: anyone who can reach it could log in as any test user. Set "
					+ "server.address=127.0.0.1, or set WECHAT_APPID and WECHAT_SECRET to turn the sandbox off, or set "
					+ PUBLIC_PROPERTY + "=true to expose the sandbox anyway.");
			this.address = address;
		}

		/**
		 * Returns the address the server would have listened on.
		 * @return {@code server.address}, or {@code null} for every interface
		 */
		public @Nullable String getAddress() {
			return this.address;
		}

	}

}
