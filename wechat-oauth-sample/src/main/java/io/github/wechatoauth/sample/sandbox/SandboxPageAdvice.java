package io.github.wechatoauth.sample.sandbox;

import java.util.List;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the app's pages that the sandbox is on: they show a banner and, on the "Follow to
 * log in" page, a "Simulate scan" button with the test users to scan as.
 */
@ControllerAdvice(basePackages = "io.github.wechatoauth.sample")
@ConditionalOnSandbox
public class SandboxPageAdvice {

	private final SandboxUsers users;

	/**
	 * Creates the advice.
	 * @param users the test users
	 */
	public SandboxPageAdvice(SandboxUsers users) {
		this.users = users;
	}

	/**
	 * The test users, under {@code sandboxUsers}; absent when the sandbox is off.
	 * @return the users, the default first
	 */
	@ModelAttribute("sandboxUsers")
	public List<SandboxUser> sandboxUsers() {
		return this.users.all();
	}

}
