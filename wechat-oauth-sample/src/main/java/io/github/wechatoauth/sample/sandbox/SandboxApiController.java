package io.github.wechatoauth.sample.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wechatoauth.sample.RandomStrings;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParseException;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * WeChat's JSON endpoints, served by the sandbox with WeChat's paths and parameter names,
 * and WeChat's manners: every answer, error or not, is HTTP 200 with a JSON body declared
 * {@code text/plain}; errors are {@code {"errcode":N,"errmsg":"..., rid: ..."}}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping("/sandbox")
public class SandboxApiController {

	/** What WeChat declares for its JSON answers. */
	static final String WECHAT_CONTENT_TYPE = "text/plain";

	/**
	 * Spring Boot's own JSON writer: the sample uses whatever JSON library Boot gives it.
	 */
	private static final JsonWriter<Object> json = JsonWriter.standard();

	private final SandboxOAuth oauth;

	private final SandboxCredentials credentials;

	private final SandboxQrCodes qrCodes;

	private final SandboxStats stats;

	private final SandboxMiniProgram miniProgram;

	private final SandboxUsers users;

	private final SandboxScans scans;

	/**
	 * Creates the controller.
	 * @param oauth web authorization and Mini Program login
	 * @param credentials access tokens and tickets
	 * @param qrCodes parametric QR codes
	 * @param stats the request counts
	 * @param miniProgram Mini Program session keys and phone number codes
	 * @param users the test users
	 * @param scans who follows the account, since their first scan
	 */
	public SandboxApiController(SandboxOAuth oauth, SandboxCredentials credentials, SandboxQrCodes qrCodes,
			SandboxStats stats, SandboxMiniProgram miniProgram, SandboxUsers users, SandboxScans scans) {
		this.oauth = oauth;
		this.credentials = credentials;
		this.qrCodes = qrCodes;
		this.stats = stats;
		this.miniProgram = miniProgram;
		this.users = users;
		this.scans = scans;
	}

	@GetMapping("/sns/oauth2/access_token")
	ResponseEntity<byte[]> accessToken(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(required = false) @Nullable String secret,
			@RequestParam(required = false) @Nullable String code,
			@RequestParam(name = "grant_type", required = false) @Nullable String grantType) {
		return userToken(this.oauth.exchangeCode(appid, secret, code, grantType));
	}

	@GetMapping("/sns/oauth2/refresh_token")
	ResponseEntity<byte[]> refreshToken(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(name = "grant_type", required = false) @Nullable String grantType,
			@RequestParam(name = "refresh_token", required = false) @Nullable String refreshToken) {
		return userToken(this.oauth.refresh(appid, grantType, refreshToken));
	}

	@GetMapping("/sns/auth")
	ResponseEntity<byte[]> auth(@RequestParam(name = "access_token", required = false) @Nullable String accessToken,
			@RequestParam(required = false) @Nullable String openid) {
		this.oauth.verify(accessToken, openid);
		return answer(ok());
	}

	/**
	 * {@code sns/userinfo}. Any {@code lang} is accepted: since 2021 WeChat sends empty
	 * place names, the only fields a language would change.
	 */
	@GetMapping("/sns/userinfo")
	ResponseEntity<byte[]> userInfo(@RequestParam(name = "access_token", required = false) @Nullable String accessToken,
			@RequestParam(required = false) @Nullable String openid) {
		SandboxUser user = this.oauth.userInfo(accessToken, openid);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("openid", user.openid());
		body.put("nickname", user.nickname());
		body.put("sex", 0);
		body.put("province", "");
		body.put("city", "");
		body.put("country", "");
		body.put("headimgurl",
				ServletUriComponentsBuilder.fromCurrentContextPath()
					.path("/sandbox/avatar/{key}/132")
					.buildAndExpand(user.key())
					.toUriString());
		body.put("privilege", List.of());
		body.put("unionid", user.unionid());
		return answer(body);
	}

	@GetMapping("/sns/jscode2session")
	ResponseEntity<byte[]> codeToSession(@RequestParam(required = false) @Nullable String appid,
			@RequestParam(required = false) @Nullable String secret,
			@RequestParam(name = "js_code", required = false) @Nullable String jsCode,
			@RequestParam(name = "grant_type", required = false) @Nullable String grantType) {
		SandboxUser user = this.oauth.codeToSession(appid, secret, jsCode, grantType);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("session_key", this.miniProgram.sessionKey(jsCode));
		body.put("openid", user.openid());
		body.put("unionid", user.unionid());
		return answer(body);
	}

	/**
	 * {@code wxa/business/getuserphonenumber}: the phone number of a code from
	 * {@code /sandbox/mini-program/phone-code}.
	 */
	@PostMapping("/wxa/business/getuserphonenumber")
	ResponseEntity<byte[]> phoneNumber(HttpServletRequest request) {
		this.credentials.requireAccessToken(accessTokenOf(request));
		Map<String, Object> answer = ok();
		answer.put("phone_info", this.miniProgram.redeemPhoneCode(text(readBody(request), "code")));
		return answer(answer);
	}

	/**
	 * {@code cgi-bin/user/info}: a test user follows the account from their first
	 * simulated scan on.
	 */
	@GetMapping("/cgi-bin/user/info")
	ResponseEntity<byte[]> follower(@RequestParam(name = "access_token", required = false) @Nullable String accessToken,
			@RequestParam(required = false) @Nullable String openid) {
		this.credentials.requireAccessToken(accessToken);
		return answer(follower(openid));
	}

	/** {@code cgi-bin/user/info/batchget}. */
	@PostMapping("/cgi-bin/user/info/batchget")
	ResponseEntity<byte[]> followers(HttpServletRequest request) {
		this.credentials.requireAccessToken(accessTokenOf(request));
		if (!(readBody(request).get("user_list") instanceof List<?> list)) {
			throw WechatError.DATA_FORMAT_ERROR.exception();
		}
		List<Map<String, Object>> followers = list.stream()
			.map((entry) -> follower(
					(entry instanceof Map<?, ?> user && user.get("openid") instanceof String openid) ? openid : null))
			.toList();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("user_info_list", followers);
		return answer(answer);
	}

	@GetMapping("/cgi-bin/token")
	ResponseEntity<byte[]> token(@RequestParam(name = "grant_type", required = false) @Nullable String grantType,
			@RequestParam(required = false) @Nullable String appid,
			@RequestParam(required = false) @Nullable String secret) {
		return accessToken(this.credentials.token(grantType, appid, secret));
	}

	@PostMapping("/cgi-bin/stable_token")
	ResponseEntity<byte[]> stableToken(HttpServletRequest request) {
		Map<String, ?> body = readBody(request);
		return accessToken(this.credentials.stableToken(text(body, "grant_type"), text(body, "appid"),
				text(body, "secret"), "true".equals(text(body, "force_refresh"))));
	}

	@GetMapping("/cgi-bin/ticket/getticket")
	ResponseEntity<byte[]> ticket(@RequestParam(name = "access_token", required = false) @Nullable String accessToken,
			@RequestParam(required = false) @Nullable String type) {
		SandboxCredentials.Issued ticket = this.credentials.ticket(accessToken, type);
		Map<String, Object> answer = ok();
		answer.put("ticket", ticket.value());
		answer.put("expires_in", ticket.expiresIn());
		return answer(answer);
	}

	@PostMapping("/cgi-bin/qrcode/create")
	ResponseEntity<byte[]> createQrCode(HttpServletRequest request) {
		SandboxQrCode code = this.qrCodes.create(accessTokenOf(request), readBody(request));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("ticket", code.ticket());
		if (code.expiresAt() != null) {
			answer.put("expire_seconds", Duration.between(code.createdAt(), code.expiresAt()).toSeconds());
		}
		answer.put("url", code.url());
		return answer(answer);
	}

	/**
	 * {@code showqrcode} (on {@code mp.weixin.qq.com} at WeChat): the JPEG image of a
	 * live code, or 404.
	 */
	@GetMapping("/cgi-bin/showqrcode")
	ResponseEntity<byte[]> showQrCode(@RequestParam(required = false) @Nullable String ticket) {
		return this.qrCodes.findLive((ticket != null) ? ticket : "")
			.map((code) -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(QrCodeImages.jpeg(code.url())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
	}

	@GetMapping("/stats")
	ResponseEntity<byte[]> stats() {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(json.writeToString(this.stats.snapshot()).getBytes(StandardCharsets.UTF_8));
	}

	@ExceptionHandler(WechatErrorException.class)
	ResponseEntity<byte[]> error(WechatErrorException ex, HttpServletRequest request) {
		WechatError error = ex.getError();
		this.stats.countError(SandboxStats.endpointOf(request), error.code());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errcode", error.code());
		body.put("errmsg", error.message() + ", rid: " + requestId());
		return answer(body);
	}

	private Map<String, Object> follower(@Nullable String openid) {
		SandboxUser user = this.users.byOpenid(openid).orElseThrow(WechatError.INVALID_OPENID::exception);
		Map<String, Object> body = new LinkedHashMap<>();
		Instant since = this.scans.followingSince(user.openid()).orElse(null);
		body.put("subscribe", (since != null) ? 1 : 0);
		body.put("openid", user.openid());
		if (since != null) {
			body.put("language", "zh_CN");
			body.put("subscribe_time", since.getEpochSecond());
		}
		body.put("unionid", user.unionid());
		if (since != null) {
			body.put("remark", "");
			body.put("groupid", 0);
			body.put("tagid_list", List.of());
			body.put("subscribe_scene", "ADD_SCENE_QR_CODE");
			body.put("qr_scene", 0);
			body.put("qr_scene_str", "");
		}
		return body;
	}

	private static @Nullable String accessTokenOf(HttpServletRequest request) {
		String accessToken = ServletUriComponentsBuilder.fromRequest(request)
			.build()
			.getQueryParams()
			.getFirst("access_token");
		return (accessToken != null) ? UriUtils.decode(accessToken, StandardCharsets.UTF_8) : null;
	}

	private ResponseEntity<byte[]> userToken(SandboxOAuth.UserToken token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.accessToken());
		body.put("expires_in", token.expiresIn());
		body.put("refresh_token", token.refreshToken());
		body.put("openid", token.user().openid());
		body.put("scope", token.scope());
		body.put("unionid", token.user().unionid());
		return answer(body);
	}

	private static ResponseEntity<byte[]> accessToken(SandboxCredentials.Issued token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("expires_in", token.expiresIn());
		return answer(body);
	}

	private static Map<String, Object> ok() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errcode", 0);
		body.put("errmsg", "ok");
		return body;
	}

	private static ResponseEntity<byte[]> answer(Map<String, Object> body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, WECHAT_CONTENT_TYPE)
			.body(json.writeToString(body).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a POST body as JSON, whatever its declared type, as WeChat does. The body is
	 * read from the stream, and query parameters from the query string only, because a
	 * servlet container would take a body declared as a form for parameters.
	 */
	private static Map<String, ?> readBody(HttpServletRequest request) {
		try {
			return JsonParserFactory.getJsonParser()
				.parseMap(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException | JsonParseException ex) {
			// answered as WeChat does
			throw WechatError.DATA_FORMAT_ERROR.exception();
		}
	}

	private static @Nullable String text(Map<String, ?> body, String field) {
		Object value = body.get(field);
		return (value instanceof String || value instanceof Number || value instanceof Boolean) ? value.toString()
				: null;
	}

	/**
	 * WeChat ends every errmsg with a request id, such as
	 * {@code 65f1c2a3-1b2c3d4e-5f6a7b8c}.
	 */
	private static String requestId() {
		HexFormat hex = HexFormat.of();
		return hex.formatHex(RandomStrings.bytes(4)) + "-" + hex.formatHex(RandomStrings.bytes(4)) + "-"
				+ hex.formatHex(RandomStrings.bytes(4));
	}

}
