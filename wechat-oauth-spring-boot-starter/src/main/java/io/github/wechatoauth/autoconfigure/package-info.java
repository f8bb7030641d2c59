/**
 * Spring Boot auto-configuration for wechat-oauth.
 */
@NullMarked
package io.github.wechatoauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
