package io.github.wechatoauth.jssdk;

import java.util.List;

import io.github.wechatoauth.internal.Sha1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text signed from a thread's array: the same signature as the string
 * {@code jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL} for every value, however the
 * parts kept from the last signature change.
 */
class SignatureTextTests {

	private static final String TICKET = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

	@Test
	void signsAsTheStringWhenTicketNonceTimestampOrUrlChange() {
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value");
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnX", 1414587457, "http://mp.weixin.qq.com?params=value");
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnX", 1414587458, "http://mp.weixin.qq.com");
		assertSignsAsTheString(TICKET, "short", 1414587458, "http://mp.weixin.qq.com");
		assertSignsAsTheString(TICKET, "a nonce longer than sixteen", 1414587458, "http://mp.weixin.qq.com");
		assertSignsAsTheString("another-ticket", "Wm3WZYTPz0wzccnX", 1414587458, "http://mp.weixin.qq.com");
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnX", 1414587458, "http://mp.weixin.qq.com");
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnX", -1, "http://mp.weixin.qq.com");
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnX", Long.MAX_VALUE, "http://mp.weixin.qq.com");
	}

	@Test
	void signsTextOutsideAsciiAsItsUtf8Bytes() {
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, "https://example.com/页面?q=café");
		assertSignsAsTheString("票据-é", "Wm3WZYTPz0wzccnW", 1414587457, "https://example.com/page");
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, "https://example.com/page");
	}

	@Test
	void signsLongTextsAsTheStringWhetherKeptOrNot() {
		String longPath = "https://example.com/" + "p".repeat(300);
		String tooLong = "https://example.com/" + "q".repeat(SignatureText.MAX_LENGTH);
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, longPath);
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, tooLong);
		assertSignsAsTheString("t".repeat(SignatureText.MAX_LENGTH), "Wm3WZYTPz0wzccnW", 1414587457, longPath);
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, longPath);
		assertSignsAsTheString(TICKET, "Wm3WZYTPz0wzccnW", 1414587457, "https://example.com/");
	}

	@Test
	void aNewNonceIsDrawnIntoTheTextAndSignedAsTheString() {
		String tooLong = "https://example.com/" + "q".repeat(SignatureText.MAX_LENGTH);
		for (String url : List.of("https://example.com/page", "https://example.com/页面", tooLong,
				"https://example.com/page")) {
			JsSdkSignature signed = SignatureText.signWithNewNonce("wx1234567890abcdef", TICKET, 1414587457, url);
			assertThat(signed.nonceStr()).matches("[A-Za-z0-9]{16}");
			assertThat(signed).extracting(JsSdkSignature::appId, JsSdkSignature::timestamp, JsSdkSignature::url)
				.containsExactly("wx1234567890abcdef", 1414587457L, url);
			assertThat(signed.signature()).as(url)
				.isEqualTo(Sha1.hex("jsapi_ticket=" + TICKET + "&noncestr=" + signed.nonceStr()
						+ "&timestamp=1414587457&url=" + url));
		}
	}

	private static void assertSignsAsTheString(String ticket, String nonce, long timestamp, String url) {
		String expected = Sha1
			.hex("jsapi_ticket=" + ticket + "&noncestr=" + nonce + "&timestamp=" + timestamp + "&url=" + url);
		assertThat(SignatureText.sign(ticket, nonce, timestamp, url)).as(url).isEqualTo(expected);
	}

}
