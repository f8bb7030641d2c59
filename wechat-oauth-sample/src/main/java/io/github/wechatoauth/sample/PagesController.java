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

	private final String baseUrl;

	/**
	 * Creates the controller.
	 * @param client the app's WeChat client
	 * @param properties the sample's settings, with the base URL
	 */
	public PagesController(WechatOAuthClient client, SampleProperties properties) {
		this.client = client;
		this.baseUrl = properties.getBaseUrl().toString();
	}

	@GetMapping("/")
	String home() {
		return "index";
	}

	/**
	 * Signs the page's own URL, query included: the URL a page inside WeChat passes to
	 * {@code wx.config} must be exactly that. It is {@code sample.base-url} followed by
	 * the request's path and query, not the request's {@code Host} header.
	 */
	@GetMapping("/jssdk")
	String jsSdk(HttpServletRequest request, Model model) {
		StringBuilder url = new StringBuilder(this.baseUrl).append(request.getRequestURI());
		String query = request.getQueryString();
		if (query != null) {
			url.append('?').append(query);
		}
		JsSdkSignature signature = this.client.jsSdkSign(url.toString());
		model.addAttribute("signature", signature);
		return "jssdk";
	}

}
