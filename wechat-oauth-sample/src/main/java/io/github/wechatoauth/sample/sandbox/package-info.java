/**
 * A local stand-in for WeChat, served by the sample under {@code /sandbox}: the
 * authorization pages, the {@code sns/*} and {@code cgi-bin/*} endpoints the SDK calls,
 * and QR code images. It answers like WeChat where it matters (single-use codes that
 * expire, expiring tokens, the documented error codes with HTTP 200, JSON declared
 * {@code text/plain}), keeps its state in memory and reads time from a
 * {@link java.time.Clock} bean so that tests can move it. On by default; off when real
 * credentials are configured (see
 * {@link io.github.wechatoauth.sample.sandbox.SandboxEnvironment}).
 */
@NullMarked
package io.github.wechatoauth.sample.sandbox;

import org.jspecify.annotations.NullMarked;
