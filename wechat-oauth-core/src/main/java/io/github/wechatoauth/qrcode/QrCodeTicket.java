package io.github.wechatoauth.qrcode;

/**
 * A created parametric QR code.
 *
 * @param ticket the ticket that identifies the code and fetches its image
 * @param expireSeconds the lifetime of a temporary code in seconds; 0 for a permanent
 * code
 * @param url the URL the QR code encodes, to draw the code yourself
 * @param imageUrl the link to the code's JPEG image ({@code showqrcode}); needs no access
 * token
 */
public record QrCodeTicket(String ticket, long expireSeconds, String url, String imageUrl) {

}
