/**
 * The SDK's inside: argument checks, the context capabilities are built from, HTTP and
 * JSON. Not an API: anything in {@code io.github.wechatoauth.internal} and below may
 * change in any release, and the published Javadoc leaves it out; use
 * {@link io.github.wechatoauth.WechatOAuthClient}.
 * <p>
 * The jar is an automatic module, {@code io.github.wechatoauth.core}, as Spring's own
 * jars are, rather than a {@code module-info} exporting the API packages only: such a
 * descriptor would have to {@code requires static} both Jacksons, which the module system
 * then leaves out of an application's module graph unless the application names them,
 * defeating the choice of Jackson by class presence; and Spring Boot applications run on
 * the class path, where a descriptor is ignored.
 */
@NullMarked
package io.github.wechatoauth.internal;

import org.jspecify.annotations.NullMarked;
