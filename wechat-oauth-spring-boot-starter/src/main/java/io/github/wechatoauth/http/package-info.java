/**
 * How the starter reaches WeChat: Spring Boot's HTTP client setup with each account's
 * timeouts.
 */
@NullMarked
package io.github.wechatoauth.http;

import org.jspecify.annotations.NullMarked;
