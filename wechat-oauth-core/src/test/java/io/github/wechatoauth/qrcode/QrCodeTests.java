package io.github.wechatoauth.qrcode;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parametric QR codes against a stubbed WeChat: the JSON of each of the four kinds, the
 * parsed ticket, and the image link with the ticket encoded exactly once.
 */
class QrCodeTests {

	private static final String CREATE_URL = "/cgi-bin/qrcode/create?access_token=APP_TOKEN_1";

	private static final String TICKET = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==";

	private static final String ANSWER = """
			{"ticket":"%s","expire_seconds":60,"url":"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI"}
			""".formatted(TICKET);

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@BeforeEach
	void stubAccessToken() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");
	}

	@Test
	void temporaryCodeWithNumericScene() {
		wechat.stubFor(post(urlEqualTo(CREATE_URL)).willReturn(json(ANSWER)));

		QrCodeTicket ticket = this.client.createQrCode(QrCodeRequest.temporary(123, Duration.ofDays(7)));

		assertThat(ticket).isEqualTo(new QrCodeTicket(TICKET, 60, "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI", wechat
			.baseUrl() + "/cgi-bin/showqrcode?ticket="
				+ "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%3D%3D"));
		assertCreateBody("""
				{"expire_seconds":604800,"action_name":"QR_SCENE","action_info":{"scene":{"scene_id":123}}}
				""");
	}

	@Test
	void temporaryCodeWithStringScene() {
		wechat.stubFor(post(urlEqualTo(CREATE_URL)).willReturn(json(ANSWER)));

		this.client.createQrCode(QrCodeRequest.temporary("test", Duration.ofSeconds(60)));

		assertCreateBody("""
				{"expire_seconds":60,"action_name":"QR_STR_SCENE","action_info":{"scene":{"scene_str":"test"}}}
				""");
	}

	@Test
	void permanentCodeWithNumericScene() {
		wechat.stubFor(post(urlEqualTo(CREATE_URL))
			.willReturn(json("{\"ticket\":\"" + TICKET + "\",\"url\":\"http://weixin.qq.com/q/perm\"}")));

		QrCodeTicket ticket = this.client.createQrCode(QrCodeRequest.permanent(100_000));

		assertThat(ticket.expireSeconds()).isZero();
		assertCreateBody("""
				{"action_name":"QR_LIMIT_SCENE","action_info":{"scene":{"scene_id":100000}}}
				""");
	}

	@Test
	void permanentCodeWithStringScene() {
		wechat.stubFor(post(urlEqualTo(CREATE_URL)).willReturn(json(ANSWER)));

		this.client.createQrCode(QrCodeRequest.permanent("promo-2026"));

		assertCreateBody("""
				{"action_name":"QR_LIMIT_STR_SCENE","action_info":{"scene":{"scene_str":"promo-2026"}}}
				""");
	}

	@Test
	void qrCodeLinkEncodesTheTicketExactlyOnce() {
		wechat.stubFor(post(urlEqualTo(CREATE_URL))
			.willReturn(json("{\"ticket\":\"a+b/c==\",\"expire_seconds\":60,\"url\":\"http://weixin.qq.com/q/x\"}")));

		String link = this.client.getQrCodeLink(QrCodeRequest.temporary(1, Duration.ofMinutes(1)));

		assertThat(link).isEqualTo(wechat.baseUrl() + "/cgi-bin/showqrcode?ticket=a%2Bb%2Fc%3D%3D");
	}

	@Test
	void qrCodeLinkGoesToMpWeixinByDefault() {
		WechatOAuthClient production = WechatOAuthClient.builder()
			.appId(WechatStub.APP_ID)
			.appSecret(WechatStub.APP_SECRET)
			.apiBaseUrl(wechat.baseUrl())
			.build();
		wechat.stubFor(post(urlEqualTo(CREATE_URL)).willReturn(json(ANSWER)));

		assertThat(production.getQrCodeLink(QrCodeRequest.permanent(1)))
			.isEqualTo("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket="
					+ "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%3D%3D");
	}

	@Test
	void qrCodeLinkOfAnExistingTicketMakesNoCall() {
		assertThat(this.client.getQrCodeLink("a+b/c=="))
			.isEqualTo(wechat.baseUrl() + "/cgi-bin/showqrcode?ticket=a%2Bb%2Fc%3D%3D");
		wechat.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void qrCodeImageDownloadsTheBytesWithTheTicketEncodedOnceAndNoToken() {
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0 };
		wechat.stubFor(get(urlEqualTo("/cgi-bin/showqrcode?ticket=a%2Bb%2Fc%3D%3D"))
			.willReturn(aResponse().withHeader("Content-Type", "image/jpg").withBody(jpeg)));

		assertThat(this.client.getQrCodeImage("a+b/c==")).isEqualTo(jpeg);
		wechat.verify(0, postRequestedFor(urlEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void qrCodeImageOfAnUnknownTicketIsATransportFailure() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/showqrcode")).willReturn(aResponse().withStatus(404)));

		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> this.client.getQrCodeImage("gQH47joAAAAAAAAAASxodHRwOi8v"))
			.withMessageStartingWith("GET cgi-bin/showqrcode failed: unexpected HTTP status 404")
			.withMessageNotContaining("gQH47joAAAAAAAAAASxodHRwOi8v");
	}

	@Test
	void answerWithoutTicketIsATransportFailure() {
		wechat.stubFor(post(urlEqualTo(CREATE_URL)).willReturn(json("{\"expire_seconds\":60}")));

		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> this.client.createQrCode(QrCodeRequest.permanent(1)))
			.withMessage("cgi-bin/qrcode/create answered without a ticket");
	}

	private static void assertCreateBody(String json) {
		wechat.verify(1,
				postRequestedFor(urlEqualTo(CREATE_URL)).withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson(json)));
	}

}
