package io.github.wechatoauth.autoconfigure;

import java.time.Clock;

import io.github.wechatoauth.autoconfigure.WechatProperties.Store;
import io.github.wechatoauth.store.WechatStoreFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Stores in this process's memory: the last store configuration tried.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(WechatStoreFactory.class)
@Conditional(StoreTypeCondition.class)
class InMemoryStoreConfiguration {

	private static final Log logger = LogFactory.getLog(InMemoryStoreConfiguration.class);

	@Bean
	WechatStoreFactory wechatInMemoryStoreFactory(WechatProperties properties, ObjectProvider<Clock> clock) {
		String reason = (properties.getStore().getType() == Store.Type.MEMORY)
				? WechatStoreAutoConfiguration.STORE_TYPE + " is memory"
				: WechatStoreAutoConfiguration.STORE_TYPE + " is auto and there is neither a Redis connection nor "
						+ "a single DataSource; state is lost on restart and not shared between instances";
		logger.info("WeChat stores: memory, because " + reason);
		return WechatStoreFactory.inMemory(clock.getIfUnique(Clock::systemUTC));
	}

}
