package io.github.wechatoauth.sample.sandbox;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.qrcode.QrCodeTicket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parametric QR codes: {@code qrcode/create} through the SDK and over plain HTTP, and the
 * {@code showqrcode} image.
 */
class SandboxQrCodeTests extends SandboxTestSupport {

	@Autowired
	SandboxQrCodes qrCodes;

	@Test
	void showsAJpegThatDecodesToTheCodesUrl() throws Exception {
		QrCodeTicket code = client().createQrCode(QrCodeRequest.temporary("login-42", Duration.ofMinutes(10)));

		Answer image = get(code.imageUrl());

		assertThat(code.imageUrl()).startsWith(sandboxUrl() + "/cgi-bin/showqrcode?ticket=");
		assertThat(image.status()).isEqualTo(200);
		assertThat(image.contentType()).isEqualTo("image/jpeg");
		assertThat(decode(image.body())).isEqualTo(code.url());
		assertThat(code.url()).startsWith("http://weixin.qq.com/q/");
		assertThat(code.expireSeconds()).isEqualTo(600);
	}

	@Test
	void keepsEachCodeWithItsSceneForAScanToFind() {
		QrCodeTicket code = client().createQrCode(QrCodeRequest.temporary(987654, Duration.ofMinutes(1)));

		SandboxQrCode kept = this.qrCodes.find(code.ticket()).orElseThrow();

		assertThat(kept.actionName()).isEqualTo("QR_SCENE");
		assertThat(kept.scene()).isEqualTo("987654");
		assertThat(kept.eventKey(false)).isEqualTo("987654");
		assertThat(kept.eventKey(true)).isEqualTo("qrscene_987654");
		assertThat(kept.url()).isEqualTo(code.url());
		assertThat(this.qrCodes.all()).contains(kept);
	}

	@Test
	void createsTheFourKinds() {
		WechatOAuthClient client = client();

		QrCodeTicket temporaryNumber = client.createQrCode(QrCodeRequest.temporary(-7, Duration.ofSeconds(30)));
		QrCodeTicket temporaryString = client.createQrCode(QrCodeRequest.temporary("s", Duration.ofDays(30)));
		QrCodeTicket permanentNumber = client.createQrCode(QrCodeRequest.permanent(100_000));
		QrCodeTicket permanentString = client.createQrCode(QrCodeRequest.permanent("x".repeat(64)));

		assertThat(temporaryNumber.expireSeconds()).isEqualTo(30);
		assertThat(temporaryString.expireSeconds()).isEqualTo(2_592_000);
		assertThat(permanentNumber.expireSeconds()).isZero();
		assertThat(permanentString.expireSeconds()).isZero();
		assertThat(this.qrCodes.find(permanentString.ticket()).orElseThrow().isPermanent()).isTrue();
		assertThat(this.qrCodes.find(temporaryString.ticket()).orElseThrow().actionName()).isEqualTo("QR_STR_SCENE");
	}

	@Test
	void checksActionsAndScenesLikeWechat() throws IOException {
		assertThat(create("{\"action_name\":\"QR_FOO\",\"action_info\":{\"scene\":{\"scene_id\":1}}}"))
			.isEqualTo(40052);
		assertThat(create("{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100001}}}"))
			.isEqualTo(40053);
		assertThat(create("{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":0}}}"))
			.isEqualTo(40053);
		assertThat(create("{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":0}}}"))
			.isEqualTo(40053);
		assertThat(create("{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}"))
			.isEqualTo(40053);
		assertThat(create("{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\""
				+ "x".repeat(65) + "\"}}}"))
			.isEqualTo(40053);
		assertThat(create("not json")).isEqualTo(47001);
		JsonNode byDefault = createAnswer(
				"{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":5}}}");
		assertThat(byDefault.path("expire_seconds").asLong()).isEqualTo(60);
		JsonNode tooLong = createAnswer(
				"{\"expire_seconds\":9999999,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":5}}}");
		assertThat(tooLong.path("expire_seconds").asLong()).isEqualTo(2_592_000);
	}

	@Test
	void answers404ForAnUnknownOrExpiredTicket() {
		QrCodeTicket code = client().createQrCode(QrCodeRequest.temporary(1, Duration.ofSeconds(60)));

		assertThat(get(code.imageUrl()).status()).isEqualTo(200);
		assertThat(get(sandboxUrl() + "/cgi-bin/showqrcode?ticket=gQNotATicket").status()).isEqualTo(404);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(get(code.imageUrl()).status()).isEqualTo(404);
	}

	private int create(String body) throws IOException {
		return createAnswer(body).path("errcode").asInt();
	}

	private JsonNode createAnswer(String body) throws IOException {
		String token = client().getClientAccessToken().accessToken();
		return postJson(sandboxUrl() + "/cgi-bin/qrcode/create?access_token=" + token, body).json();
	}

	private static String decode(byte[] jpeg) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		BinaryBitmap bitmap = new BinaryBitmap(
				new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
		return new QRCodeReader().decode(bitmap).getText();
	}

}
