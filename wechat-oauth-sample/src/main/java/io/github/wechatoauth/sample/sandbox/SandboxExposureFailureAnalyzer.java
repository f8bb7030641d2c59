package io.github.wechatoauth.sample.sandbox;

import io.github.wechatoauth.sample.sandbox.SandboxExposure.SandboxExposedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up refused by {@link SandboxExposure}.
 */
public class SandboxExposureFailureAnalyzer extends AbstractFailureAnalyzer<SandboxExposedException> {

	/** Created by Spring Boot from {@code META-INF/spring.factories}. */
	public SandboxExposureFailureAnalyzer() {
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SandboxExposedException cause) {
		String address = (cause.getAddress() != null) ? cause.getAddress() : "every network interface";
		return new FailureAnalysis(
				"The built-in WeChat sandbox is on and the server would listen on " + address
						+ ", which is not a loopback address: anyone who can reach it could log in as any test user.",
				"Do one of these: listen on this machine only (server.address=127.0.0.1, the default while the "
						+ "sandbox is on); use real credentials (WECHAT_APPID and WECHAT_SECRET), which turn the "
						+ "sandbox off; or, knowing the above, set " + SandboxExposure.PUBLIC_PROPERTY + "=true.",
				cause);
	}

}
