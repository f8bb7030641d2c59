/**
 * What a Mini Program learns about its user after {@code code2Session}: the
 * {@code encryptedData} of {@code wx.getUserInfo} and the legacy phone number button,
 * decrypted with the session key and checked against this appid; the {@code rawData}
 * signature; and the phone number of the {@code getPhoneNumber} button's code.
 */
@NullMarked
package io.github.wechatoauth.miniprogram;

import org.jspecify.annotations.NullMarked;
