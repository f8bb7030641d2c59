package io.github.wechatoauth.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.wechatoauth.store.SharedStore;
import io.github.wechatoauth.store.StoredValue;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.AnswerChecks;
import io.github.wechatoauth.internal.http.WechatHttp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The app's access token and {@code jsapi_ticket}, each fetched once per expiry for every
 * process sharing the {@link SharedStore}, and the calls authenticated with the access
 * token. Use it through {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class AppCredentials {

	private static final Log logger = LogFactory.getLog(AppCredentials.class);

	/** The store key of the access token. */
	public static final String ACCESS_TOKEN = "access_token";

	/** The store key of the {@code jsapi_ticket}. */
	public static final String JSAPI_TICKET = "jsapi_ticket";

	/** Errors that mean the access token is invalid, expired or replaced. */
	static final Set<Integer> INVALID_ACCESS_TOKEN = Set.of(40001, 40014, 42001);

	/** WeChat allows a forced {@code stable_token} refresh at most every 30 s. */
	private static final Duration FORCE_REFRESH_SPACING = Duration.ofSeconds(30);

	/**
	 * Of WeChat's 20 forced refreshes a day, the fleet uses at most this many and leaves
	 * the rest to people.
	 */
	public static final int FORCE_REFRESH_DAILY_BUDGET = 10;

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final String appId;

	private final String appSecret;

	private final AccessTokenSource source;

	private final SharedStore store;

	private final Clock clock;

	private final SharedCredential<ClientAccessToken> accessToken;

	private final SharedCredential<JsApiTicket> jsApiTicket;

	/**
	 * Creates the service of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's appid, AppSecret, HTTP layer, API base URL and clock,
	 * which judges expiry
	 * @param source where the access token comes from
	 * @param store where credentials are shared
	 * @param policy the refresh policy
	 * @param listener hears fetches, cache hits, waits, invalidations and failures
	 */
	public AppCredentials(ClientContext context, AccessTokenSource source, SharedStore store, CredentialPolicy policy,
			CredentialListener listener) {
		Clock clock = context.clock();
		this.http = context.http();
		this.apiBaseUrl = context.apiBaseUrl();
		this.appId = context.appId();
		this.appSecret = context.appSecret();
		this.source = source;
		this.store = store;
		this.clock = clock;
		this.accessToken = new SharedCredential<>(ACCESS_TOKEN, store, this::fetchAccessToken,
				(token) -> new ClientAccessToken(token.value(), lifetimeSeconds(token), token.storedAt()), clock,
				policy, listener);
		this.jsApiTicket = new SharedCredential<>(JSAPI_TICKET, store, (rejected) -> fetchJsApiTicket(),
				(ticket) -> new JsApiTicket(ticket.value(), lifetimeSeconds(ticket), ticket.storedAt()), clock, policy,
				listener);
	}

	/**
	 * Returns the app access token, from memory while it is fresh.
	 * @return the token
	 */
	public ClientAccessToken getClientAccessToken() {
		return this.accessToken.get();
	}

	/**
	 * Returns the app access token; with {@code forceRefresh}, a new one that WeChat
	 * issues now, invalidating the one before (see
	 * {@link io.github.wechatoauth.WechatOAuthClient#getClientAccessToken(boolean)}).
	 * @param forceRefresh whether to force a new token
	 * @return the token
	 * @throws WechatException if a forced refresh is refused: one was forced less than 30
	 * s ago, the fleet's daily budget is used up, or the shared store that keeps the
	 * budget cannot be reached
	 */
	public ClientAccessToken getClientAccessToken(boolean forceRefresh) {
		if (!forceRefresh) {
			return getClientAccessToken();
		}
		String refused = forceRefreshRefusal();
		if (refused != null) {
			throw new WechatException("Not forcing a new access token: " + refused);
		}
		logger.warn("Forcing a new access token, as the application asked; the one before stops working now");
		return this.accessToken
			.refresh(() -> (this.source == AccessTokenSource.CLASSIC) ? fetchClassicToken() : fetchStableToken(true));
	}

	/**
	 * Returns the {@code jsapi_ticket}, from memory while it is fresh.
	 * @return the ticket
	 */
	public JsApiTicket getJsApiTicket() {
		return this.jsApiTicket.get();
	}

	/**
	 * Makes a call with the access token. If WeChat answers that the token is invalid,
	 * expired or replaced (40001, 40014, 42001), the token is invalidated (in the store
	 * only if it still holds that token), a valid one is obtained, and the call is made
	 * once more.
	 * @param <T> the call's result
	 * @param call the call, given the access token
	 * @return the call's result
	 */
	public <T> T withAccessToken(Function<String, T> call) {
		String token = this.accessToken.get().accessToken();
		try {
			return call.apply(token);
		}
		catch (WechatApiException ex) {
			if (!INVALID_ACCESS_TOKEN.contains(ex.getErrorCode())) {
				throw ex;
			}
			logger.debug(ex.getEndpoint() + " rejected the access token (errcode " + ex.getErrorCode()
					+ "); retrying once with a valid one");
			this.accessToken.invalidate(token);
			return call.apply(this.accessToken.get().accessToken());
		}
	}

	private StoredValue fetchAccessToken(@Nullable String rejected) {
		if (this.source == AccessTokenSource.CLASSIC) {
			return fetchClassicToken();
		}
		StoredValue fetched = fetchStableToken(false);
		if (fetched.value().equals(rejected)) {
			String refused = forceRefreshRefusal();
			if (refused != null) {
				logger.warn("Not forcing a stable access token refresh: " + refused);
				return fetched;
			}
			logger.warn("WeChat rejected the stable access token it still hands out; forcing a new one "
					+ "(force_refresh=true, at most every 30 s and " + FORCE_REFRESH_DAILY_BUDGET + " a day)");
			fetched = fetchStableToken(true);
		}
		return fetched;
	}

	private StoredValue fetchClassicToken() {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("grant_type", "client_credential");
		query.put("appid", this.appId);
		query.put("secret", this.appSecret);
		Instant now = this.clock.instant();
		AccessTokenResponse answer = this.http.get(this.apiBaseUrl, "cgi-bin/token", query, AccessTokenResponse.class);
		return credential("cgi-bin/token", answer.accessToken(), answer.expiresIn(), now);
	}

	private StoredValue fetchStableToken(boolean forceRefresh) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credential");
		body.put("appid", this.appId);
		body.put("secret", this.appSecret);
		body.put("force_refresh", forceRefresh);
		Instant now = this.clock.instant();
		AccessTokenResponse answer = this.http.postJson(this.apiBaseUrl, "cgi-bin/stable_token", Map.of(), body,
				AccessTokenResponse.class);
		return credential("cgi-bin/stable_token", answer.accessToken(), answer.expiresIn(), now);
	}

	private StoredValue fetchJsApiTicket() {
		return withAccessToken((token) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("access_token", token);
			query.put("type", "jsapi");
			Instant now = this.clock.instant();
			AccessTokenResponse answer = this.http.get(this.apiBaseUrl, "cgi-bin/ticket/getticket", query,
					AccessTokenResponse.class);
			return credential("cgi-bin/ticket/getticket", answer.ticket(), answer.expiresIn(), now);
		});
	}

	/**
	 * Tells why a forced refresh is not allowed now, or {@code null} if it is: at most
	 * one per 30 s and {@link #FORCE_REFRESH_DAILY_BUDGET} per UTC day for the whole
	 * fleet, counted with leases in the shared store that are never released. Without the
	 * store the fleet's budget cannot be kept, so nothing is forced.
	 */
	private @Nullable String forceRefreshRefusal() {
		try {
			if (this.store.tryAcquireLease(ACCESS_TOKEN + ":force-refresh", FORCE_REFRESH_SPACING).isEmpty()) {
				return "one was forced less than 30 s ago";
			}
			Instant now = this.clock.instant();
			String day = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
			Duration untilTomorrow = Duration.between(now,
					now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
			for (int slot = 1; slot <= FORCE_REFRESH_DAILY_BUDGET; slot++) {
				String slotKey = ACCESS_TOKEN + ":force-refresh:" + day + ":" + slot;
				if (this.store.tryAcquireLease(slotKey, untilTomorrow).isPresent()) {
					return null;
				}
			}
			return "the fleet's daily budget of " + FORCE_REFRESH_DAILY_BUDGET + " (of WeChat's 20) is used up";
		}
		catch (RuntimeException ex) {
			return "the shared store, which keeps the fleet's budget, failed (" + ex.getMessage() + ")";
		}
	}

	private static StoredValue credential(String endpoint, @Nullable String value, long expiresIn, Instant storedAt) {
		if (value == null || value.isEmpty()) {
			throw new WechatTransportException(endpoint + " answered without a value");
		}
		AnswerChecks.requireLifetime(endpoint, "expires_in", expiresIn);
		return new StoredValue(value, storedAt, storedAt.plusSeconds(expiresIn));
	}

	private static long lifetimeSeconds(StoredValue credential) {
		return Duration.between(credential.storedAt(), credential.expiresAt()).toSeconds();
	}

}
