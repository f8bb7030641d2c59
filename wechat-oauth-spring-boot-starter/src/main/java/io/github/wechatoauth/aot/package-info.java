/**
 * What Spring AOT and native images need to know about the starter.
 */
@NullMarked
package io.github.wechatoauth.aot;

import org.jspecify.annotations.NullMarked;
