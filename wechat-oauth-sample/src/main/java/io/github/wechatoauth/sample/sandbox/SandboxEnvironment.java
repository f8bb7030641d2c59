package io.github.wechatoauth.sample.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides whether the sandbox is on, before any bean is made: on when
 * {@code sample.sandbox.enabled} says so or, unset, when {@code wechat.appid} is the
 * sandbox's own appid (that is, {@code WECHAT_APPID} is not set). While it is on,
 * {@code sample.sandbox.base-url} is set to
 * {@code http://localhost:${server.port}/sandbox}, which is where {@code application.yml}
 * points the {@code wechat.*-base-url} properties; {@code wechat.token} is the sandbox's
 * message token, which turns the message endpoint on; and
 * {@code sample.sandbox.encoding-aes-key} is its EncodingAESKey, which
 * {@code application.yml} makes {@code wechat.encoding-aes-key} unless
 * {@code WECHAT_AES_KEY} is set, so that the sandbox pushes in safe mode; and
 * {@code server.address} is {@code 127.0.0.1}, unless {@code sample.sandbox.public} is
 * {@code true}, because anyone who reaches the sandbox can log in as any test user (see
 * {@link SandboxExposure}).
 * <p>
 * Its values are the lowest-ranked property source, so anything the user sets wins.
 * Registered in {@code META-INF/spring.factories}, so tests get it too.
 */
public class SandboxEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Name of the property source this adds. */
	public static final String PROPERTY_SOURCE_NAME = "sampleSandbox";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		apply(context.getEnvironment());
	}

	/**
	 * Sets {@code sample.sandbox.enabled} and, when the sandbox is on,
	 * {@code sample.sandbox.base-url}, {@code sample.sandbox.encoding-aes-key},
	 * {@code wechat.token} and {@code server.address}.
	 * @param environment the environment to add the values to
	 */
	public static void apply(ConfigurableEnvironment environment) {
		String sandboxAppid = environment.getProperty("sample.sandbox.appid", SandboxProperties.DEFAULT_APPID);
		String appid = environment.getProperty("wechat.appid", sandboxAppid);
		boolean enabled = environment.getProperty("sample.sandbox.enabled", Boolean.class, appid.equals(sandboxAppid));
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("sample.sandbox.enabled", enabled);
		if (enabled) {
			values.put("sample.sandbox.base-url", "http://localhost:${server.port:8080}/sandbox");
			values.put("sample.sandbox.encoding-aes-key", SandboxProperties.DEFAULT_ENCODING_AES_KEY);
			// Here, not in application.yml: a blank wechat.token would still turn the
			// endpoint on, and fail, where the sandbox is off and WECHAT_TOKEN unset.
			values.put("wechat.token", SandboxProperties.DEFAULT_TOKEN);
			if (!environment.getProperty(SandboxExposure.PUBLIC_PROPERTY, Boolean.class, false)) {
				values.put("server.address", "127.0.0.1");
			}
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, values));
	}

}
