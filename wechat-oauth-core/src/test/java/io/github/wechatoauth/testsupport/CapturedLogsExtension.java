package io.github.wechatoauth.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Captures the SDK's log lines ({@code io.github.wechatoauth} and below) around each test
 * of the class, off the console, and hands them to a test that takes a
 * {@link CapturedLogs} parameter: {@code @ExtendWith(CapturedLogsExtension.class)} in
 * place of Spring Boot's {@code OutputCaptureExtension}, with
 * {@code assertThat(logs.all()).contains(..)} in place of
 * {@code assertThat(output).contains(..)}.
 */
public final class CapturedLogsExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	/** The logger whose lines are captured, with every logger under it. */
	public static final String LOGGER = "io.github.wechatoauth";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(CapturedLogsExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		store(context).put(CapturedLogs.class, CapturedLogs.of(LOGGER));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		CapturedLogs logs = store(context).remove(CapturedLogs.class, CapturedLogs.class);
		if (logs != null) {
			logs.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CapturedLogs.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return store(extensionContext).get(CapturedLogs.class, CapturedLogs.class);
	}

	private static ExtensionContext.Store store(ExtensionContext context) {
		return context.getStore(NAMESPACE);
	}

}
