/**
 * The message-push server's core: signature checks, AES safe mode, XML parsing that
 * refuses DTDs and entities, typed inbound messages and passive replies. Start with
 * {@link io.github.wechatoauth.message.MessageGateway}.
 */
@NullMarked
package io.github.wechatoauth.message;

import org.jspecify.annotations.NullMarked;
