package io.github.wechatoauth.autoconfigure;

import io.github.wechatoauth.credential.CredentialListener;

/**
 * Gives the {@link CredentialListener} of each account's client, such as the Micrometer
 * binding that {@link WechatMetricsAutoConfiguration} declares. Declare a bean of this
 * type to hear every account's credential events yourself; with several such beans, each
 * client tells all of them, in their order.
 */
@FunctionalInterface
public interface WechatCredentialListenerFactory {

	/**
	 * Returns the listener of one account's client.
	 * @param account the prefix of the account's properties: {@code wechat} for
	 * {@code wechat.*}, {@code wechat.apps.<name>} for a named account
	 * @return the listener
	 */
	CredentialListener credentialListener(String account);

}
