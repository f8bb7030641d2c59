package io.github.wechatoauth.autoconfigure.readme;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.clients.WechatOAuthClients;
import io.github.wechatoauth.jssdk.JsSdkSignature;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's example of one account among several: the code between the tags appears in
 * the README verbatim, which {@code LoginReadmeTests} checks, and boots.
 */
// tag::apps[]
@RestController
public class ShopController {

	private final WechatOAuthClient shop;

	public ShopController(WechatOAuthClients clients) {
		this.shop = clients.get("shop"); // wechat.apps.shop.*
	}

	@GetMapping("/shop/js-sdk-signature")
	JsSdkSignature sign(@RequestParam String url) {
		return this.shop.jsSdkSign(url);
	}

}
// end::apps[]
