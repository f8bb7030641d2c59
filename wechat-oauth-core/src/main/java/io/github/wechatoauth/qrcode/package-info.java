/**
 * Parametric QR codes, temporary and permanent, and their image links; log-in by scanning
 * a QR code ({@link io.github.wechatoauth.qrcode.WechatQrLogin}).
 */
@NullMarked
package io.github.wechatoauth.qrcode;

import org.jspecify.annotations.NullMarked;
