package io.github.wechatoauth.store;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WechatStoreFactory#inMemory}: one store per appid, the same one each time.
 */
class WechatStoreFactoryTests {

	@Test
	void inMemoryGivesOneStoreOfEachKindPerAppid() {
		WechatStoreFactory stores = WechatStoreFactory.inMemory(Clock.systemUTC());
		assertThat(stores.tokenStore("wx1234567890abcdef")).isSameAs(stores.tokenStore("wx1234567890abcdef"))
			.isNotSameAs(stores.tokenStore("wxfedcba0987654321"));
		assertThat(stores.sharedStore("wx1234567890abcdef")).isSameAs(stores.sharedStore("wx1234567890abcdef"))
			.isNotSameAs(stores.sharedStore("wxfedcba0987654321"));
		assertThat(stores).hasToString("WeChat stores in memory");
	}

}
