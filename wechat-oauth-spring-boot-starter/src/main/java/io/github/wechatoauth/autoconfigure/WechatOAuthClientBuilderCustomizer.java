package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.WechatOAuthClient;

/**
 * Customizes the builder of each account's {@link WechatOAuthClient} before it is built,
 * after the {@code wechat.*} properties are applied. Declare beans of this type to add a
 * listener, change the retry policy or anything else the builder offers; they are applied
 * in their order ({@link org.springframework.core.Ordered} or
 * {@link org.springframework.core.annotation.Order}). <pre class="code">
 * &#64;Bean
 * WechatOAuthClientBuilderCustomizer busyRetry() {
 *     return (account, builder) -&gt; builder.busyRetry(BusyRetry.NONE);
 * }
 * </pre>
 */
@FunctionalInterface
public interface WechatOAuthClientBuilderCustomizer {

	/**
	 * Customizes the builder of one account's client.
	 * @param account the account: {@link WechatAccount#name()} is {@code null} for that
	 * of {@code wechat.*}
	 * @param builder the builder, with the account's properties applied
	 */
	void customize(WechatAccount account, WechatOAuthClient.Builder builder);

}
