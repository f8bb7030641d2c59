/**
 * JDBC stores: {@link io.github.wechatoauth.store.jdbc.JdbcTokenStore} and
 * {@link io.github.wechatoauth.store.jdbc.JdbcSharedStore}, over two tables on H2,
 * PostgreSQL, MySQL or MariaDB.
 */
@NullMarked
package io.github.wechatoauth.store.jdbc;

import org.jspecify.annotations.NullMarked;
