package io.github.wechatoauth.message.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * The account a push came for: the one whose endpoint took it, and whose token signed it.
 * Handlers get it through
 * {@link WechatMessageHandler#handle(io.github.wechatoauth.message.InboundMessage, MessageAccount)},
 * listeners through {@link WechatMessageEvent#getAccount()}.
 *
 * @param name the account's name under {@code wechat.apps}, such as {@code shop}, or
 * {@code null} for the account of {@code wechat.*}
 * @param appId the account's appid
 */
public record MessageAccount(@Nullable String name, String appId) {

	/**
	 * Checks the values.
	 * @param name the name, or {@code null} for the account of {@code wechat.*}
	 * @param appId not blank
	 */
	public MessageAccount {
		if (appId == null || appId.isBlank()) {
			throw new IllegalArgumentException("appId must not be blank");
		}
	}

	/**
	 * Tells whether this is the account of {@code wechat.*}, which has no name.
	 * @return whether the account has no name
	 */
	public boolean isDefault() {
		return this.name == null;
	}

	/**
	 * Tells whether this is the named account.
	 * @param name a name under {@code wechat.apps}, or {@code null} for the account of
	 * {@code wechat.*}
	 * @return whether the account has that name
	 */
	public boolean is(@Nullable String name) {
		return (name != null) ? name.equals(this.name) : this.name == null;
	}

}
