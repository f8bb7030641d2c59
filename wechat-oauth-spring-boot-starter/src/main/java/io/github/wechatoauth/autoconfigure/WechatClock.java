package io.github.wechatoauth.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The clock of everything the starter builds: the application's single {@link Clock} bean
 * if it has one (so that its tests can move time for the clients, stores, QR log-in and
 * message endpoints too), the system clock in UTC otherwise.
 */
final class WechatClock {

	private WechatClock() {
	}

	static Clock of(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

}
