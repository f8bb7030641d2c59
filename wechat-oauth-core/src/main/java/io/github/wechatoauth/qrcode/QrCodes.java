package io.github.wechatoauth.qrcode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.wechatoauth.WechatTransportException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.internal.ClientContext;
import io.github.wechatoauth.internal.http.AnswerChecks;
import io.github.wechatoauth.internal.http.UriEncoding;
import io.github.wechatoauth.internal.http.WechatHttp;

/**
 * Creates parametric QR codes ({@code cgi-bin/qrcode/create}) and links to their images.
 * Use it through {@link io.github.wechatoauth.WechatOAuthClient}.
 */
public final class QrCodes {

	private static final String ENDPOINT = "cgi-bin/qrcode/create";

	private static final String SHOW_QR_CODE = "cgi-bin/showqrcode";

	private final WechatHttp http;

	private final String apiBaseUrl;

	private final String mpBaseUrl;

	private final AppCredentials credentials;

	/**
	 * Creates the service of a client; internal, built by
	 * {@link io.github.wechatoauth.WechatOAuthClient}.
	 * @param context the client's HTTP layer, API base URL and base URL of
	 * {@code showqrcode}
	 * @param credentials where the access token comes from
	 */
	public QrCodes(ClientContext context, AppCredentials credentials) {
		String mpBaseUrl = context.mpBaseUrl();
		this.http = context.http();
		this.apiBaseUrl = context.apiBaseUrl();
		this.mpBaseUrl = mpBaseUrl.endsWith("/") ? mpBaseUrl.substring(0, mpBaseUrl.length() - 1) : mpBaseUrl;
		this.credentials = credentials;
	}

	/**
	 * Creates a QR code.
	 * @param request what the code carries
	 * @return the code's ticket, lifetime, URL and image link
	 */
	public QrCodeTicket create(QrCodeRequest request) {
		Arguments.requireNonNull(request, "request");
		Map<String, Object> body = request.toBody();
		QrCodeResponse answer = this.credentials.withAccessToken((token) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("access_token", token);
			return this.http.postJson(this.apiBaseUrl, ENDPOINT, query, body, QrCodeResponse.class);
		});
		String ticket = answer.ticket();
		if (ticket == null || ticket.isEmpty()) {
			throw new WechatTransportException(ENDPOINT + " answered without a ticket");
		}
		// 0 (absent) for a permanent code.
		AnswerChecks.requireRange(ENDPOINT, "expire_seconds", answer.expireSeconds(), 0,
				AnswerChecks.MAX_LIFETIME_SECONDS);
		return new QrCodeTicket(ticket, answer.expireSeconds(), Objects.requireNonNullElse(answer.url(), ""),
				imageUrl(ticket));
	}

	/**
	 * Downloads the image of a ticket ({@code showqrcode}, no access token).
	 * @param ticket the ticket
	 * @return the image's bytes, a JPEG as WeChat serves it today
	 * @throws io.github.wechatoauth.WechatTransportException if WeChat has no image for
	 * the ticket (it answers HTTP 404) or the download failed
	 */
	public byte[] image(String ticket) {
		Arguments.requireText(ticket, "ticket");
		return this.http.download(this.mpBaseUrl, SHOW_QR_CODE, Map.of("ticket", ticket), null, true);
	}

	/**
	 * Returns the image link of a ticket, with the ticket encoded exactly once.
	 * @param ticket the ticket
	 * @return the {@code showqrcode} link
	 */
	public String imageUrl(String ticket) {
		Arguments.requireText(ticket, "ticket");
		return this.mpBaseUrl + "/" + SHOW_QR_CODE + "?ticket=" + UriEncoding.encodeUriComponent(ticket);
	}

}
