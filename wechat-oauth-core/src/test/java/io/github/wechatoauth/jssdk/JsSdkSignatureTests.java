package io.github.wechatoauth.jssdk;

import java.util.HashSet;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * JS-SDK signatures: the official sample vectors (wechat-api.md §9), what
 * {@code jsSdkSign} hands to {@code wx.config}, and its nonces.
 */
class JsSdkSignatureTests {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String SAMPLE_TICKET = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final MutableClock clock = MutableClock.startingAt2026();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).clock(this.clock).build();

	@Test
	void officialSampleWithQuerySignsAsDocumented() {
		assertThat(JsSdkSignature.sign(SAMPLE_TICKET, "Wm3WZYTPz0wzccnW", 1414587457,
				"http://mp.weixin.qq.com?params=value"))
			.isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
	}

	@Test
	void officialSampleWithoutQuerySignsAsDocumented() {
		assertThat(JsSdkSignature.sign(SAMPLE_TICKET, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com"))
			.isEqualTo("f4d90daf4b3bca3078ab155816175ba34c443a7b");
	}

	@Test
	void signRefusesBlankValues() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsSdkSignature.sign(" ", "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com"))
			.withMessage("jsapiTicket must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsSdkSignature.sign(SAMPLE_TICKET, null, 1414587457, "http://mp.weixin.qq.com"))
			.withMessage("nonceStr must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JsSdkSignature.sign(SAMPLE_TICKET, "Wm3WZYTPz0wzccnW", 1414587457, ""))
			.withMessage("url must not be blank");
	}

	@Test
	void jsSdkSignSignsThePageWithoutItsFragment() {
		stubTicket();

		JsSdkSignature signature = this.client.jsSdkSign("https://example.com/page?id=1#/detail?x=2");

		assertThat(signature.appId()).isEqualTo(WechatStub.APP_ID);
		assertThat(signature.url()).isEqualTo("https://example.com/page?id=1");
		assertThat(signature.timestamp()).isEqualTo(this.clock.instant().getEpochSecond());
		assertThat(signature.nonceStr()).matches("[A-Za-z0-9]{16}");
		assertThat(signature.signature()).isEqualTo(JsSdkSignature.sign(SAMPLE_TICKET, signature.nonceStr(),
				signature.timestamp(), "https://example.com/page?id=1"));
	}

	@Test
	void jsSdkSignUsesAFreshNonceAndTheCachedTicket() {
		stubTicket();

		JsSdkSignature first = this.client.jsSdkSign("https://example.com/page");
		JsSdkSignature second = this.client.jsSdkSign("https://example.com/page");

		assertThat(first.nonceStr()).isNotEqualTo(second.nonceStr());
		assertThat(first.signature()).isNotEqualTo(second.signature());
		wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
	}

	@Test
	void jsSdkSignRefusesARelativeUrlBeforeAnyRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.jsSdkSign("/page"))
			.withMessage("url must be an absolute http:// or https:// URL without spaces");
		assertThat(wechat.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void noncesAreSixteenLettersAndDigitsEachEquallyLikely() {
		// About 1.3 MB of keystream on this thread's source: a new key on the way.
		int nonces = 100_000;
		int[] counts = new int[ALPHABET.length()];
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < nonces; i++) {
			String nonce = Nonces.next();
			assertThat(nonce).matches("[A-Za-z0-9]{16}");
			seen.add(nonce);
			for (int j = 0; j < nonce.length(); j++) {
				counts[ALPHABET.indexOf(nonce.charAt(j))]++;
			}
		}
		assertThat(seen).hasSize(nonces);
		double expected = nonces * 16.0 / ALPHABET.length();
		double chiSquare = 0;
		for (int count : counts) {
			chiSquare += (count - expected) * (count - expected) / expected;
		}
		// 61 degrees of freedom: above 140 by chance about once in 10^9 runs; a
		// character twice as likely as the others (or never drawn) adds thousands.
		assertThat(chiSquare).isLessThan(140);
	}

	private static void stubTicket() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");
		wechat.stubFor(get(urlEqualTo("/cgi-bin/ticket/getticket?access_token=APP_TOKEN_1&type=jsapi")).willReturn(
				json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"" + SAMPLE_TICKET + "\",\"expires_in\":7200}")));
	}

}
