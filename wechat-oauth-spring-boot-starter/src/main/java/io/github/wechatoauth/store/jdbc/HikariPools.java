package io.github.wechatoauth.store.jdbc;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.util.ClassUtils;

/**
 * Tells whether a Hikari pool has been closed; kept apart, so that nothing loads Hikari's
 * classes unless they are there.
 */
final class HikariPools {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			HikariPools.class.getClassLoader());

	private HikariPools() {
	}

	/** Tells whether the DataSource is a Hikari pool that has been closed. */
	static boolean closed(DataSource dataSource) {
		return HIKARI_PRESENT && Hikari.closed(dataSource);
	}

	private static final class Hikari {

		private Hikari() {
		}

		static boolean closed(DataSource dataSource) {
			try {
				return dataSource.isWrapperFor(HikariDataSource.class)
						&& dataSource.unwrap(HikariDataSource.class).isClosed();
			}
			catch (SQLException ex) {
				return false;
			}
		}

	}

}
