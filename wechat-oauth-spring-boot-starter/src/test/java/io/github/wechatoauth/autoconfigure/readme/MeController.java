package io.github.wechatoauth.autoconfigure.readme;

import io.github.wechatoauth.security.WechatOAuth2User;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's controller that reads the logged-in WeChat user: the code between the tags
 * appears in the README verbatim, which {@code LoginReadmeTests} checks, and the login
 * tests call it.
 */
// tag::me[]
@RestController
public class MeController {

	@GetMapping("/me")
	String me(@AuthenticationPrincipal WechatOAuth2User user) {
		return "Hello, " + user.getNickname() + " (" + user.getOpenid() + ")";
	}

}
// end::me[]
