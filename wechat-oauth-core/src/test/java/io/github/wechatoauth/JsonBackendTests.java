package io.github.wechatoauth;

import io.github.wechatoauth.internal.json.WechatJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Jackson the suite of JSON answers runs on. The build runs every class tagged
 * {@value #TAG} twice: with both Jacksons on the class path, where Jackson 3 is chosen,
 * and again without Jackson 3 (the {@code jackson2} execution of Surefire), where Jackson
 * 2 is; the system property {@value #EXPECTED} names the one expected.
 */
@Tag(JsonBackendTests.TAG)
class JsonBackendTests {

	/** The tag of the tests run against each Jackson. */
	static final String TAG = "json-backend";

	/** The system property that names the Jackson the build expects to be chosen. */
	static final String EXPECTED = "wechat.test.json";

	@Test
	void runsOnTheJacksonTheClassPathHas() {
		assertThat(WechatJson.get().name()).isEqualTo(System.getProperty(EXPECTED, "Jackson 3"));
	}

}
