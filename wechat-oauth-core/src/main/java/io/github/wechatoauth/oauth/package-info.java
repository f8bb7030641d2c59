/**
 * OAuth 2.0 web authorization: authorize URLs, user tokens and their
 * {@link io.github.wechatoauth.oauth.TokenStore}, user info, and Mini Program
 * {@code code2Session}.
 */
@NullMarked
package io.github.wechatoauth.oauth;

import org.jspecify.annotations.NullMarked;
