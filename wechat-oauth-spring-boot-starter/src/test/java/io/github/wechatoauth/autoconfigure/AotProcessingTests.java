package io.github.wechatoauth.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's auto-configuration processed ahead of time, as {@code process-aot} does
 * for an application: Spring generates its bean definitions as code, the code compiles,
 * and a context started from it alone (no configuration classes parsed, as with
 * {@code -Dspring.aot.enabled=true}) has the client, the store and the health; the hints
 * of {@code aot.factories} are part of what was generated.
 */
class AotProcessingTests {

	private static final String[] PROPERTIES = { "wechat.appid=wx1234567890abcdef", "wechat.secret=test-secret",
			"wechat.store.type=memory" };

	@Test
	void generatesTheBeanDefinitionsAsCodeWithTheHints() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(PROPERTIES).applyTo(context);
		context.register(Application.class);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(Application.class)), files);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();

		RuntimeHints hints = generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.resource().forResource("io/github/wechatoauth/store/jdbc/schema-h2.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(WechatProperties.class)).accepts(hints);

		assertThat(files.getGeneratedFiles(Kind.SOURCE))
			.containsKey(initializer.reflectionName().replace('.', '/') + ".java")
			.containsKey("io/github/wechatoauth/autoconfigure/WechatActuatorAutoConfiguration__BeanDefinitions.java")
			.containsKey(
					"io/github/wechatoauth/autoconfigure/WechatOAuthClientAutoConfiguration__BeanDefinitions.java");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WechatStoreAutoConfiguration.class, WechatOAuthClientAutoConfiguration.class,
			WechatActuatorAutoConfiguration.class })
	static class Application {

	}

}
