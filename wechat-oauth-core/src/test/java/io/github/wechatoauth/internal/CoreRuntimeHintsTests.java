package io.github.wechatoauth.internal;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.wechatoauth.testsupport.AotFactories;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's AOT hints, as Spring's AOT processing finds them: every record with
 * {@code @JsonProperty} components, found in the compiled classes rather than listed
 * again, can be built and read by reflection in a native image.
 */
class CoreRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	// onConstructor(..) and onMethod(..) are deprecated for removal in Spring Framework 7
	// for on*Invocation(..), which 6.2 (Spring Boot 3.5) does not have.
	@SuppressWarnings("removal")
	void everyJsonRecordCanBeBuiltAndReadByReflection() throws Exception {
		new CoreRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		List<Class<?>> jsonRecords = jsonRecordsOfTheCore();
		assertThat(jsonRecords).extracting(Class::getName)
			.containsExactlyInAnyOrderElementsOf(CoreRuntimeHints.JSON_TYPES);
		ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();
		for (Class<?> type : jsonRecords) {
			assertThat(reflection.onType(type)).as(type.getName()).accepts(this.hints);
			Class<?>[] parameterTypes = Stream.of(type.getRecordComponents())
				.map(RecordComponent::getType)
				.toArray(Class<?>[]::new);
			assertThat(reflection.onConstructor(type.getDeclaredConstructor(parameterTypes)))
				.as("constructor of " + type.getName())
				.accepts(this.hints);
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(reflection.onMethod(component.getAccessor()))
					.as(type.getSimpleName() + "." + component.getName() + "()")
					.accepts(this.hints);
			}
		}
	}

	@Test
	void springFindsTheRegistrarInAotFactories() {
		AotFactories.assertRegistrarListed(CoreRuntimeHints.class);
	}

	private static List<Class<?>> jsonRecordsOfTheCore() throws IOException, URISyntaxException {
		Path classes = Path.of(CoreRuntimeHints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		try (Stream<Path> files = Files.walk(classes)) {
			return files.map((file) -> classes.relativize(file).toString())
				.filter((name) -> name.endsWith(".class") && !name.contains("$"))
				.map((name) -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
				.map(CoreRuntimeHintsTests::load)
				.filter(CoreRuntimeHintsTests::isJsonRecord)
				.toList();
		}
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, CoreRuntimeHintsTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isJsonRecord(Class<?> type) {
		return type.isRecord() && Stream.of(type.getRecordComponents())
			.anyMatch((component) -> component.getAccessor().isAnnotationPresent(JsonProperty.class));
	}

}
