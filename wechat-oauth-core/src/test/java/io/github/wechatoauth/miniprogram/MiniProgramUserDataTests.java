package io.github.wechatoauth.miniprogram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Mini Program user data: WeChat's published {@code encryptedData} vector, our own
 * vectors for the legacy phone number, a foreign or missing watermark, a wrong key and
 * non-JSON plaintext (none of which may leak the session key or the plaintext), the
 * {@code rawData} signature, and {@code getPhoneNumber} against a stubbed WeChat.
 */
class MiniProgramUserDataTests {

	/** WeChat's published vector (wechat-api.md, section 13). */
	private static final String VECTOR_APP_ID = "wx4f4bc4dec97d474b";

	private static final String VECTOR_SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";

	private static final String VECTOR_IV = "r7BXXKkLb8qrSNn05n0qiA==";

	private static final String VECTOR_DATA = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==";

	private static final String PHONE_PATH = "/wxa/business/getuserphonenumber";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient vectorClient = WechatStub.clientBuilder(wechat).appId(VECTOR_APP_ID).build();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@Test
	void decryptsWechatsPublishedUserInfoVector() {
		MiniProgramUserInfo user = this.vectorClient.decryptUserInfo(VECTOR_SESSION_KEY, VECTOR_DATA, VECTOR_IV);

		assertThat(user).isEqualTo(new MiniProgramUserInfo("oGZUI0egBJY1zhBYw2KhdUfwVJJE", "Band", 1, "zh_CN",
				"Guangzhou", "Guangdong", "CN",
				"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0",
				"ocMvos6NjeKLIBqg5Mr9QjxrP1FA", new Watermark(VECTOR_APP_ID, 1477314187)));
		assertThat(user.watermark().time()).isEqualTo(Instant.parse("2016-10-24T13:03:07Z"));
	}

	@Test
	void refusesDataWhoseWatermarkNamesAnotherAppid() {
		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.client.decryptUserInfo(VECTOR_SESSION_KEY, VECTOR_DATA, VECTOR_IV))
			.withMessage("the decrypted data was made for appid " + VECTOR_APP_ID + ", not " + WechatStub.APP_ID)
			.satisfies(MiniProgramUserDataTests::holdsNoSecret);
	}

	@Test
	void refusesDataWithoutWatermark() {
		String data = encrypt(
				"{\"phoneNumber\":\"13800138000\",\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\"}");

		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.client.decryptPhoneNumber(OWN_KEY, data, OWN_IV))
			.withMessage("the decrypted data has no watermark.appid")
			.satisfies(MiniProgramUserDataTests::holdsNoSecret);
	}

	@Test
	void decryptsLegacyPhoneNumber() {
		String data = encrypt("""
				{"phoneNumber":"+8613800138000","purePhoneNumber":"13800138000","countryCode":"86",
				"watermark":{"timestamp":1764633600,"appid":"%s"}}""".formatted(WechatStub.APP_ID));

		PhoneNumber phone = this.client.decryptPhoneNumber(OWN_KEY, data, OWN_IV);

		assertThat(phone).isEqualTo(
				new PhoneNumber("+8613800138000", "13800138000", "86", new Watermark(WechatStub.APP_ID, 1764633600)));
	}

	@Test
	void wrongSessionKeyIsADecryptionFailureThatQuotesNeitherKeyNorPlaintext() {
		String otherKey = Base64.getEncoder().encodeToString("another key 16 b".getBytes(StandardCharsets.US_ASCII));

		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.vectorClient.decryptUserInfo(otherKey, VECTOR_DATA, VECTOR_IV))
			.satisfies((ex) -> assertThat(WechatStub.textOf(ex)).doesNotContain(otherKey, "Band", "oGZUI0e"));
	}

	@Test
	void plaintextThatIsNotJsonIsRefusedWithoutQuotingIt() {
		String data = encrypt("13800138000 is not JSON");

		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.client.decryptPhoneNumber(OWN_KEY, data, OWN_IV))
			.withMessageStartingWith("the decrypted data is not a JSON object")
			.satisfies((ex) -> assertThat(WechatStub.textOf(ex)).doesNotContain("13800138000", OWN_KEY));
	}

	@Test
	void plaintextOfAnotherShapeIsRefusedWithoutQuotingIt() {
		String data = encrypt("{\"phoneNumber\":{\"nested\":\"13800138000\"}}");

		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.client.decryptPhoneNumber(OWN_KEY, data, OWN_IV))
			.withMessage("the decrypted data is not the JSON of PhoneNumber")
			.satisfies((ex) -> assertThat(WechatStub.textOf(ex)).doesNotContain("13800138000", OWN_KEY));
	}

	@Test
	void keyAndIvMustBeBase64OfSixteenBytes() {
		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.vectorClient.decryptUserInfo("not-base64!", VECTOR_DATA, VECTOR_IV))
			.withMessage("sessionKey is not Base64");
		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.vectorClient.decryptUserInfo("c2hvcnQ=", VECTOR_DATA, VECTOR_IV))
			.withMessage("sessionKey must be Base64 of 16 bytes");
		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.vectorClient.decryptUserInfo(VECTOR_SESSION_KEY, VECTOR_DATA, "c2hvcnQ="))
			.withMessage("iv must be Base64 of 16 bytes");
		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> this.vectorClient.decryptUserInfo(VECTOR_SESSION_KEY, "c2hvcnQ=", VECTOR_IV))
			.withMessage("encryptedData must be Base64 of a whole number of 16-byte blocks");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.vectorClient.decryptUserInfo(" ", VECTOR_DATA, VECTOR_IV))
			.withMessage("sessionKey must not be blank");
	}

	@Test
	void rawDataSignatureIsSha1OfRawDataAndSessionKey() {
		String rawData = "{\"nickName\":\"Band\",\"gender\":1}";
		// printf '%s' '{"nickName":"Band","gender":1}tiihtNczf5v6AKRyjwEUhQ==' | sha1sum
		String signature = "209fbe7aa3d83ad61a1f56e4fe8d84dd1373991c";

		assertThat(this.client.verifyRawData(rawData, signature, VECTOR_SESSION_KEY)).isTrue();
		assertThat(this.client.verifyRawData(rawData, signature.toUpperCase(), VECTOR_SESSION_KEY)).isTrue();
		assertThat(this.client.verifyRawData(rawData + " ", signature, VECTOR_SESSION_KEY)).isFalse();
		assertThat(this.client.verifyRawData(rawData, signature, OWN_KEY)).isFalse();
		assertThat(this.client.verifyRawData(rawData, "", VECTOR_SESSION_KEY)).isFalse();
	}

	@Test
	void getPhoneNumberSendsTheCodeWithTheAppAccessToken() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlEqualTo(PHONE_PATH + "?access_token=APP_TOKEN_1")).willReturn(json("""
				{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"+8613800138000","purePhoneNumber":"13800138000",
				"countryCode":"86","watermark":{"timestamp":1764633600,"appid":"%s"}}}"""
			.formatted(WechatStub.APP_ID))));

		PhoneNumber phone = this.client.getPhoneNumber("PHONE_CODE");

		assertThat(phone).isEqualTo(
				new PhoneNumber("+8613800138000", "13800138000", "86", new Watermark(WechatStub.APP_ID, 1764633600)));
		wechat.verify(1, postRequestedFor(urlEqualTo(PHONE_PATH + "?access_token=APP_TOKEN_1"))
			.withRequestBody(equalToJson("{\"code\":\"PHONE_CODE\"}")));
	}

	@Test
	void getPhoneNumberIsNotRepeatedWhenWechatIsBusy() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).willReturn(error(-1, "system error")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> this.client.getPhoneNumber("PHONE_CODE"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(-1));
		wechat.verify(1, postRequestedFor(urlPathEqualTo(PHONE_PATH)));
	}

	@Test
	void getPhoneNumberWithARejectedAccessTokenGetsANewTokenAndTriesOnceMore() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
			.willReturn(error(40001, "invalid credential, access_token is invalid or not latest")));
		wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).withQueryParam("access_token", equalTo("APP_TOKEN_2"))
			.willReturn(json("{\"errcode\":0,\"phone_info\":{\"phoneNumber\":\"13800138000\"}}")));

		assertThat(this.client.getPhoneNumber("PHONE_CODE").phoneNumber()).isEqualTo("13800138000");
		wechat.verify(2, postRequestedFor(urlPathEqualTo(PHONE_PATH)));
	}

	@Test
	void getPhoneNumberSurfacesAnInvalidCode() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).willReturn(error(40029, "invalid code")));

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> this.client.getPhoneNumber("USED_CODE"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40029));
	}

	@Test
	void getPhoneNumberAnswerWithoutPhoneInfoIsATransportFailure() {
		WechatStub.stubAccessTokensInTurn(wechat, "APP_TOKEN_1", "APP_TOKEN_2");
		wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\"}")));

		assertThatExceptionOfType(WechatTransportException.class)
			.isThrownBy(() -> this.client.getPhoneNumber("PHONE_CODE"))
			.withMessage("wxa/business/getuserphonenumber answered without phone_info.phoneNumber");
	}

	private static final String OWN_KEY = Base64.getEncoder()
		.encodeToString("own session key!".getBytes(StandardCharsets.US_ASCII));

	private static final String OWN_IV = Base64.getEncoder()
		.encodeToString("own iv 16 bytes!".getBytes(StandardCharsets.US_ASCII));

	private static String encrypt(String plainText) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(OWN_KEY), "AES"),
					new IvParameterSpec(Base64.getDecoder().decode(OWN_IV)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plainText.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void holdsNoSecret(Throwable thrown) {
		assertThat(WechatStub.textOf(thrown)).doesNotContain(VECTOR_SESSION_KEY, OWN_KEY, "Band", "13800138000");
	}

}
