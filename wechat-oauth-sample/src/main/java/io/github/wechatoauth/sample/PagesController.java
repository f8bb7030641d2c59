package io.github.wechatoauth.sample;

import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.jssdk.JsSdkSignature;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page, and the JS-SDK page with the {@code wx.config} values for its own URL.
 */
@Controller
public class PagesController {

	private final WechatOAuthClient client;

	/**
	 * Creates the controller.
	 * @param client the app's WeChat client
	 */
	public PagesController(WechatOAuthClient client) {
		this.client = client;
	}

	@GetMapping("/")
	String home() {
		return "index";
	}

	/**
	 * Signs the page's own URL as the browser asked for it, query included: the URL a
	 * page inside WeChat passes to {@code wx.config} must be exactly that (behind a
	 * proxy, let Spring's forwarded-header support restore it).
	 */
	@GetMapping("/jssdk")
	String jsSdk(HttpServletRequest request, Model model) {
		StringBuilder url = new StringBuilder(request.getRequestURL());
		String query = request.getQueryString();
		if (query != null) {
			url.append('?').append(query);
		}
		JsSdkSignature signature = this.client.jsSdkSign(url.toString());
		model.addAttribute("signature", signature);
		return "jssdk";
	}

}
