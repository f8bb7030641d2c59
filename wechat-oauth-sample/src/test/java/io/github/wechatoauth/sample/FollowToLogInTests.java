package io.github.wechatoauth.sample;

import java.net.URI;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatoauth.autoconfigure.WechatProperties;
import io.github.wechatoauth.message.endpoint.WechatMessageEndpoint;
import io.github.wechatoauth.qrcode.QrLoginCode;
import io.github.wechatoauth.qrcode.QrLoginStatus;
import io.github.wechatoauth.qrcode.WechatQrLogin;
import io.github.wechatoauth.sample.sandbox.SandboxProperties;
import io.github.wechatoauth.sample.sandbox.SandboxQrCode;
import io.github.wechatoauth.sample.sandbox.SandboxQrCodes;
import io.github.wechatoauth.sample.sandbox.SandboxScans;
import io.github.wechatoauth.sample.sandbox.SandboxStats;
import io.github.wechatoauth.sample.sandbox.SandboxUser;
import io.github.wechatoauth.sample.sandbox.SandboxUsers;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Follow to log in": the page, the status the browser polls, and the sandbox's simulated
 * scan, which reaches the app's message endpoint over HTTP as WeChat's push would.
 */
class FollowToLogInTests extends SampleAppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final Pattern QR_IMAGE = Pattern.compile("<img id=\"qr\" src=\"([^\"]+)\"");

	private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");

	@Autowired
	WechatQrLogin qrLogin;

	@Autowired
	SandboxQrCodes qrCodes;

	@Autowired
	SandboxUsers users;

	@Autowired
	SandboxScans scans;

	@Autowired
	SandboxProperties sandbox;

	@Autowired
	SandboxStats stats;

	@Test
	void showsTheSandboxsQrCodeAndLogsTheScannerInOnceTheScanIsPushed() throws Exception {
		MockHttpSession session = new MockHttpSession();
		String html = page("/follow", session);
		String image = HtmlUtils.htmlUnescape(find(QR_IMAGE, html));
		String ticket = HtmlUtils.htmlUnescape(find(TICKET, html));
		assertThat(image).startsWith(baseUrl() + "/sandbox/cgi-bin/showqrcode?ticket=");
		assertThat(UriUtils
			.decode(UriComponentsBuilder.fromUriString(image).build().getQueryParams().getFirst("ticket"), "UTF-8"))
			.isEqualTo(ticket);
		assertThat(html).contains("Simulate scan", "韩梅梅", "src=\"/follow.js\"");
		assertThat(pollStatus(session)).isEqualTo("pending");

		JsonNode scan = scan(ticket, "hanmeimei");

		assertThat(scan.path("status").asInt()).isEqualTo(200);
		assertThat(scan.path("safeMode").asBoolean()).isTrue();
		assertThat(scan.path("event").asText()).isIn("subscribe", "SCAN");
		assertThat(scan.path("eventKey").asText()).endsWith(this.qrCodes.findLive(ticket).orElseThrow().scene());
		assertThat(scan.path("reply").asText()).isEqualTo(LoginScanReply.TEXT);
		JsonNode confirmed = json.readTree(this.mvc.perform(get("/follow/status").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(confirmed.path("status").asText()).isEqualTo("confirmed");
		assertThat(confirmed.path("next").asText()).isEqualTo("/profile");
		assertThat(page("/profile", session)).contains("oSbx2Han_MeiMei6Gj8Xs4UaQ1mK", "Follow to log in");
		assertThat(pollStatus(session)).as("the login id is used up").isEqualTo("expired");
	}

	@Test
	void aReloadedPageShowsTheSameCodeSoThatOneSessionCannotSpendTheQuota() throws Exception {
		MockHttpSession session = new MockHttpSession();
		String first = find(TICKET, page("/follow", session));
		long created = this.stats.requests("cgi-bin/qrcode/create");

		for (int i = 0; i < 50; i++) {
			assertThat(find(TICKET, page("/follow", session))).isEqualTo(first);
		}

		assertThat(this.stats.requests("cgi-bin/qrcode/create")).isEqualTo(created);
	}

	@Test
	void pushesSubscribeOnAUsersFirstScanAndScanAfterwards() throws Exception {
		this.scans.forgetFollowers();

		JsonNode first = scan(ticketOf(this.qrLogin.start()), "lilei");
		JsonNode second = scan(ticketOf(this.qrLogin.start()), "lilei");

		assertThat(first.path("event").asText()).isEqualTo("subscribe");
		assertThat(first.path("eventKey").asText()).startsWith("qrscene_" + WechatQrLogin.SCENE_PREFIX);
		assertThat(second.path("event").asText()).isEqualTo("SCAN");
		assertThat(second.path("eventKey").asText()).startsWith(WechatQrLogin.SCENE_PREFIX);
	}

	@Test
	void aPlaintextPushIsRefusedBecauseTheAccountIsInSafeMode() {
		// The app has an EncodingAESKey, so wechat.message.mode defaults to safe: a push
		// signed with the plain signature alone could carry any body.
		QrLoginCode code = this.qrLogin.start();
		WechatProperties plaintext = wechat(SandboxProperties.DEFAULT_TOKEN);

		SandboxScans.Push push;
		try (CapturedLogs logs = CapturedLogs.of(WechatMessageEndpoint.class.getName())) {
			push = new SandboxScans(plaintext, this.sandbox, Clock.systemUTC()).scan(qrCode(code), user("xiaoming"),
					messageEndpoint());

			assertThat(logs.at(Level.WARN)).singleElement().asString().contains("403", "UNENCRYPTED");
		}

		assertThat(push.encrypted()).isFalse();
		assertThat(push.status()).isEqualTo(403);
		assertThat(this.qrLogin.poll(code.loginId())).isInstanceOf(QrLoginStatus.Pending.class);
	}

	@Test
	void aPushSignedWithAnotherTokenIsRefusedAndLogsNobodyIn() {
		QrLoginCode code = this.qrLogin.start();
		WechatProperties forged = wechat("notTheAccountsToken");
		// Encrypted, as the account is in safe mode: refused for its msg_signature.
		forged.setEncodingAesKey(SandboxProperties.DEFAULT_ENCODING_AES_KEY);

		SandboxScans.Push push;
		try (CapturedLogs logs = CapturedLogs.of(WechatMessageEndpoint.class.getName())) {
			push = new SandboxScans(forged, this.sandbox, Clock.systemUTC()).scan(qrCode(code), user("xiaoming"),
					messageEndpoint());

			assertThat(logs.at(Level.WARN)).singleElement().asString().contains("403", "BAD_SIGNATURE");
		}

		assertThat(push.status()).isEqualTo(403);
		assertThat(push.reply()).isNull();
		assertThat(this.qrLogin.poll(code.loginId())).isInstanceOf(QrLoginStatus.Pending.class);
	}

	@Test
	void refusesToScanACodeItDidNotCreate() throws Exception {
		this.mvc.perform(post("/sandbox/scan").with(csrf()).param("ticket", "unknown").param("user", "lilei"))
			.andExpect(status().isNotFound());
	}

	@Test
	void answersExpiredToABrowserWithNoLogInUnderWay() throws Exception {
		assertThat(pollStatus(new MockHttpSession())).isEqualTo("expired");
	}

	private JsonNode scan(String ticket, String user) throws Exception {
		return json
			.readTree(this.mvc.perform(post("/sandbox/scan").with(csrf()).param("ticket", ticket).param("user", user))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
	}

	private String pollStatus(MockHttpSession session) throws Exception {
		return json
			.readTree(this.mvc.perform(get("/follow/status").session(session))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.path("status")
			.asText();
	}

	private String page(String path, MockHttpSession session) throws Exception {
		return this.mvc.perform(get(path).session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private SandboxQrCode qrCode(QrLoginCode code) {
		return this.qrCodes.findLive(ticketOf(code)).orElseThrow();
	}

	private static String ticketOf(QrLoginCode code) {
		return UriUtils.decode(
				UriComponentsBuilder.fromUriString(code.qrImageUrl()).build().getQueryParams().getFirst("ticket"),
				"UTF-8");
	}

	private SandboxUser user(String key) {
		return this.users.byKey(key).orElseThrow();
	}

	private URI messageEndpoint() {
		return URI.create(baseUrl() + "/wechat/message");
	}

	private static WechatProperties wechat(String token) {
		WechatProperties properties = new WechatProperties();
		properties.setToken(token);
		return properties;
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
		return matcher.group(1);
	}

}
