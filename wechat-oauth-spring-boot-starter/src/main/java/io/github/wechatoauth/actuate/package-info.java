/**
 * Spring Boot Actuator support: the {@code wechat} health indicator and the
 * {@code wechat} section of the {@code info} endpoint, on Spring Boot 3.5 and 4 alike.
 */
@NullMarked
package io.github.wechatoauth.actuate;

import org.jspecify.annotations.NullMarked;
