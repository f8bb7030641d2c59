package io.github.wechatoauth.aot;

import java.util.List;

import io.github.wechatoauth.actuate.HealthIndicatorAdapter;
import io.github.wechatoauth.autoconfigure.WechatAccessTokenProperties;
import io.github.wechatoauth.autoconfigure.WechatAccountProperties;
import io.github.wechatoauth.autoconfigure.WechatCredentialProperties;
import io.github.wechatoauth.autoconfigure.WechatLoginProperties;
import io.github.wechatoauth.autoconfigure.WechatMessageProperties;
import io.github.wechatoauth.autoconfigure.WechatOAuthProperties;
import io.github.wechatoauth.autoconfigure.WechatProperties;
import io.github.wechatoauth.autoconfigure.WechatQrLoginProperties;
import io.github.wechatoauth.store.jdbc.JdbcStoreDialect;
import io.github.wechatoauth.testsupport.AotFactories;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's AOT hints, as Spring's AOT processing finds them: the schema script of
 * every JDBC dialect can be read, and every {@code wechat.*} property group can be bound.
 */
class WechatRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void schemaScriptOfEveryDialectIsIncluded() {
		new WechatRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (JdbcStoreDialect dialect : JdbcStoreDialect.values()) {
			String script = "io/github/wechatoauth/store/jdbc/schema-" + dialect.getPlatform() + ".sql";
			assertThat(getClass().getClassLoader().getResource(script)).as(script).isNotNull();
			assertThat(RuntimeHintsPredicates.resource().forResource(script)).as(script).accepts(this.hints);
		}
	}

	@Test
	// onConstructor(..) and onMethod(..) are deprecated for removal in Spring Framework 7
	// for on*Invocation(..), which 6.2 (Spring Boot 3.5) does not have.
	@SuppressWarnings("removal")
	void everyPropertyGroupCanBeBound() throws Exception {
		new WechatRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();
		for (Class<?> group : List.of(WechatProperties.class, WechatProperties.Store.class,
				WechatProperties.Store.Jdbc.class, WechatAccountProperties.class, WechatAccessTokenProperties.class,
				WechatOAuthProperties.class, WechatMessageProperties.class, WechatQrLoginProperties.class,
				WechatLoginProperties.class, WechatCredentialProperties.class)) {
			assertThat(reflection.onType(group)).as(group.getName()).accepts(this.hints);
			assertThat(reflection.onConstructor(group.getDeclaredConstructor())).as(group.getName())
				.accepts(this.hints);
		}
		assertThat(reflection.onMethod(WechatAccountProperties.class.getMethod("setAppid", String.class)))
			.accepts(this.hints);
		assertThat(reflection.onMethod(WechatProperties.class.getMethod("getApps"))).accepts(this.hints);
		assertThat(reflection
			.onMethod(WechatProperties.Store.class.getMethod("setType", WechatProperties.Store.Type.class)))
			.accepts(this.hints);
	}

	@Test
	void theHealthIndicatorCanBeAProxy() {
		new WechatRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		Class<?> indicator = HealthIndicatorAdapter.indicatorType(getClass().getClassLoader());
		assertThat(indicator).isNotNull();
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(indicator)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(indicator.getPackageName() + ".Health")))
			.accepts(this.hints);
	}

	@Test
	void springFindsTheRegistrarInAotFactories() {
		AotFactories.assertRegistrarListed(WechatRuntimeHints.class);
	}

}
