package io.github.wechatoauth.testsupport;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A local service (Redis, a database) that a test class starts before its tests and
 * closes after them: {@code @RegisterExtension static final ServiceExtension<TestRedis>
 * redis = ServiceExtension.of(TestRedis::start);}. The service is started when JUnit
 * decides whether the class runs: when it is not running, the starter's assumption
 * disables the class, so that Surefire counts its tests as skipped (an assumption that
 * fails in {@code @BeforeAll} would hide them), or fails it where services are required.
 *
 * @param <T> the service
 */
public final class ServiceExtension<T extends AutoCloseable>
		implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

	private final Supplier<T> starter;

	private T service;

	private ServiceExtension(Supplier<T> starter) {
		this.starter = starter;
	}

	/**
	 * Returns an extension that starts the service with the given supplier.
	 * @param <T> the service
	 * @param starter starts the service, or throws an assumption failure when it is not
	 * there
	 * @return the extension
	 */
	public static <T extends AutoCloseable> ServiceExtension<T> of(Supplier<T> starter) {
		return new ServiceExtension<>(starter);
	}

	/**
	 * Returns the started service.
	 * @return the service
	 */
	public T get() {
		if (this.service == null) {
			throw new IllegalStateException("The service is used outside the tests of its class");
		}
		return this.service;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent() || this.service != null) {
			return ConditionEvaluationResult.enabled("the service of the class is running");
		}
		try {
			this.service = this.starter.get();
			return ConditionEvaluationResult.enabled("the service is running");
		}
		catch (TestAbortedException ex) {
			return ConditionEvaluationResult.disabled(ex.getMessage());
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.service == null) {
			this.service = this.starter.get();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		T started = this.service;
		this.service = null;
		if (started != null) {
			started.close();
		}
	}

}
