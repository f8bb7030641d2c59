/**
 * JSON with the application's own Jackson: Jackson 3 ({@code tools.jackson}) when
 * present, else Jackson 2 ({@code com.fasterxml.jackson}), chosen at run time by class
 * presence as Spring Framework chooses. Internal: anything here may change in any
 * release.
 */
@NullMarked
package io.github.wechatoauth.internal.json;

import org.jspecify.annotations.NullMarked;
