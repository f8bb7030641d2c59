/**
 * JMH benchmarks of wechat-oauth against a local WireMock stand-in for WeChat. Run them
 * with
 * {@code ./mvnw -B -Pbench,boot4 -pl wechat-oauth-benchmarks -am -DskipTests verify}.
 */
@NullMarked
package io.github.wechatoauth.benchmarks;

import org.jspecify.annotations.NullMarked;
