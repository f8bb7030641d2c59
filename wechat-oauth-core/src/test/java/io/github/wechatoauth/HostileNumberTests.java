package io.github.wechatoauth;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.oauth.UserToken;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every number read from WeChat's answers is range-checked: a lifetime, a QR code's
 * {@code expire_seconds}, {@code sex} or {@code errcode} out of its range, or too large
 * for its type, is a {@link WechatTransportException} that names the field, never an
 * {@link ArithmeticException} or a token cached for ever; on the credential path it is
 * remembered as a failure like any other. Part of the suite run against each Jackson.
 */
@Tag(JsonBackendTests.TAG)
class HostileNumberTests {

	private static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final InMemoryTokenStore tokenStore = new InMemoryTokenStore(this.clock);

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.tokenStore(this.tokenStore)
		.build();

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "99999999999999999999", "-1", "0", "2592001", "1e300",
			"\"9223372036854775807\"" })
	void anAccessTokenLifetimeOutOfRangeIsATransportFailureNamingTheFieldAndIsRemembered(String expiresIn) {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":" + expiresIn + "}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(this.client::getClientAccessToken)
			.withMessageStartingWith("cgi-bin/stable_token answered")
			.withMessageContaining("expires_in");
		// Remembered for a second, as any failed fetch is: WeChat is not asked again.
		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(this.client::getClientAccessToken)
			.withMessageContaining("expires_in");
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void aTicketLifetimeOutOfRangeIsATransportFailureNamingTheField() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(
				json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"TICKET_1\",\"expires_in\":9223372036854775807}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(this.client::getJsApiTicket)
			.withMessage(
					"cgi-bin/ticket/getticket answered expires_in 9223372036854775807, out of its range 1 to 2592000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "99999999999999999999", "-7200" })
	void aUserTokenLifetimeOutOfRangeIsATransportFailureNamingTheField(String expiresIn) {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(json("{\"access_token\":\"ACCESS_TOKEN_1\",\"expires_in\":" + expiresIn
					+ ",\"refresh_token\":\"REFRESH_TOKEN_1\",\"openid\":\"" + OPENID
					+ "\",\"scope\":\"snsapi_base\"}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> this.client.getAccessToken("CODE"))
			.withMessageStartingWith("sns/oauth2/access_token answered")
			.withMessageContaining("expires_in");
	}

	@ParameterizedTest
	@ValueSource(strings = { "3", "-1", "4294967296" })
	void aSexOutOfRangeIsATransportFailureNamingTheField(String sex) {
		this.tokenStore.saveToken(OPENID, new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", OPENID,
				"snsapi_userinfo", null, this.clock.instant()));
		wechat.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.willReturn(json("{\"openid\":\"" + OPENID + "\",\"nickname\":\"Ann\",\"sex\":" + sex + "}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> this.client.getUser(OPENID))
			.withMessageStartingWith("sns/userinfo answered")
			.withMessageContaining("sex");
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "2592001", "-60" })
	void aQrCodeLifetimeOutOfRangeIsATransportFailureNamingTheField(String expireSeconds) {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create")).willReturn(
				json("{\"ticket\":\"TICKET_1\",\"expire_seconds\":" + expireSeconds + ",\"url\":\"http://q/1\"}")));

		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.temporary(7, Duration.ofMinutes(5))))
			.withMessageStartingWith("cgi-bin/qrcode/create answered")
			.withMessageContaining("expire_seconds");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2147483648", "-2147483649", "99999999999999999999", "40029.5", "\"forty\"", "true",
			"[40029]" })
	void anErrcodeThatIsNotAnIntIsATransportFailureNamingIt(String errcode) {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token"))
			.willReturn(json("{\"errcode\":" + errcode + ",\"errmsg\":\"invalid code\"}")));

		assertThatExceptionOfType(WechatTransportException.class).isThrownBy(() -> this.client.getAccessToken("CODE"))
			.withMessage("sns/oauth2/access_token answered an errcode that is not a whole number in the range of int");
		wechat.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
	}

	@Test
	void theLongestLifetimeIsAccepted() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":2592000}")));

		assertThat(this.client.getClientAccessToken().expiresAt())
			.isEqualTo(this.clock.instant().plus(Duration.ofDays(30)));
	}

}
