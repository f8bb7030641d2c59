package io.github.wechatoauth.sample.sandbox;

/**
 * The errors the sandbox answers, with WeChat's codes and messages. The page errors
 * (10xxx) are shown on the authorization page; the others are JSON answers with HTTP 200.
 * Codes not in {@code wechat-api.md} are marked so.
 */
public enum WechatError {

	/** Wrong AppSecret, or an access token that is unknown or no longer the latest. */
	INVALID_CREDENTIAL(40001, "invalid credential, access_token is invalid or not latest"),

	/**
	 * Wrong AppSecret given to {@code cgi-bin/token}, whose documented answer is 40001.
	 */
	INVALID_CREDENTIAL_SECRET(40001, "invalid credential, appsecret is wrong or does not belong to this account"),

	/** {@code grant_type} is not the one the endpoint takes. */
	INVALID_GRANT_TYPE(40002, "invalid grant_type"),

	/** The openid does not belong to the token. */
	INVALID_OPENID(40003, "invalid openid"),

	/** Unknown appid. */
	INVALID_APPID(40013, "invalid appid"),

	/** A malformed access token. */
	INVALID_ACCESS_TOKEN(40014, "invalid access_token"),

	/** Unknown code. */
	INVALID_CODE(40029, "invalid code"),

	/** Unknown or missing refresh token. */
	INVALID_REFRESH_TOKEN(40030, "invalid refresh_token"),

	/** {@code qrcode/create} with an unknown action name (not in wechat-api.md). */
	INVALID_ACTION_NAME(40052, "invalid action name"),

	/**
	 * {@code qrcode/create} with a missing or out-of-range scene (not in wechat-api.md).
	 */
	INVALID_ACTION_INFO(40053, "invalid action info"),

	/** {@code getticket} with an unknown type (not in wechat-api.md). */
	INVALID_ARGS(40097, "invalid args"),

	/** Wrong AppSecret. */
	INVALID_APPSECRET(40125, "invalid appsecret"),

	/** A code that was already exchanged. */
	CODE_BEEN_USED(40163, "code been used"),

	/** No access token given. */
	ACCESS_TOKEN_MISSING(41001, "access_token missing"),

	/** No code given. */
	MISSING_CODE(41008, "missing code"),

	/** An access token past its {@code expires_in}. */
	ACCESS_TOKEN_EXPIRED(42001, "access_token expired"),

	/** A refresh token older than 30 days. */
	REFRESH_TOKEN_EXPIRED(42002, "refresh_token expired"),

	/** A code older than its lifetime (5 minutes, 10 for website login). */
	CODE_EXPIRED(42003, "code expired"),

	/** Daily quota used up (here: more than 20 forced {@code stable_token} refreshes). */
	DAILY_QUOTA(45009, "reach max api daily quota limit"),

	/** A POST body that is not JSON (not in wechat-api.md). */
	DATA_FORMAT_ERROR(47001, "data format error"),

	/** The token's scope does not allow the call. */
	API_UNAUTHORIZED(48001, "api unauthorized"),

	/** Page: {@code redirect_uri} outside the authorization callback domain. */
	REDIRECT_URI_MISMATCH(10003, "redirect_uri域名与后台配置不一致"),

	/** Page: a scope the account may not ask for on this page. */
	SCOPE_NOT_PERMITTED(10005, "此公众号并没有这些scope的权限"),

	/** Page: no scope. */
	SCOPE_EMPTY(10010, "scope不能为空"),

	/** Page: no redirect_uri. */
	REDIRECT_URI_EMPTY(10011, "redirect_uri不能为空"),

	/** Page: no appid. */
	APPID_EMPTY(10012, "appid不能为空"),

	/** Page: no state. */
	STATE_EMPTY(10013, "state不能为空");

	private final int code;

	private final String message;

	WechatError(int code, String message) {
		this.code = code;
		this.message = message;
	}

	/**
	 * Returns WeChat's {@code errcode}.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns WeChat's {@code errmsg}, without the request id.
	 * @return the message
	 */
	public String message() {
		return this.message;
	}

	/**
	 * Returns an exception that makes the sandbox answer with this error.
	 * @return the exception, to be thrown
	 */
	public WechatErrorException exception() {
		return new WechatErrorException(this);
	}

}
