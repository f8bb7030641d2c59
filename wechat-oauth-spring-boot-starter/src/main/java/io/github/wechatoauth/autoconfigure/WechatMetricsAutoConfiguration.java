package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.metrics.MicrometerCredentialListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the credential metrics: when
 * Micrometer is on the classpath and a {@link MeterRegistry} bean exists (as with Spring
 * Boot's actuator), the client of every account counts the fetches, cache hits, waits,
 * invalidations and failures of its access token and ticket, tagged {@code kind} and
 * {@code account} ({@code wechat}, or {@code wechat.apps.<name>}). See
 * {@link MicrometerCredentialListener}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class WechatMetricsAutoConfiguration {

	/** Created by Spring Boot's auto-configuration; applications do not call it. */
	public WechatMetricsAutoConfiguration() {
	}

	/** The tag that names the account: the prefix of its properties. */
	static final String ACCOUNT_TAG = "account";

	@Bean
	WechatOAuthClientBuilderCustomizer wechatMicrometerCredentialListener(MeterRegistry meterRegistry) {
		return (account, builder) -> builder.addCredentialListener(
				new MicrometerCredentialListener(meterRegistry, Tags.of(ACCOUNT_TAG, account.prefix())));
	}

}
