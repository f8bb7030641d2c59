package io.github.wechatoauth.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.WechatTransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static io.github.wechatoauth.WechatStub.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Calls to any WeChat API with the managed token, against a stubbed WeChat: the token as
 * the query's {@code access_token}, typed and map answers, JSON bodies in UTF-8, a
 * rejected token renewed and the call retried once, {@code -1} retried per the busy
 * policy except for single-use calls, errors that name the path and never the token, and
 * bytes. Run on Jackson 3 and again on Jackson 2 (the tag of {@code JsonBackendTests}):
 * the map form must not depend on which.
 */
@Tag("json-backend")
class WechatApiTests {

	private static final String MENU_CREATE = "/cgi-bin/menu/create?access_token=APP_TOKEN_1";

	private static final String TAGS = """
			{"tags":[{"id":1,"name":"每天一罐可乐星人","count":0},{"id":127,"name":"广东","count":5}]}
			""";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@BeforeEach
	void stubAccessTokens() {
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json("{\"access_token\":\"APP_TOKEN_1\",\"expires_in\":7200}"))
			.willSetStateTo("renewed"));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).inScenario("tokens")
			.whenScenarioStateIs("renewed")
			.willReturn(json("{\"access_token\":\"APP_TOKEN_2\",\"expires_in\":7200}")));
	}

	/** The README's examples, as they are there. */
	@Test
	void readmeExamplesCreateAMenuAndGetTheTags() {
		wechat.stubFor(post(urlEqualTo(MENU_CREATE)).willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\"}")));
		wechat.stubFor(get(urlEqualTo("/cgi-bin/tags/get?access_token=APP_TOKEN_1")).willReturn(json(TAGS)));
		WechatOAuthClient client = this.client;

		// Create a menu (POST /cgi-bin/menu/create): the body is any map, record or bean.
		Map<String, Object> menu = Map.of("button",
				List.of(Map.of("type", "click", "name", "今日歌曲", "key", "V1001_TODAY_MUSIC"),
						Map.of("type", "view", "name", "官网", "url", "https://example.com/")));
		client.api().post("/cgi-bin/menu/create", menu);

		// Read the account's tags (GET /cgi-bin/tags/get) into records of your own.
		record Tag(int id, String name, int count) {
		}
		record Tags(List<Tag> tags) {
		}
		Tags tags = client.api().get("/cgi-bin/tags/get", Map.of(), Tags.class);

		assertThat(tags.tags()).extracting(Tag::name).containsExactly("每天一罐可乐星人", "广东");
		wechat.verify(postRequestedFor(urlEqualTo(MENU_CREATE)).withRequestBody(
				equalToJson("{\"button\":[{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"V1001_TODAY_MUSIC\"},"
						+ "{\"type\":\"view\",\"name\":\"官网\",\"url\":\"https://example.com/\"}]}")));
	}

	@Test
	void getAddsTheManagedTokenAndReadsATypedAnswer() {
		wechat.stubFor(get(urlEqualTo("/cgi-bin/tags/get?access_token=APP_TOKEN_1")).willReturn(json(TAGS)));

		Tags tags = this.client.api().get("/cgi-bin/tags/get", Map.of(), Tags.class);

		assertThat(tags.tags()).containsExactly(new Tag(1, "每天一罐可乐星人", 0), new Tag(127, "广东", 5));
	}

	@Test
	void getSendsTheQueryAfterTheTokenAndReadsAMap() {
		wechat.stubFor(get(urlEqualTo(
				"/cgi-bin/user/info?access_token=APP_TOKEN_1&openid=o6_bmjrPTlm6_2sgVt7hMZOPfL2M&lang=zh_CN"))
			.willReturn(json("{\"subscribe\":1,\"openid\":\"o6_bmjrPTlm6_2sgVt7hMZOPfL2M\",\"tagid_list\":[2,127]}")));
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
		query.put("lang", "zh_CN");

		Map<String, Object> user = this.client.api().get("cgi-bin/user/info", query);

		assertThat(user).containsEntry("subscribe", 1).containsEntry("tagid_list", List.of(2, 127));
	}

	@Test
	void postWritesTheBodyAsUtf8JsonWithChineseUnescaped() {
		wechat.stubFor(post(urlEqualTo(MENU_CREATE)).willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\"}")));
		Map<String, Object> menu = Map.of("button",
				List.of(Map.of("type", "click", "name", "今日歌曲", "key", "V1001_TODAY_MUSIC")));

		Map<String, Object> answer = this.client.api().post("/cgi-bin/menu/create", menu);

		assertThat(answer).containsEntry("errmsg", "ok");
		wechat.verify(postRequestedFor(urlEqualTo(MENU_CREATE)).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(
					"{\"button\":[{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"V1001_TODAY_MUSIC\"}]}")));
		byte[] sent = wechat.findAll(postRequestedFor(urlEqualTo(MENU_CREATE))).get(0).getBody();
		assertThat(new String(sent, StandardCharsets.UTF_8)).contains("今日歌曲");
	}

	@Test
	void aRejectedTokenIsRenewedAndTheCallRetriedOnce() {
		wechat.stubFor(post(urlEqualTo(MENU_CREATE)).willReturn(error(40001, "invalid credential")));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/menu/create?access_token=APP_TOKEN_2"))
			.willReturn(json("{\"errcode\":0,\"errmsg\":\"ok\"}")));

		this.client.api().singleUse().post("/cgi-bin/menu/create", Map.of("button", List.of()));

		wechat.verify(1, postRequestedFor(urlEqualTo(MENU_CREATE)));
		wechat.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/menu/create?access_token=APP_TOKEN_2")));
		assertThat(this.client.getClientAccessToken().accessToken()).isEqualTo("APP_TOKEN_2");
	}

	@Test
	void aTokenRejectedTwiceFailsAfterOneRetry() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).willReturn(error(42001, "access_token expired")));

		WechatApiException failure = catchThrowableOfType(WechatApiException.class,
				() -> this.client.api().get("/cgi-bin/tags/get", Map.of()));

		assertThat(failure.getErrorCode()).isEqualTo(42001);
		wechat.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/tags/get")));
	}

	@Test
	void systemBusyIsRetriedPerTheBusyPolicy() {
		stubBusyTwiceThenOk("/cgi-bin/tags/get?access_token=APP_TOKEN_1", TAGS);

		Tags tags = this.client.api().get("/cgi-bin/tags/get", Map.of(), Tags.class);

		assertThat(tags.tags()).hasSize(2);
		wechat.verify(3, getRequestedFor(urlPathEqualTo("/cgi-bin/tags/get")));
	}

	@Test
	void aSingleUseCallIsNotRepeatedWhenWechatIsBusy() {
		stubBusyTwiceThenOk("/cgi-bin/message/custom/send?access_token=APP_TOKEN_1", "{\"errcode\":0}");
		Map<String, Object> message = Map.of("touser", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "msgtype", "text", "text",
				Map.of("content", "你好"));

		WechatApiException failure = catchThrowableOfType(WechatApiException.class,
				() -> this.client.api().singleUse().post("/cgi-bin/message/custom/send", message));

		assertThat(failure.getErrorCode()).isEqualTo(-1);
		assertThat(failure.getEndpoint()).isEqualTo("cgi-bin/message/custom/send");
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
	}

	@Test
	void anErrorNamesThePathAndNeverTheToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/tags/create"))
			.willReturn(error(45157, "invalid tag name, access_token APP_TOKEN_1")));

		WechatApiException failure = catchThrowableOfType(WechatApiException.class,
				() -> this.client.api().post("/cgi-bin/tags/create", Map.of("tag", Map.of("name", "广东"))));

		assertThat(failure.getEndpoint()).isEqualTo("cgi-bin/tags/create");
		assertThat(failure).hasMessageStartingWith("cgi-bin/tags/create failed: errcode 45157");
		assertThat(textOf(failure)).doesNotContain("APP_TOKEN_1").doesNotContain(WechatStub.APP_SECRET);
	}

	@Test
	void anAnswerOfAnotherShapeNamesTheType() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).willReturn(json("{\"tags\":\"none\"}")));

		WechatTransportException failure = catchThrowableOfType(WechatTransportException.class,
				() -> this.client.api().get("/cgi-bin/tags/get", Map.of(), Tags.class));

		assertThat(failure).hasMessageContaining("cgi-bin/tags/get answered JSON of an unexpected shape for Tags");
	}

	@Test
	void getBytesReturnsMediaAsItCame() {
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F' };
		wechat.stubFor(get(urlEqualTo("/cgi-bin/media/get?access_token=APP_TOKEN_1&media_id=MEDIA_ID_1"))
			.willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg)));

		assertThat(this.client.api().getBytes("/cgi-bin/media/get", Map.of("media_id", "MEDIA_ID_1"))).isEqualTo(jpeg);
	}

	@Test
	void getBytesReturnsJsonWithoutAnErrorAsItCame() {
		String video = "{\"video_url\":\"http://example.com/video.mp4\"}";
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/media/get")).willReturn(json(video)));

		assertThat(this.client.api().getBytes("/cgi-bin/media/get", Map.of("media_id", "MEDIA_ID_1")))
			.asString(StandardCharsets.UTF_8)
			.isEqualTo(video);
	}

	@Test
	void aDownloadAnsweredWithAnErrorIsAnErrorAndARejectedTokenIsRetriedOnce() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
		wechat.stubFor(post(urlEqualTo("/wxa/getwxacodeunlimit?access_token=APP_TOKEN_1"))
			.willReturn(error(40001, "invalid credential")));
		wechat.stubFor(post(urlEqualTo("/wxa/getwxacodeunlimit?access_token=APP_TOKEN_2"))
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/media/get")).willReturn(error(40007, "invalid media_id")));

		assertThat(this.client.api().postForBytes("/wxa/getwxacodeunlimit", Map.of("scene", "a=1"))).isEqualTo(png);
		WechatApiException failure = catchThrowableOfType(WechatApiException.class,
				() -> this.client.api().getBytes("/cgi-bin/media/get", Map.of("media_id", "NOT_A_MEDIA")));
		assertThat(failure.getErrorCode()).isEqualTo(40007);
		assertThat(failure.getEndpoint()).isEqualTo("cgi-bin/media/get");
	}

	@Test
	void argumentsAreCheckedBeforeAnyRequest() {
		WechatApi api = this.client.api();
		for (String path : List.of("https://evil.example.com/cgi-bin/tags/get", "//evil.example.com/x",
				"/cgi-bin/tags/get?access_token=X", "/cgi-bin/../sns/userinfo", "", "/cgi-bin/tags/get#x")) {
			assertThatIllegalArgumentException().isThrownBy(() -> api.get(path, Map.of()))
				.withMessageStartingWith("path must be a WeChat API path such as /cgi-bin/tags/get");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> api.get("/cgi-bin/tags/get", Map.of("access_token", "T")))
			.withMessage("query must not hold access_token: the client adds the token it manages");
		Map<String, Object> withNull = new LinkedHashMap<>();
		withNull.put("openid", null);
		assertThatIllegalArgumentException().isThrownBy(() -> api.get("/cgi-bin/user/info", withNull))
			.withMessage("query parameter openid must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> api.post("/cgi-bin/menu/create", null))
			.withMessage("body must not be null");
		wechat.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/tags/get")));
	}

	private static void stubBusyTwiceThenOk(String url, String answer) {
		String scenario = "busy " + url;
		for (String state : List.of(Scenario.STARTED, "busy once")) {
			wechat
				.stubFor((url.contains("/message/") ? post(urlEqualTo(url)) : get(urlEqualTo(url))).inScenario(scenario)
					.whenScenarioStateIs(state)
					.willReturn(error(-1, "system error"))
					.willSetStateTo(state.equals(Scenario.STARTED) ? "busy once" : "busy twice"));
		}
		wechat.stubFor((url.contains("/message/") ? post(urlEqualTo(url)) : get(urlEqualTo(url))).inScenario(scenario)
			.whenScenarioStateIs("busy twice")
			.willReturn(json(answer)));
	}

	record Tags(@JsonProperty("tags") List<Tag> tags) {
	}

	record Tag(@JsonProperty("id") int id, @JsonProperty("name") String name, @JsonProperty("count") int count) {
	}

}
