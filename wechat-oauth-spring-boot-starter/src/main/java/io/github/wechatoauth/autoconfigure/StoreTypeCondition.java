package io.github.wechatoauth.autoconfigure;

import java.util.Locale;
import java.util.Map;

import io.github.wechatoauth.autoconfigure.WechatProperties.Store;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.ClassMetadata;

/**
 * Matches a store configuration when {@code wechat.store.type} is {@code auto} (its other
 * conditions then decide) or names its store.
 */
class StoreTypeCondition extends SpringBootCondition {

	private static final Map<String, Store.Type> TYPES = Map.of(RedisStoreConfiguration.class.getName(),
			Store.Type.REDIS, JdbcStoreConfiguration.class.getName(), Store.Type.JDBC,
			InMemoryStoreConfiguration.class.getName(), Store.Type.MEMORY);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String configuration = ((ClassMetadata) metadata).getClassName();
		Store.Type required = TYPES.get(configuration);
		Store.Type type = Binder.get(context.getEnvironment())
			.bind(WechatStoreAutoConfiguration.STORE_TYPE, Store.Type.class)
			.orElse(Store.Type.AUTO);
		ConditionMessage.Builder message = ConditionMessage.forCondition("WeChat store type", configuration);
		String name = type.name().toLowerCase(Locale.ROOT);
		if (type == Store.Type.AUTO || type == required) {
			return ConditionOutcome.match(message.because(WechatStoreAutoConfiguration.STORE_TYPE + " is " + name));
		}
		return ConditionOutcome.noMatch(message.because(WechatStoreAutoConfiguration.STORE_TYPE + " is " + name));
	}

}
