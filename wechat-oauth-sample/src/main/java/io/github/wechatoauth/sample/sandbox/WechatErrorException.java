package io.github.wechatoauth.sample.sandbox;

/**
 * Thrown inside the sandbox to answer with a WeChat error: JSON with HTTP 200 from the
 * API endpoints, an error page from the authorization pages.
 */
public class WechatErrorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final WechatError error;

	/**
	 * Creates the exception.
	 * @param error the error to answer
	 */
	public WechatErrorException(WechatError error) {
		super("errcode " + error.code() + " (" + error.message() + ")", null, false, false);
		this.error = error;
	}

	/**
	 * Returns the error to answer.
	 * @return the error
	 */
	public WechatError getError() {
		return this.error;
	}

}
