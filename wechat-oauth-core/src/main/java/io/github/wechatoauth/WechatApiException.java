package io.github.wechatoauth;

/**
 * WeChat answered with a non-zero {@code errcode}: the request reached WeChat and it said
 * no.
 */
public class WechatApiException extends WechatException {

	/** Serialization version. */
	private static final long serialVersionUID = 1L;

	/** Endpoint that answered with the error. */
	private final String endpoint;

	/** WeChat's {@code errcode}. */
	private final int errorCode;

	/** WeChat's {@code errmsg}. */
	private final String errorMessage;

	/**
	 * Creates an exception for an error answer.
	 * @param endpoint the endpoint that answered, such as {@code sns/userinfo}
	 * @param errorCode WeChat's {@code errcode}
	 * @param errorMessage WeChat's {@code errmsg}
	 */
	public WechatApiException(String endpoint, int errorCode, String errorMessage) {
		super(endpoint + " failed: errcode " + errorCode + " (" + errorMessage + ")" + hint(errorCode));
		this.endpoint = endpoint;
		this.errorCode = errorCode;
		this.errorMessage = errorMessage;
	}

	/**
	 * Returns the endpoint that answered with the error.
	 * @return the endpoint path, such as {@code sns/oauth2/access_token}
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns WeChat's error code.
	 * @return the {@code errcode}, such as {@code 40029} for an invalid code
	 */
	public int getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Returns WeChat's error message, usually ending with a request id ({@code rid}).
	 * @return the {@code errmsg}
	 */
	public String getErrorMessage() {
		return this.errorMessage;
	}

	private static String hint(int errorCode) {
		return switch (errorCode) {
			case 40001, 40125 -> ": check wechat.secret (the AppSecret), or the access token was replaced";
			case 40013 -> ": check wechat.appid";
			case 40029, 40163, 42003 ->
				": the code is invalid, used or expired; send the user through authorization again";
			case 40164 -> ": add this server's outgoing IP address to the IP whitelist in the WeChat admin console";
			case 40243 -> ": the AppSecret is frozen; unfreeze or reset it in the WeChat admin console";
			case 48001 -> ": the scope, the account type or a snapshot-page user does not allow this call";
			default -> "";
		};
	}

}
