package io.github.wechatoauth;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.wechatoauth.oauth.InMemoryTokenStore;
import io.github.wechatoauth.qrcode.QrCodeRequest;
import io.github.wechatoauth.testsupport.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.APP_SECRET;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every log line, at every level down to DEBUG and with its stack trace, of flows that
 * carry the secret, codes and tokens, holds none of them.
 */
class LogSecrecyTests {

	private static final List<String> SECRETS = List.of(APP_SECRET, "CODE0a1b2c3d4e5f6", "USER_ACCESS_TOKEN_1",
			"USER_REFRESH_TOKEN_1", "USER_ACCESS_TOKEN_2", "APP_ACCESS_TOKEN_1", "APP_ACCESS_TOKEN_2");

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	/** Ours and Spring's HTTP client, the code that sees the URLs. */
	private final List<Logger> verbose = List.of((Logger) LoggerFactory.getLogger("io.github.wechatoauth"),
			(Logger) LoggerFactory.getLogger("org.springframework.web"),
			(Logger) LoggerFactory.getLogger("org.springframework.http"));

	private final MutableClock clock = MutableClock.startingAt2026();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat)
		.clock(this.clock)
		.tokenStore(new InMemoryTokenStore(this.clock))
		.build();

	/**
	 * Apache HttpClient 5 (the SDK's transport on this class path) prints each request
	 * line, query string included, at DEBUG: nothing a library above it can mask, so the
	 * README tells to keep {@code org.apache.hc} at INFO, as here.
	 */
	private final Logger httpClient = (Logger) LoggerFactory.getLogger("org.apache.hc");

	private final Map<Logger, @Nullable Level> levels = new HashMap<>();

	@BeforeEach
	void captureLogs() {
		this.levels.put(this.httpClient, this.httpClient.getLevel());
		this.httpClient.setLevel(Level.INFO);
		this.verbose.forEach((logger) -> this.levels.put(logger, logger.getLevel()));
		this.verbose.forEach((logger) -> logger.setLevel(Level.TRACE));
		this.appender.start();
		this.root.addAppender(this.appender);
		// Read, not shown: the expected WARN of the failed refresh stays off the console.
		this.verbose.forEach((logger) -> {
			logger.addAppender(this.appender);
			logger.setAdditive(false);
		});
	}

	@AfterEach
	void releaseLogs() {
		this.verbose.forEach((logger) -> {
			logger.detachAppender(this.appender);
			logger.setAdditive(true);
		});
		this.root.detachAppender(this.appender);
		this.levels.forEach(Logger::setLevel);
	}

	@Test
	void flowsWithSecretsLogNoSecret() {
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(json("""
				{"access_token":"USER_ACCESS_TOKEN_1","expires_in":7200,"refresh_token":"USER_REFRESH_TOKEN_1",
				"openid":"oOpenid1","scope":"snsapi_userinfo"}
				""")));
		wechat.stubFor(get(urlPathEqualTo("/sns/oauth2/refresh_token")).willReturn(json("""
				{"access_token":"USER_ACCESS_TOKEN_2","expires_in":7200,"refresh_token":"USER_REFRESH_TOKEN_1",
				"openid":"oOpenid1","scope":"snsapi_userinfo"}
				""")));
		wechat
			.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("access_token", equalTo("USER_ACCESS_TOKEN_1"))
				.willReturn(json("{\"openid\":\"oOpenid1\",\"nickname\":\"Band\"}")));
		wechat
			.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("access_token", equalTo("USER_ACCESS_TOKEN_2"))
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(json("{\"access_token\":\"APP_ACCESS_TOKEN_1\",\"expires_in\":7200}")));
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create")).willReturn(error(-1, "system error")));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket"))
			.willReturn(aResponse().withStatus(502).withBody("<html>502</html>")));

		this.client.getUserByCode("CODE0a1b2c3d4e5f6");
		this.clock.advance(Duration.ofHours(2));
		catchThrowable(() -> this.client.getUser("oOpenid1"));
		catchThrowable(() -> this.client.createQrCode(QrCodeRequest.permanent(1)));
		catchThrowable(() -> this.client.jsSdkSign("https://example.com/"));
		this.clock.advance(Duration.ofSeconds(7000));
		// Refreshing the app token ahead of expiry fails and is logged as a warning.
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		this.client.getClientAccessToken();

		assertThat(this.appender.list).extracting(ILoggingEvent::getLoggerName)
			.contains("io.github.wechatoauth.internal.http.WechatHttp");
		for (ILoggingEvent event : this.appender.list) {
			String text = event.getFormattedMessage() + ((event.getThrowableProxy() != null)
					? ThrowableProxyUtil.asString(event.getThrowableProxy()) : "");
			assertThat(text).as(event.getLoggerName()).doesNotContain(SECRETS);
		}
	}

}
