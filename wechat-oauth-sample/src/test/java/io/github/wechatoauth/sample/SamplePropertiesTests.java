package io.github.wechatoauth.sample;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code sample.base-url}: the address every link back to the app starts with.
 */
class SamplePropertiesTests {

	private final SampleProperties properties = new SampleProperties();

	@Test
	void keepsSchemeHostAndPortOnly() {
		this.properties.setBaseUrl(URI.create("HTTPS://www.example.com:8443/"));

		assertThat(this.properties.getBaseUrl()).hasToString("https://www.example.com:8443");
	}

	@Test
	void refusesAnAddressThatIsNotAnHttpOrigin() {
		for (String url : new String[] { "www.example.com", "ftp://www.example.com", "https://www.example.com/app",
				"https://www.example.com?a=1", "https://www.example.com#top", "https:///nohost" }) {
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> this.properties.setBaseUrl(URI.create(url)))
				.withMessageStartingWith("sample.base-url must be an http or https address without a path")
				.withMessageContaining(url);
		}
	}

}
