package io.github.wechatoauth.aot;

import io.github.wechatoauth.actuate.HealthIndicatorAdapter;
import io.github.wechatoauth.autoconfigure.WechatProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image or an AOT-processed application needs to know about the starter:
 * the JDBC stores' schema scripts, read by name, and the {@code wechat.*} properties,
 * bound by reflection (also where the starter binds them itself, outside their bean), and
 * the {@code wechat} health indicator, a proxy of the Actuator's interface. Spring finds
 * it through {@code META-INF/spring/aot.factories}.
 */
class WechatRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("io/github/wechatoauth/store/jdbc/schema-*.sql");
		BindableRuntimeHintsRegistrar.forTypes(WechatProperties.class).registerHints(hints);
		Class<?> healthIndicator = HealthIndicatorAdapter.indicatorType(classLoader);
		if (healthIndicator != null) {
			// The health indicator is a JDK proxy that builds Health by reflection.
			hints.proxies().registerJdkProxy(healthIndicator);
			String health = healthIndicator.getPackageName() + ".Health";
			for (String type : new String[] { healthIndicator.getName(), health, health + "$Builder" }) {
				hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_PUBLIC_METHODS);
			}
		}
	}

}
