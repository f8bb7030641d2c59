/**
 * The message-push endpoint of a Spring MVC application: it checks and opens what WeChat
 * pushes, hands each message once to the application's
 * {@link io.github.wechatoauth.message.endpoint.WechatMessageHandler handlers} and
 * {@code @EventListener} methods, and answers within WeChat's 5 seconds.
 */
@NullMarked
package io.github.wechatoauth.message.endpoint;

import org.jspecify.annotations.NullMarked;
