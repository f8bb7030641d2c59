package io.github.wechatoauth.sample.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Registers the annotated component only while the sandbox is on
 * ({@code sample.sandbox.enabled}, which {@link SandboxEnvironment} always sets). Every
 * sandbox component carries it, because the app's component scan finds them all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "sample.sandbox.enabled", havingValue = "true")
public @interface ConditionalOnSandbox {

}
