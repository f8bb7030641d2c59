package io.github.wechatoauth.sample;

import io.github.wechatoauth.WechatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page of the sample shares: the logged-in user for the header, and a readable
 * page when WeChat refuses a call or cannot be reached.
 */
@ControllerAdvice(basePackageClasses = SamplePageAdvice.class)
public class SamplePageAdvice {

	private static final Log logger = LogFactory.getLog(SamplePageAdvice.class);

	/**
	 * The logged-in user, under {@code currentUser}.
	 * @param request the request
	 * @return the user, or {@code null}
	 */
	@ModelAttribute("currentUser")
	public @Nullable SignedInUser currentUser(HttpServletRequest request) {
		return SignedInUser.from(request.getSession(false));
	}

	/**
	 * Shows what WeChat said, or why it could not be asked. The exceptions' messages
	 * never hold a secret or a token.
	 * @param ex the failure
	 * @param response the response, answered 502 Bad Gateway
	 * @return the page
	 */
	@ExceptionHandler(WechatException.class)
	public ModelAndView wechatFailed(WechatException ex, HttpServletResponse response) {
		logger.warn("A WeChat call failed: " + ex.getMessage());
		response.setStatus(HttpStatus.BAD_GATEWAY.value());
		ModelAndView page = new ModelAndView("wechat-error");
		page.addObject("message", ex.getMessage());
		return page;
	}

}
