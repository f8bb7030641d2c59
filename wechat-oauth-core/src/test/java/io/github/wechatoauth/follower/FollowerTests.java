package io.github.wechatoauth.follower;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.WechatStub;
import io.github.wechatoauth.oauth.Lang;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.wechatoauth.WechatStub.error;
import static io.github.wechatoauth.WechatStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Followers by openid against a stubbed WeChat: one ({@code cgi-bin/user/info}), a user
 * who does not follow, many ({@code batchget}, split into requests of at most 100), and
 * the app access token's retry.
 */
class FollowerTests {

	private static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

	@RegisterExtension
	static final WireMockExtension wechat = WechatStub.server();

	private final WechatOAuthClient client = WechatStub.clientBuilder(wechat).build();

	@BeforeEach
	void stubAccessToken() {
		WechatStub.stubAccessToken(wechat, "APP_TOKEN_1");
	}

	@Test
	void getFollowerReadsEveryField() {
		wechat.stubFor(get(urlEqualTo("/cgi-bin/user/info?access_token=APP_TOKEN_1&openid=" + OPENID + "&lang=zh_CN"))
			.willReturn(json("""
					{"subscribe":1,"openid":"%s","language":"zh_CN","subscribe_time":1382694957,
					"unionid":"o6_bmasdasdsad6_2sgVt7hMZOPfL","remark":"VIP","groupid":0,"tagid_list":[128,2],
					"subscribe_scene":"ADD_SCENE_QR_CODE","qr_scene":98765,"qr_scene_str":"login"}"""
				.formatted(OPENID))));

		Follower follower = this.client.getFollower(OPENID);

		assertThat(follower).isEqualTo(new Follower(OPENID, true, "o6_bmasdasdsad6_2sgVt7hMZOPfL", "zh_CN",
				Instant.ofEpochSecond(1382694957), "VIP", List.of(128, 2), "ADD_SCENE_QR_CODE", 98765, "login"));
	}

	@Test
	void userWhoDoesNotFollowComesBackAsNotSubscribed() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("lang", equalTo("en"))
			.willReturn(json("{\"subscribe\":0,\"openid\":\"" + OPENID + "\",\"unionid\":\"UNION\"}")));

		Follower follower = this.client.getFollower(OPENID, Lang.EN);

		assertThat(follower).isEqualTo(new Follower(OPENID, false, "UNION", "", null, "", List.of(), "", 0, ""));
	}

	@Test
	void getFollowerWithARejectedAccessTokenGetsANewTokenAndTriesOnceMore() {
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("access_token", equalTo("APP_TOKEN_1"))
			.willReturn(error(42001, "access_token expired")));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/stable_token")).atPriority(1)
			.withRequestBody(containing("\"force_refresh\":true"))
			.willReturn(json("{\"access_token\":\"APP_TOKEN_2\",\"expires_in\":7200}")));
		wechat.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("access_token", equalTo("APP_TOKEN_2"))
			.willReturn(json("{\"subscribe\":0,\"openid\":\"" + OPENID + "\"}")));

		assertThat(this.client.getFollower(OPENID).subscribed()).isFalse();
		wechat.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/user/info")));
	}

	@Test
	void getFollowersSplitsIntoRequestsOfAtMostOneHundred() {
		List<String> openids = IntStream.range(0, 250).mapToObj((i) -> "openid-" + i).toList();
		stubBatch(openids.subList(0, 100));
		stubBatch(openids.subList(100, 200));
		stubBatch(openids.subList(200, 250));

		List<Follower> followers = this.client.getFollowers(openids);

		assertThat(followers).extracting(Follower::openid).containsExactlyElementsOf(openids);
		assertThat(followers).allSatisfy((follower) -> assertThat(follower.subscribed()).isTrue());
		List<LoggedRequest> requests = wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget")));
		assertThat(requests).extracting((request) -> openidsIn(request.getBodyAsString()).size())
			.containsExactly(100, 100, 50);
		assertThat(requests.get(0).getBodyAsString())
			.startsWith("{\"user_list\":[{\"openid\":\"openid-0\",\"lang\":\"zh_CN\"},");
	}

	@Test
	void getFollowersOfNoOpenidsSendsNothing() {
		assertThat(this.client.getFollowers(List.of())).isEmpty();
		wechat.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget")));
	}

	@Test
	void getFollowersNamesTheBlankOpenid() {
		List<String> openids = new ArrayList<>(List.of(OPENID, " "));

		assertThatIllegalArgumentException().isThrownBy(() -> this.client.getFollowers(openids))
			.withMessage("openids[1] must not be blank");
		wechat.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget")));
	}

	private static List<String> openidsIn(String body) {
		return Arrays.stream(body.split("\"openid\":\""))
			.skip(1)
			.map((part) -> part.substring(0, part.indexOf('"')))
			.toList();
	}

	private static void stubBatch(List<String> openids) {
		String users = openids.stream()
			.map((openid) -> "{\"subscribe\":1,\"openid\":\"" + openid + "\",\"subscribe_time\":1382694957}")
			.collect(Collectors.joining(","));
		wechat.stubFor(post(urlEqualTo("/cgi-bin/user/info/batchget?access_token=APP_TOKEN_1"))
			.withRequestBody(matchingJsonPath("$.user_list[0].openid", equalTo(openids.get(0))))
			.willReturn(json("{\"user_info_list\":[" + users + "]}")));
	}

}
