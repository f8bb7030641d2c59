/**
 * Parametric QR codes, temporary and permanent, and their image links.
 */
@NullMarked
package io.github.wechatoauth.qrcode;

import org.jspecify.annotations.NullMarked;
