package io.github.wechatoauth.sample.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.follower.Follower;
import io.github.wechatoauth.miniprogram.MiniProgramUserInfo;
import io.github.wechatoauth.miniprogram.PhoneNumber;
import io.github.wechatoauth.miniprogram.WechatDecryptionException;
import io.github.wechatoauth.oauth.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's Mini Program lines against the sandbox, which plays the Mini Program of
 * its test users, and followers read by openid.
 */
class MiniProgramSandboxTests extends SandboxTestSupport {

	@Autowired
	SandboxScans scans;

	@Test
	void readmeMiniProgramLinesRunAgainstTheSandbox() throws IOException {
		WechatOAuthClient client = client();
		JsonNode fromPhone = get(sandboxUrl() + "/mini-program/user-info?user=lilei").json();
		String jsCode = fromPhone.get("jsCode").asText();
		String rawData = fromPhone.get("rawData").asText();
		String signature = fromPhone.get("signature").asText();
		String encryptedData = fromPhone.get("encryptedData").asText();
		String iv = fromPhone.get("iv").asText();
		String phoneCode = get(sandboxUrl() + "/mini-program/phone-code?user=lilei").json().get("code").asText();

		SignUp signUp = signUp(client, jsCode, rawData, signature, encryptedData, iv, phoneCode);

		MiniProgramUserInfo user = signUp.user();
		assertThat(user.openId()).isEqualTo(user("lilei").openid());
		assertThat(user.unionId()).isEqualTo(user("lilei").unionid());
		assertThat(user.nickName()).isEqualTo("李雷🐼");
		assertThat(user.watermark().appId()).isEqualTo(SandboxProperties.DEFAULT_APPID);
		assertThat(signUp.number()).isEqualTo("13800138001");
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.getPhoneNumber(phoneCode))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40029));
	}

	@Test
	void readmeQuotesTheseLinesVerbatim() throws IOException {
		String source = Files
			.readString(Path.of("src/test/java/io/github/wechatoauth/sample/sandbox/MiniProgramSandboxTests.java"));
		String block = source.substring(source.lastIndexOf("// readme:begin") + "// readme:begin\n".length(),
				source.lastIndexOf("\t\t// readme:end"));
		StringBuilder expected = new StringBuilder();
		block.lines()
			.forEach((line) -> expected.append(line.replaceFirst("^\t\t", "").replace("\t", "    ")).append('\n'));
		assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n" + expected + "```");
	}

	@Test
	void dataOfAnotherLoginDoesNotDecrypt() throws IOException {
		WechatOAuthClient client = client();
		Session first = client.code2Session("sandbox-hanmeimei-1");
		JsonNode fromPhone = get(sandboxUrl() + "/mini-program/user-info?user=hanmeimei").json();

		assertThatExceptionOfType(WechatDecryptionException.class)
			.isThrownBy(() -> client.decryptUserInfo(first.sessionKey(), fromPhone.get("encryptedData").asText(),
					fromPhone.get("iv").asText()));
	}

	@Test
	void followerFollowsFromTheirFirstScanAndHasTheirUnionidEither() {
		WechatOAuthClient client = client();
		this.scans.forgetFollowers();

		Follower xiaoming = client.getFollower(user("xiaoming").openid());
		List<Follower> all = client.getFollowers(List.of(user("xiaoming").openid(), user("lilei").openid()));

		assertThat(xiaoming.subscribed()).isFalse();
		assertThat(xiaoming.unionid()).isEqualTo(user("xiaoming").unionid());
		assertThat(xiaoming.subscribeTime()).isNull();
		assertThat(all).extracting(Follower::openid).containsExactly(user("xiaoming").openid(), user("lilei").openid());
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(() -> client.getFollower("o-nobody"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40003));
	}

	private static SignUp signUp(WechatOAuthClient client, String jsCode, String rawData, String signature,
			String encryptedData, String iv, String phoneCode) {
		// readme:begin
		Session session = client.code2Session(jsCode); // the code of wx.login()
		String sessionKey = session.sessionKey();
		// wx.getUserInfo(): rawData and signature, encryptedData and iv
		if (!client.verifyRawData(rawData, signature, sessionKey)) {
			throw new IllegalArgumentException("rawData was not signed by WeChat");
		}
		MiniProgramUserInfo user = client.decryptUserInfo(sessionKey, encryptedData, iv);
		// the getPhoneNumber button: a code, single-use, valid 5 minutes
		PhoneNumber phone = client.getPhoneNumber(phoneCode);
		String number = phone.purePhoneNumber(); // without the country code
		// readme:end
		return new SignUp(user, number);
	}

	private record SignUp(MiniProgramUserInfo user, String number) {

	}

}
