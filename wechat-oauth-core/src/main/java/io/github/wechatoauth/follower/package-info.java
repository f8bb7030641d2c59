/**
 * The Official Account's followers ({@code cgi-bin/user/info} and its batch form):
 * whether a user follows the account, since when, and their unionid, from an openid
 * alone.
 */
@NullMarked
package io.github.wechatoauth.follower;

import org.jspecify.annotations.NullMarked;
