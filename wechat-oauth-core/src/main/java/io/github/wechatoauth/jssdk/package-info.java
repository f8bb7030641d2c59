/**
 * JS-SDK {@code wx.config} signatures.
 */
@NullMarked
package io.github.wechatoauth.jssdk;

import org.jspecify.annotations.NullMarked;
