package io.github.wechatoauth;

import java.time.Instant;

import io.github.wechatoauth.oauth.UserInfo;
import io.github.wechatoauth.oauth.UserToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Without any Jackson on the class path (the {@code no-jackson} execution of Surefire
 * runs this class alone, without Jackson 2, Jackson 3 and their annotations), building a
 * client fails at once with a message that says what to add, and the records still load.
 */
@Tag(NoJacksonTests.TAG)
class NoJacksonTests {

	/** The tag of the tests that run only without Jackson. */
	static final String TAG = "no-jackson";

	@Test
	void jacksonIsNotOnTheClassPath() {
		assertThat(getClass().getClassLoader().getResource("tools/jackson/databind/ObjectMapper.class")).isNull();
		assertThat(getClass().getClassLoader().getResource("com/fasterxml/jackson/databind/ObjectMapper.class"))
			.isNull();
		assertThat(getClass().getClassLoader().getResource("com/fasterxml/jackson/annotation/JsonProperty.class"))
			.isNull();
	}

	@Test
	void buildingAClientSaysWhichJacksonToAdd() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> WechatOAuthClient.builder().appId(WechatStub.APP_ID).appSecret(WechatStub.APP_SECRET).build())
			.withMessage("wechat-oauth reads WeChat's JSON with the application's Jackson and found none: add "
					+ "tools.jackson.core:jackson-databind (Jackson 3, as Spring Boot 4 has) or "
					+ "com.fasterxml.jackson.core:jackson-databind (Jackson 2, as Spring Boot 3 has)");
	}

	@Test
	void recordsLoadWithoutJacksonsAnnotations() {
		UserToken token = new UserToken("ACCESS_TOKEN_1", 7200, "REFRESH_TOKEN_1", "oOpenid", "snsapi_base", null,
				Instant.EPOCH);
		UserInfo user = new UserInfo("oOpenid", "Ann", 0, null, null, null, null, null, null);

		assertThat(token.expiresAt()).isEqualTo(Instant.EPOCH.plusSeconds(7200));
		assertThat(user.privilege()).isEmpty();
	}

}
