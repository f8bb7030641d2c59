package io.github.wechatoauth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.wechatoauth.api.WechatApi;
import io.github.wechatoauth.credential.AccessTokenSource;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.ClientAccessToken;
import io.github.wechatoauth.credential.CredentialListener;
import io.github.wechatoauth.credential.CredentialPolicy;
import io.github.wechatoauth.store.BoundedSharedStore;
import io.github.wechatoauth.store.BoundedTokenStore;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.credential.JsApiTicket;
import io.github.wechatoauth.follower.Follower;
import io.github.wechatoauth.follower.Followers;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.WechatHttp;
import io.github.wechatoauth.jssdk.JsSdkSignature;
import io.github.wechatoauth.jssdk.JsSdkSigner;
import io.github.wechatoauth.miniprogram.MiniProgramUserData;
import io.github.wechatoauth.miniprogram.MiniProgramUserInfo;
import io.github.wechatoauth.miniprogram.PhoneNumber;
import io.github.wechatoauth.miniprogram.WechatDecryptionException;
import io.github.wechatoauth.oauth.AuthorizeUrls;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.Lang;
import io.github.wechatoauth.oauth.MiniProgramLogin;
import io.github.wechatoauth.oauth.Scope;
import io.github.wechatoauth.oauth.Session;
import io.github.wechatoauth.oauth.TokenStore;
import io.github.wechatoauth.oauth.UserAuthorization;
import io.github.wechatoauth.oauth.UserInfo;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.qrcode.QrCodeTicket;
import io.github.wechatoauth.qrcode.QrCodes;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;

/**
 * The entry point to one WeChat Official Account (or Mini Program): web authorization,
 * user info, {@code code2Session}, the app access token, {@code jsapi_ticket}, JS-SDK
 * signatures and parametric QR codes. Thread-safe; build one per appid and share it.
 * Without a {@link Builder#restClientBuilder RestClient.Builder}, it creates its own HTTP
 * transport (a connection pool, or the JDK client's threads), which {@link #close()}
 * releases; a Spring container closes a client bean by itself. <pre>{@code
 * WechatOAuthClient client = WechatOAuthClient.builder()
 *     .appId("wx1234567890abcdef")
 *     .appSecret(System.getenv("WECHAT_SECRET"))
 *     .build();
 * }</pre>
 */
public final class WechatOAuthClient implements AutoCloseable {

	private final String appId;

	private final Lang defaultLang;

	private final AuthorizeUrls authorizeUrls;

	private final UserAuthorization userAuthorization;

	private final MiniProgramLogin miniProgramLogin;

	private final AppCredentials credentials;

	private final JsSdkSigner jsSdkSigner;

	private final QrCodes qrCodes;

	private final MiniProgramUserData miniProgramUserData;

	private final Followers followers;

	private final SharedStore sharedStore;

	private final WechatApi api;

	private final WechatHttp http;

	private WechatOAuthClient(Builder builder) {
		this.appId = Arguments.requireText(builder.appId, "appId");
		this.defaultLang = builder.defaultLang;
		String appSecret = Arguments.requireText(builder.appSecret, "appSecret");
		this.http = new WechatHttp(builder.restClientBuilder, builder.connectTimeout, builder.readTimeout,
				builder.busyRetry);
		ClientContext context = new ClientContext(this.appId, appSecret, this.http, builder.apiBaseUrl,
				builder.openBaseUrl, builder.mpBaseUrl, builder.clock);
		TokenStore tokenStore = (builder.tokenStore != null) ? BoundedTokenStore.of(builder.tokenStore,
				builder.storeTimeout, builder.clock, builder.credentialListener)
				: new InMemoryTokenStore(builder.clock);
		SharedStore sharedStore = (builder.sharedStore != null) ? BoundedSharedStore.of(builder.sharedStore,
				builder.storeTimeout, builder.clock, builder.credentialListener)
				: new InMemorySharedStore(builder.clock);
		this.sharedStore = sharedStore;
		this.authorizeUrls = new AuthorizeUrls(context);
		this.userAuthorization = new UserAuthorization(context, tokenStore);
		this.miniProgramLogin = new MiniProgramLogin(context);
		this.credentials = new AppCredentials(context, builder.accessTokenSource, sharedStore, builder.credentialPolicy,
				builder.credentialListener);
		this.jsSdkSigner = new JsSdkSigner(context, this.credentials);
		this.qrCodes = new QrCodes(context, this.credentials);
		this.miniProgramUserData = new MiniProgramUserData(context, this.credentials);
		this.followers = new Followers(context, this.credentials);
		this.api = new WechatApi(context, this.credentials);
	}

	/**
	 * Starts building a client.
	 * @return a builder; {@link Builder#appId} and {@link Builder#appSecret} are required
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the appid this client works for.
	 * @return the appid
	 */
	public String getAppId() {
		return this.appId;
	}

	/**
	 * Returns the link that sends a browser inside WeChat to the authorization page
	 * ({@code connect/oauth2/authorize}, parameters in WeChat's order, ending with
	 * {@code #wechat_redirect}). {@link Scope#SNSAPI_LOGIN} gives the website QR login
	 * link of {@link #getAuthorizeUrlForWebsite} instead.
	 * @param redirectUri where WeChat sends the browser back with {@code code} and
	 * {@code state}
	 * @param state a CSRF token checked on return: 1 to 128 characters of
	 * {@code a-zA-Z0-9}
	 * @param scope {@link Scope#SNSAPI_BASE} (silent, openid only) or
	 * {@link Scope#SNSAPI_USERINFO} (consent page)
	 * @return the link
	 */
	public String getAuthorizeUrl(String redirectUri, String state, Scope scope) {
		return this.authorizeUrls.forOfficialAccount(redirectUri, state, scope);
	}

	/**
	 * Returns the website QR login link ({@code connect/qrconnect}, {@code snsapi_login})
	 * of an Open Platform website application, for desktop browsers.
	 * @param redirectUri where WeChat sends the browser back
	 * @param state a CSRF token checked on return: 1 to 128 characters of
	 * {@code a-zA-Z0-9}
	 * @return the link
	 */
	public String getAuthorizeUrlForWebsite(String redirectUri, String state) {
		return this.authorizeUrls.forWebsite(redirectUri, state);
	}

	/**
	 * Exchanges an authorization code for the user's token
	 * ({@code sns/oauth2/access_token}) and saves it in the {@link TokenStore} under the
	 * user's openid.
	 * @param code the code from the redirect; single-use, valid 5 minutes
	 * @return the token
	 */
	public UserToken getAccessToken(String code) {
		return this.userAuthorization.getAccessToken(code);
	}

	/**
	 * Refreshes a user token ({@code sns/oauth2/refresh_token}) and saves the result.
	 * @param refreshToken the refresh token, valid 30 days from the user's authorization
	 * @return the refreshed token
	 */
	public UserToken refreshAccessToken(String refreshToken) {
		return this.userAuthorization.refreshAccessToken(refreshToken);
	}

	/**
	 * Asks WeChat whether a user access token is valid ({@code sns/auth}).
	 * @param openid the user's openid
	 * @param accessToken the user access token
	 * @return whether it is valid for that user
	 */
	public boolean verifyToken(String openid, String accessToken) {
		return this.userAuthorization.verifyToken(openid, accessToken);
	}

	/**
	 * Reads a user's info ({@code sns/userinfo}) with the token stored for them,
	 * refreshed first if it has expired, in the default language ({@link Lang#ZH_CN}
	 * unless the builder set another).
	 * @param openid the user's openid
	 * @return the user's info
	 * @throws WechatAuthorizationRequiredException if no usable token is stored for the
	 * user
	 */
	public UserInfo getUser(String openid) {
		return getUser(openid, this.defaultLang);
	}

	/**
	 * Reads a user's info ({@code sns/userinfo}) with the token stored for them,
	 * refreshed first if it has expired.
	 * @param openid the user's openid
	 * @param lang the language of place names
	 * @return the user's info
	 * @throws WechatAuthorizationRequiredException if no usable token is stored for the
	 * user
	 */
	public UserInfo getUser(String openid, Lang lang) {
		return this.userAuthorization.getUser(openid, lang);
	}

	/**
	 * Reads a user's info ({@code sns/userinfo}) with a user access token you hold, as it
	 * is: the {@link TokenStore} is not used, and a rejected token is not refreshed (use
	 * {@link #getUser(String, Lang)} for that).
	 * @param openid the user's openid
	 * @param accessToken the user access token, from a {@code snsapi_userinfo}
	 * authorization
	 * @param lang the language of place names
	 * @return the user's info
	 */
	public UserInfo getUser(String openid, String accessToken, Lang lang) {
		return this.userAuthorization.getUser(openid, accessToken, lang);
	}

	/**
	 * Exchanges a code for the user's token (saving it) and reads their info, in the
	 * default language.
	 * @param code the code from the redirect
	 * @return the user's info
	 * @throws WechatAuthorizationRequiredException if the user authorized
	 * {@code snsapi_base} only
	 */
	public UserInfo getUserByCode(String code) {
		return getUserByCode(code, this.defaultLang);
	}

	/**
	 * Exchanges a code for the user's token (saving it) and reads their info.
	 * @param code the code from the redirect
	 * @param lang the language of place names
	 * @return the user's info
	 * @throws WechatAuthorizationRequiredException if the user authorized
	 * {@code snsapi_base} only
	 */
	public UserInfo getUserByCode(String code, Lang lang) {
		return this.userAuthorization.getUserByCode(code, lang);
	}

	/**
	 * Exchanges a Mini Program login code for a session ({@code sns/jscode2session}).
	 * @param jsCode the code from {@code wx.login()}
	 * @return the session
	 */
	public Session code2Session(String jsCode) {
		return this.miniProgramLogin.code2Session(jsCode);
	}

	/**
	 * Decrypts the profile a Mini Program got from {@code wx.getUserInfo} (AES-128-CBC
	 * with the session key) and checks that its watermark names this appid.
	 * @param sessionKey the session key of the user's latest {@link #code2Session}
	 * @param encryptedData the {@code encryptedData}, Base64
	 * @param iv the {@code iv}, Base64
	 * @return the profile
	 * @throws WechatDecryptionException if the data does not decrypt to a profile for
	 * this appid; the message never holds the session key or the plaintext
	 */
	public MiniProgramUserInfo decryptUserInfo(String sessionKey, String encryptedData, String iv) {
		return this.miniProgramUserData.decryptUserInfo(sessionKey, encryptedData, iv);
	}

	/**
	 * Decrypts the phone number of the legacy {@code getPhoneNumber} button (which sends
	 * {@code encryptedData}) and checks that its watermark names this appid. The button
	 * now sends a code: see {@link #getPhoneNumber(String)}.
	 * @param sessionKey the session key of the user's latest {@link #code2Session}
	 * @param encryptedData the {@code encryptedData}, Base64
	 * @param iv the {@code iv}, Base64
	 * @return the phone number
	 * @throws WechatDecryptionException if the data does not decrypt to a phone number
	 * for this appid; the message never holds the session key or the plaintext
	 */
	public PhoneNumber decryptPhoneNumber(String sessionKey, String encryptedData, String iv) {
		return this.miniProgramUserData.decryptPhoneNumber(sessionKey, encryptedData, iv);
	}

	/**
	 * Tells whether the {@code rawData} of {@code wx.getUserInfo} carries WeChat's
	 * signature: {@code sha1(rawData + sessionKey)}, compared in constant time.
	 * @param rawData the {@code rawData}, as received
	 * @param signature the {@code signature} sent with it
	 * @param sessionKey the session key of the user's latest {@link #code2Session}
	 * @return whether the signature matches
	 */
	public boolean verifyRawData(String rawData, String signature, String sessionKey) {
		return this.miniProgramUserData.verifyRawData(rawData, signature, sessionKey);
	}

	/**
	 * Exchanges the code of the Mini Program's {@code getPhoneNumber} button for the
	 * user's phone number ({@code wxa/business/getuserphonenumber}, with the app access
	 * token). The code is single-use: a busy WeChat ({@code errcode -1}) is not asked
	 * again.
	 * @param code the code from the button's event; valid 5 minutes
	 * @return the phone number
	 */
	public PhoneNumber getPhoneNumber(String code) {
		return this.miniProgramUserData.getPhoneNumber(code);
	}

	/**
	 * Reads what the Official Account knows of a user by openid
	 * ({@code cgi-bin/user/info}, with the app access token), in the default language:
	 * whether they follow, since when, their unionid. Works where only the openid is
	 * known (silent log-in, scan to log in).
	 * @param openid the user's openid
	 * @return the user; {@link Follower#subscribed()} is false if they do not follow
	 */
	public Follower getFollower(String openid) {
		return getFollower(openid, this.defaultLang);
	}

	/**
	 * Reads what the Official Account knows of a user by openid
	 * ({@code cgi-bin/user/info}).
	 * @param openid the user's openid
	 * @param lang the language of the answer
	 * @return the user; {@link Follower#subscribed()} is false if they do not follow
	 */
	public Follower getFollower(String openid, Lang lang) {
		return this.followers.getFollower(openid, lang);
	}

	/**
	 * Reads many users by openid ({@code cgi-bin/user/info/batchget}), split into
	 * requests of at most {@value Followers#BATCH_SIZE}, in the default language.
	 * @param openids the users' openids
	 * @return the users, in WeChat's order
	 */
	public List<Follower> getFollowers(List<String> openids) {
		return getFollowers(openids, this.defaultLang);
	}

	/**
	 * Reads many users by openid ({@code cgi-bin/user/info/batchget}), split into
	 * requests of at most {@value Followers#BATCH_SIZE}.
	 * @param openids the users' openids
	 * @param lang the language of the answers
	 * @return the users, in WeChat's order
	 */
	public List<Follower> getFollowers(List<String> openids, Lang lang) {
		return this.followers.getFollowers(openids, lang);
	}

	/**
	 * Returns the app access token ({@code cgi-bin/stable_token} by default), fetched
	 * once per expiry and shared through the {@link SharedStore}.
	 * @return the token
	 */
	public ClientAccessToken getClientAccessToken() {
		return this.credentials.getClientAccessToken();
	}

	/**
	 * Returns the app access token, or forces WeChat to issue a new one. Almost never
	 * force: the token is refreshed ahead of expiry by itself, and a call that WeChat
	 * answers 40001, 40014 or 42001 already gets a new token and is retried once. Force
	 * only when you know the token is compromised or was replaced behind the SDK's back
	 * (another program fetched one with {@code cgi-bin/token}, say). A forced refresh
	 * ({@code stable_token} with {@code force_refresh=true}) invalidates the token
	 * before, and WeChat allows 20 a day: the fleet uses at most
	 * {@value AppCredentials#FORCE_REFRESH_DAILY_BUDGET} a day and one per 30 s, counted
	 * in the {@link SharedStore}, and stores the new token there for every instance (on
	 * Redis, the other instances take it at once; elsewhere, at their next refresh or on
	 * the first 40001).
	 * @param forceRefresh whether to force a new token; {@code false} is
	 * {@link #getClientAccessToken()}
	 * @return the token
	 * @throws WechatException if a forced refresh is refused (30 s spacing, the daily
	 * budget, or the store that keeps the budget is down) or fails
	 */
	public ClientAccessToken getClientAccessToken(boolean forceRefresh) {
		return this.credentials.getClientAccessToken(forceRefresh);
	}

	/**
	 * Returns the store where this client shares its app-wide state, with every call
	 * bounded by the builder's {@link Builder#storeTimeout store timeout} (a
	 * {@link BoundedSharedStore}, unless it is the in-memory store): hand it to
	 * {@link io.github.wechatoauth.qrcode.WechatQrLogin} and the message endpoint of the
	 * same account, so that one circuit knows when the store is down.
	 * @return the store
	 */
	public SharedStore getSharedStore() {
		return this.sharedStore;
	}

	/**
	 * Returns the {@code jsapi_ticket}, fetched once per expiry and shared through the
	 * {@link SharedStore}.
	 * @return the ticket
	 */
	public JsApiTicket getJsApiTicket() {
		return this.credentials.getJsApiTicket();
	}

	/**
	 * Signs a page URL for {@code wx.config} with the cached ticket, a random nonce and
	 * the current time.
	 * @param url the page's full URL; a {@code #fragment} is dropped
	 * @return the {@code wx.config} values
	 */
	public JsSdkSignature jsSdkSign(String url) {
		return this.jsSdkSigner.sign(url);
	}

	/**
	 * Creates a parametric QR code ({@code cgi-bin/qrcode/create}).
	 * @param request what the code carries, from
	 * {@link QrCodeRequest#temporary(int, Duration)} and the like
	 * @return the ticket, lifetime, URL and image link
	 */
	public QrCodeTicket createQrCode(QrCodeRequest request) {
		return this.qrCodes.create(request);
	}

	/**
	 * Creates a parametric QR code and returns the link to its image
	 * ({@code showqrcode}).
	 * @param request what the code carries
	 * @return the image link
	 */
	public String getQrCodeLink(QrCodeRequest request) {
		return createQrCode(request).imageUrl();
	}

	/**
	 * Returns the link to the image of an existing QR code ({@code showqrcode}, the
	 * ticket encoded once); no call is made.
	 * @param ticket the ticket from {@link #createQrCode}
	 * @return the image link
	 */
	public String getQrCodeLink(String ticket) {
		return this.qrCodes.imageUrl(ticket);
	}

	/**
	 * Downloads the image of an existing QR code ({@code showqrcode}; no access token).
	 * @param ticket the ticket from {@link #createQrCode}
	 * @return the image's bytes (a JPEG)
	 * @throws WechatTransportException if WeChat has no image for the ticket (HTTP 404)
	 * or the download failed
	 */
	public byte[] getQrCodeImage(String ticket) {
		return this.qrCodes.image(ticket);
	}

	/**
	 * Returns the calls to any WeChat API that takes the app access token (menus, tags,
	 * templates, customer-service messages...), with the token this client manages: added
	 * to each call, renewed once fleet-wide when WeChat rejects it, and the call retried
	 * once. <pre>{@code
	 * client.api().post("/cgi-bin/menu/create", menu);
	 * Map<String, Object> tags = client.api().get("/cgi-bin/tags/get", Map.of());
	 * }</pre>
	 * @return the generic calls
	 */
	public WechatApi api() {
		return this.api;
	}

	/**
	 * Releases the HTTP transport the client created itself when no
	 * {@link Builder#restClientBuilder RestClient.Builder} was given: its connection pool
	 * (Apache HttpClient 5, Jetty) or the JDK client's threads. The request factory of a
	 * builder the caller gave is the caller's, and stays open; stores and listeners are
	 * not closed either. WeChat calls made after this fail. Closing twice does nothing
	 * more.
	 */
	@Override
	public void close() {
		this.http.close();
	}

	/**
	 * Builds a {@link WechatOAuthClient}. Only {@link #appId} and {@link #appSecret} are
	 * required.
	 */
	public static final class Builder {

		private @Nullable String appId;

		private @Nullable String appSecret;

		private String apiBaseUrl = "https://api.weixin.qq.com";

		private String openBaseUrl = "https://open.weixin.qq.com";

		private String mpBaseUrl = "https://mp.weixin.qq.com";

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration readTimeout;

		private @Nullable TokenStore tokenStore;

		private @Nullable SharedStore sharedStore;

		private Clock clock = Clock.systemUTC();

		private AccessTokenSource accessTokenSource = AccessTokenSource.STABLE;

		private Lang defaultLang = Lang.ZH_CN;

		private BusyRetry busyRetry = BusyRetry.DEFAULT;

		private CredentialPolicy credentialPolicy = CredentialPolicy.DEFAULT;

		private CredentialListener credentialListener = CredentialListener.NONE;

		private Duration storeTimeout = BoundedSharedStore.DEFAULT_TIMEOUT;

		private Builder() {
		}

		/**
		 * Sets the appid ({@code wx} followed by 16 hexadecimal characters).
		 * @param appId the appid
		 * @return this builder
		 */
		public Builder appId(String appId) {
			this.appId = appId;
			return this;
		}

		/**
		 * Sets the AppSecret. It is sent to WeChat only, and appears in no message, log
		 * line or {@code toString()}.
		 * @param appSecret the AppSecret
		 * @return this builder
		 */
		public Builder appSecret(String appSecret) {
			this.appSecret = appSecret;
			return this;
		}

		/**
		 * Sets the API base URL, for a proxy, a test stub or the sandbox.
		 * @param apiBaseUrl the base URL; {@code https://api.weixin.qq.com} by default
		 * @return this builder
		 */
		public Builder apiBaseUrl(String apiBaseUrl) {
			this.apiBaseUrl = Arguments.requireBaseUrl(apiBaseUrl, "apiBaseUrl");
			return this;
		}

		/**
		 * Sets the base URL of the authorization pages.
		 * @param openBaseUrl the base URL; {@code https://open.weixin.qq.com} by default
		 * @return this builder
		 */
		public Builder openBaseUrl(String openBaseUrl) {
			this.openBaseUrl = Arguments.requireBaseUrl(openBaseUrl, "openBaseUrl");
			return this;
		}

		/**
		 * Sets the base URL of QR code images.
		 * @param mpBaseUrl the base URL; {@code https://mp.weixin.qq.com} by default
		 * @return this builder
		 */
		public Builder mpBaseUrl(String mpBaseUrl) {
			this.mpBaseUrl = Arguments.requireBaseUrl(mpBaseUrl, "mpBaseUrl");
			return this;
		}

		/**
		 * Sets the {@link RestClient.Builder} every WeChat call goes through, such as
		 * Spring Boot's: its request factory (with its proxy, TLS, pool and timeouts),
		 * interceptors, observation registry and message converters are kept, and
		 * {@link #connectTimeout} and {@link #readTimeout} do not apply (set timeouts on
		 * its request factory). It is cloned, never changed. Without one, the SDK creates
		 * its own transport on the fastest HTTP client present: Apache HttpClient 5,
		 * Jetty, Reactor Netty or the JDK's, in the order Spring Framework picks them,
		 * which {@link WechatOAuthClient#close()} releases; a given builder's request
		 * factory is never closed by the client.
		 * @param restClientBuilder the builder
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = Arguments.requireNonNull(restClientBuilder, "restClientBuilder");
			return this;
		}

		/**
		 * Sets the connect timeout of the transport the SDK creates when no
		 * {@link #restClientBuilder} is given; with one, its request factory's own
		 * timeout applies instead (and one INFO line says so).
		 * @param connectTimeout the timeout, or {@code null} for the default, 5 s
		 * @return this builder
		 */
		public Builder connectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = checkTimeout(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Sets the read timeout, the longest a call waits for WeChat's answer, of the
		 * transport the SDK creates when no {@link #restClientBuilder} is given; with
		 * one, its request factory's own timeout applies instead (and one INFO line says
		 * so).
		 * @param readTimeout the timeout, or {@code null} for the default, 10 s
		 * @return this builder
		 */
		public Builder readTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = checkTimeout(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * Sets where user tokens are kept.
		 * @param tokenStore the store; an {@link InMemoryTokenStore} by default
		 * @return this builder
		 */
		public Builder tokenStore(TokenStore tokenStore) {
			this.tokenStore = Arguments.requireNonNull(tokenStore, "tokenStore");
			return this;
		}

		/**
		 * Sets where the access token, the ticket and other app-wide state are shared;
		 * share one store among every instance of an app so that the fleet fetches each
		 * credential once per expiry.
		 * @param sharedStore the store; an {@link InMemorySharedStore} by default
		 * @return this builder
		 */
		public Builder sharedStore(SharedStore sharedStore) {
			this.sharedStore = Arguments.requireNonNull(sharedStore, "sharedStore");
			return this;
		}

		/**
		 * Sets the clock that stamps tokens and judges expiry.
		 * @param clock the clock; {@link Clock#systemUTC()} by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Arguments.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Sets where the app access token comes from.
		 * @param accessTokenSource {@link AccessTokenSource#STABLE} by default
		 * @return this builder
		 */
		public Builder accessTokenSource(AccessTokenSource accessTokenSource) {
			this.accessTokenSource = Arguments.requireNonNull(accessTokenSource, "accessTokenSource");
			return this;
		}

		/**
		 * Sets the language of user info when none is given.
		 * @param defaultLang {@link Lang#ZH_CN} by default
		 * @return this builder
		 */
		public Builder defaultLang(Lang defaultLang) {
			this.defaultLang = Arguments.requireNonNull(defaultLang, "defaultLang");
			return this;
		}

		/**
		 * Sets how calls answered {@code errcode -1} (system busy) are retried.
		 * @param busyRetry {@link BusyRetry#DEFAULT} (two retries, 200 ms then 400 ms) by
		 * default
		 * @return this builder
		 */
		public Builder busyRetry(BusyRetry busyRetry) {
			this.busyRetry = Arguments.requireNonNull(busyRetry, "busyRetry");
			return this;
		}

		/**
		 * Sets how the access token and ticket are refreshed and waited for.
		 * @param credentialPolicy {@link CredentialPolicy#DEFAULT} by default
		 * @return this builder
		 */
		public Builder credentialPolicy(CredentialPolicy credentialPolicy) {
			this.credentialPolicy = Arguments.requireNonNull(credentialPolicy, "credentialPolicy");
			return this;
		}

		/**
		 * Sets what hears the fetches, cache hits, waits, invalidations and failures of
		 * the access token and ticket, such as a metrics binding.
		 * @param credentialListener {@link CredentialListener#NONE} by default
		 * @return this builder
		 */
		public Builder credentialListener(CredentialListener credentialListener) {
			this.credentialListener = Arguments.requireNonNull(credentialListener, "credentialListener");
			return this;
		}

		/**
		 * Adds a listener to the one set before, such as a metrics binding next to an
		 * application's own: each is told every event, in the order they were added.
		 * @param credentialListener the listener to add
		 * @return this builder
		 * @see CredentialListener#composite
		 */
		public Builder addCredentialListener(CredentialListener credentialListener) {
			this.credentialListener = CredentialListener.composite(List.of(this.credentialListener,
					Arguments.requireNonNull(credentialListener, "credentialListener")));
			return this;
		}

		/**
		 * Sets the budget of one call to the stores (except the in-memory ones): a call
		 * that fails or takes longer gets a {@link WechatTransportException}, and the
		 * store is taken as down until a probe every few seconds succeeds; meanwhile the
		 * access token and ticket come from WeChat directly and stay in this instance's
		 * memory. Keep it well under {@link CredentialPolicy#maxWait()}, and set the
		 * store client's own timeouts (Redis command timeout, JDBC connection and query
		 * timeouts) no longer than a few budgets, so that calls of a store that hangs
		 * give their threads back.
		 * @param storeTimeout the budget; {@link BoundedSharedStore#DEFAULT_TIMEOUT 1 s}
		 * by default
		 * @return this builder
		 */
		public Builder storeTimeout(Duration storeTimeout) {
			this.storeTimeout = Arguments.requireNonNull(checkTimeout(storeTimeout, "storeTimeout"), "storeTimeout");
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 * @throws IllegalArgumentException if the appid or the AppSecret is missing
		 */
		public WechatOAuthClient build() {
			return new WechatOAuthClient(this);
		}

		private static @Nullable Duration checkTimeout(@Nullable Duration timeout, String name) {
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException(name + " must be positive, was " + timeout);
			}
			return timeout;
		}

	}

}
