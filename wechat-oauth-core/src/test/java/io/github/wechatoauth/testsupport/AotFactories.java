package io.github.wechatoauth.testsupport;

import java.util.List;

import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring's AOT processing finds in {@code META-INF/spring/aot.factories}: a module's
 * hints count only if its registrar is listed there. Used by the core and the starter,
 * which each list their own (the starter gets it from core's test jar).
 */
public final class AotFactories {

	private static final String LOCATION = "META-INF/spring/aot.factories";

	private AotFactories() {
	}

	/**
	 * Asserts that Spring finds the registrar in {@code META-INF/spring/aot.factories} on
	 * the class path.
	 * @param registrar the type of the module's registrar
	 */
	public static void assertRegistrarListed(Class<? extends RuntimeHintsRegistrar> registrar) {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation(LOCATION)
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(registrar);
	}

}
