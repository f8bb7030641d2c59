package io.github.wechatoauth.actuate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes a {@link WechatHealth} a {@code HealthIndicator} of the Spring Boot line present:
 * {@code org.springframework.boot.health.contributor.HealthIndicator} on Spring Boot 4,
 * {@code org.springframework.boot.actuate.health.HealthIndicator} on 3.5. The two lines
 * moved the type to another package with the same methods, and one jar serves both, so
 * the indicator is a JDK proxy of the interface found, building {@code Health} through
 * the {@code Health.status(String)} and {@code withDetails(Map)} both lines have.
 */
public final class HealthIndicatorAdapter {

	/** Spring Boot 4's health indicator. */
	public static final String BOOT_4 = "org.springframework.boot.health.contributor.HealthIndicator";

	/** Spring Boot 3.5's health indicator. */
	public static final String BOOT_3 = "org.springframework.boot.actuate.health.HealthIndicator";

	private HealthIndicatorAdapter() {
	}

	/**
	 * Returns the health indicator type of the Spring Boot line a class loader sees.
	 * @param classLoader the class loader
	 * @return the type, or {@code null} without Spring Boot's health support
	 */
	public static @Nullable Class<?> indicatorType(@Nullable ClassLoader classLoader) {
		for (String name : new String[] { BOOT_4, BOOT_3 }) {
			if (ClassUtils.isPresent(name, classLoader)) {
				return ClassUtils.resolveClassName(name, classLoader);
			}
		}
		return null;
	}

	/**
	 * Returns a health indicator of the present line that reports a check.
	 * @param type the indicator type, from {@link #indicatorType}
	 * @param check the check
	 * @return the indicator, an instance of {@code type}
	 */
	public static Object of(Class<?> type, Supplier<WechatHealth.Report> check) {
		Method health = ReflectionUtils.findMethod(type, "health");
		if (health == null) {
			throw new IllegalStateException(type.getName() + " has no health() method");
		}
		Class<?> healthType = health.getReturnType();
		Method status = ReflectionUtils.findMethod(healthType, "status", String.class);
		Class<?> builderType = ClassUtils.resolveClassName(healthType.getName() + "$Builder", type.getClassLoader());
		Method withDetails = ReflectionUtils.findMethod(builderType, "withDetails", Map.class);
		Method build = ReflectionUtils.findMethod(builderType, "build");
		if (status == null || withDetails == null || build == null) {
			throw new IllegalStateException(
					healthType.getName() + " lacks status(String), withDetails(Map) or build()");
		}
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("health") && method.getParameterCount() == 0) {
				WechatHealth.Report report = check.get();
				Object builder = ReflectionUtils.invokeMethod(status, null, report.status());
				ReflectionUtils.invokeMethod(withDetails, builder, report.details());
				return ReflectionUtils.invokeMethod(build, builder);
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			return switch (method.getName()) {
				case "toString" -> "WechatHealthIndicator";
				case "hashCode" -> System.identityHashCode(proxy);
				case "equals" -> proxy == args[0];
				default -> throw new UnsupportedOperationException(method.toString());
			};
		};
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
