package io.github.wechatoauth.sample.sandbox;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a Mini Program on a test user's phone would receive, for trying the server side
 * without one: {@code GET /sandbox/mini-program/user-info?user=lilei} answers the
 * {@code jsCode} of {@code wx.login()} and the {@code encryptedData}, {@code iv},
 * {@code rawData} and {@code signature} of {@code wx.getUserInfo()}, made with the
 * session key that {@code code2Session(jsCode)} gives the server; and
 * {@code GET /sandbox/mini-program/phone-code?user=lilei} the code of the
 * {@code getPhoneNumber} button.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping("/sandbox/mini-program")
public class SandboxMiniProgramController {

	private final SandboxMiniProgram miniProgram;

	private final SandboxUsers users;

	/**
	 * Creates the controller.
	 * @param miniProgram the Mini Program side of the sandbox
	 * @param users the test users
	 */
	public SandboxMiniProgramController(SandboxMiniProgram miniProgram, SandboxUsers users) {
		this.miniProgram = miniProgram;
		this.users = users;
	}

	@GetMapping("/user-info")
	ResponseEntity<?> userInfo(@RequestParam(required = false) @Nullable String user) {
		SandboxUser found = this.users.byKey(user).orElse(null);
		if (found == null) {
			return unknownUser(user);
		}
		return ResponseEntity.ok(this.miniProgram.logIn(found));
	}

	@GetMapping("/phone-code")
	ResponseEntity<?> phoneCode(@RequestParam(required = false) @Nullable String user) {
		SandboxUser found = this.users.byKey(user).orElse(null);
		if (found == null) {
			return unknownUser(user);
		}
		return ResponseEntity.ok(Map.of("code", this.miniProgram.issuePhoneCode(found)));
	}

	private ResponseEntity<?> unknownUser(@Nullable String user) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", "no test user '" + user + "'; the users are "
					+ this.users.all().stream().map(SandboxUser::key).toList()));
	}

}
