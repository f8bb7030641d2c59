package io.github.wechatoauth.qrcode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.store.InMemorySharedStore;
import io.github.wechatoauth.message.ClickEvent;
import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.ScanEvent;
import io.github.wechatoauth.message.SubscribeEvent;
import io.github.wechatoauth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Log-in by scanning a QR code, against a WireMock WeChat and the in-memory store, with a
 * clock the tests move.
 */
class WechatQrLoginTests {

	private static final String APPID = "wx1234567890abcdef";

	private static final WireMockServer wechat = new WireMockServer(options().dynamicPort());

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

	private final InMemorySharedStore store = new InMemorySharedStore(this.clock);

	private WechatOAuthClient client;

	private WechatQrLogin qrLogin;

	@BeforeAll
	static void startWechat() {
		wechat.start();
	}

	@AfterAll
	static void stopWechat() {
		wechat.stop();
	}

	@BeforeEach
	void stubWechat() {
		wechat.resetAll();
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(okJson("{\"access_token\":\"app-token\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.willReturn(okJson("{\"ticket\":\"gQH47joAAAAAAAAAASx+/=\",\"expire_seconds\":300,"
					+ "\"url\":\"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI\"}")));
		this.client = WechatOAuthClient.builder()
			.appId(APPID)
			.appSecret("test-secret")
			.apiBaseUrl(wechat.baseUrl())
			.mpBaseUrl("https://mp.example")
			.sharedStore(this.store)
			.clock(this.clock)
			.build();
		this.qrLogin = new WechatQrLogin(this.client.getAppId(), this.client::createQrCode, this.store, this.clock);
	}

	@Test
	void startsWithATemporaryStringSceneQrCodeNamingAFreshLoginId() {
		QrLoginCode code = this.qrLogin.start();
		assertThat(code.loginId()).matches("[A-Za-z0-9_-]{22}");
		assertThat(code.qrImageUrl())
			.isEqualTo("https://mp.example/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASx%2B%2F%3D");
		assertThat(code.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.withQueryParam("access_token", equalTo("app-token"))
			.withRequestBody(matchingJsonPath("$.action_name", equalTo("QR_STR_SCENE")))
			.withRequestBody(matchingJsonPath("$.expire_seconds", equalTo("300")))
			.withRequestBody(matchingJsonPath("$.action_info.scene.scene_str", equalTo("login:" + code.loginId()))));
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Pending());
	}

	@Test
	void loginIdsAreUnguessable() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			ids.add(this.qrLogin.start().loginId());
		}
		assertThat(ids).hasSize(20);
		for (LoggedRequest request : wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/qrcode/create")))) {
			assertThat(request.getBodyAsString()).containsPattern("\"scene_str\":\"login:[A-Za-z0-9_-]{22}\"");
		}
	}

	@Test
	void aScanConfirmsTheLoginWithTheOpenidOnce() {
		QrLoginCode code = this.qrLogin.start();
		assertThat(this.qrLogin.confirm(scan("login:" + code.loginId(), "o-scanner"))).isTrue();
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Confirmed("o-scanner"));
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Expired());
	}

	@Test
	void aFollowThroughTheCodeConfirmsTheLogin() {
		QrLoginCode code = this.qrLogin.start();
		assertThat(this.qrLogin.confirm(subscribe("login:" + code.loginId(), "o-new-follower"))).isTrue();
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Confirmed("o-new-follower"));
	}

	@Test
	void theFirstScanWins() {
		QrLoginCode code = this.qrLogin.start();
		assertThat(this.qrLogin.confirm(scan("login:" + code.loginId(), "o-first"))).isTrue();
		assertThat(this.qrLogin.confirm(scan("login:" + code.loginId(), "o-second"))).isFalse();
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Confirmed("o-first"));
		assertThat(this.qrLogin.confirm(scan("login:" + code.loginId(), "o-late"))).isFalse();
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Expired());
	}

	@Test
	void ignoresPushesThatAreNotScansOfALoginCode() {
		QrLoginCode code = this.qrLogin.start();
		assertThat(this.qrLogin.confirm(scan("campaign-42", "o-user"))).isFalse();
		assertThat(this.qrLogin.confirm(scan(code.loginId(), "o-user"))).isFalse();
		assertThat(this.qrLogin.confirm(subscribe(null, "o-user"))).isFalse();
		assertThat(this.qrLogin
			.confirm(new ClickEvent("gh_account", "o-user", this.clock.instant(), "login:" + code.loginId(), Map.of())))
			.isFalse();
		assertThat(this.qrLogin.confirm(scan("login:unknown-id-of-22-chr", "o-user"))).isFalse();
		assertThat(this.qrLogin.confirm(scan("login:../../etc/passwd", "o-user"))).isFalse();
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Pending());
	}

	@Test
	void aLoginIdExpiresWithItsCode() {
		QrLoginCode code = this.qrLogin.start();
		this.clock.advance(Duration.ofMinutes(5).minusMillis(1));
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Pending());
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Expired());
		assertThat(this.qrLogin.confirm(scan("login:" + code.loginId(), "o-late"))).isFalse();
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Expired());
	}

	@Test
	void aConfirmedLoginThatIsNotPolledInTimeExpires() {
		QrLoginCode code = this.qrLogin.start();
		this.qrLogin.confirm(scan("login:" + code.loginId(), "o-scanner"));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.qrLogin.poll(code.loginId())).isEqualTo(new QrLoginStatus.Expired());
	}

	@Test
	void unknownAndMalformedLoginIdsAreExpired() {
		assertThat(this.qrLogin.poll("AAAAAAAAAAAAAAAAAAAAAA")).isEqualTo(new QrLoginStatus.Expired());
		assertThat(this.qrLogin.poll("")).isEqualTo(new QrLoginStatus.Expired());
		assertThat(this.qrLogin.poll("x".repeat(10_000))).isEqualTo(new QrLoginStatus.Expired());
		assertThat(this.qrLogin.poll(null)).isEqualTo(new QrLoginStatus.Expired());
	}

	@Test
	void expiresWhenWechatGrantsLessThanAsked() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.willReturn(okJson("{\"ticket\":\"t\",\"expire_seconds\":60,\"url\":\"http://weixin.qq.com/q/x\"}")));
		QrLoginCode code = this.qrLogin.start();
		assertThat(code.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(60));
	}

	@Test
	void usesTheGivenLifetime() {
		WechatQrLogin shortLived = new WechatQrLogin(this.client.getAppId(), this.client::createQrCode, this.store,
				this.clock, Duration.ofSeconds(120));
		assertThat(shortLived.getLifetime()).isEqualTo(Duration.ofSeconds(120));
		QrLoginCode code = shortLived.start();
		assertThat(code.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(120));
		wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.withRequestBody(matchingJsonPath("$.expire_seconds", equalTo("120"))));
		this.clock.advance(Duration.ofSeconds(120));
		assertThat(shortLived.poll(code.loginId())).isEqualTo(new QrLoginStatus.Expired());
	}

	@Test
	void refusesALifetimeWechatWouldRefuse() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WechatQrLogin(this.client.getAppId(), this.client::createQrCode, this.store,
					this.clock, Duration.ZERO))
			.withMessageContaining("lifetime");
		assertThatIllegalArgumentException().isThrownBy(() -> new WechatQrLogin(this.client.getAppId(),
				this.client::createQrCode, this.store, this.clock, Duration.ofDays(31)));
		assertThatIllegalArgumentException().isThrownBy(() -> new WechatQrLogin(this.client.getAppId(),
				this.client::createQrCode, this.store, this.clock, Duration.ofMillis(1500)));
	}

	@Test
	void aRefusedQrCodeFailsTheStart() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create"))
			.willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}")));
		assertThatExceptionOfType(WechatApiException.class).isThrownBy(this.qrLogin::start);
	}

	@Test
	void describesItselfWithoutState() {
		assertThat(this.qrLogin).hasToString("WechatQrLogin[appId=" + APPID + ", lifetime=PT5M]");
	}

	private InboundMessage scan(String scene, String openid) {
		return new ScanEvent("gh_account", openid, this.clock.instant(), scene, "ticket", Map.of());
	}

	private InboundMessage subscribe(String scene, String openid) {
		return new SubscribeEvent("gh_account", openid, this.clock.instant(), scene, "ticket", Map.of());
	}

}
