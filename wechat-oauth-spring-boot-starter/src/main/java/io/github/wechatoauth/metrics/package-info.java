/**
 * Metrics of wechat-oauth:
 * {@link io.github.wechatoauth.metrics.MicrometerCredentialListener} counts the fetches,
 * cache hits, waits, invalidations and failures of the access token and ticket in a
 * Micrometer {@code MeterRegistry}.
 */
@NullMarked
package io.github.wechatoauth.metrics;

import org.jspecify.annotations.NullMarked;
