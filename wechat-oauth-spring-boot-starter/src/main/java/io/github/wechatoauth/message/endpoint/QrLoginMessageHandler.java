package io.github.wechatoauth.message.endpoint;

import java.util.Optional;

import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;
import io.github.wechatoauth.qrcode.WechatQrLogin;

import org.springframework.core.Ordered;

/**
 * Feeds the scans of log-in QR codes to {@link WechatQrLogin}, before any other handler
 * can reply, and replies nothing itself: an application's handler may still answer the
 * scan, such as with "You are logged in". Only the pushes to the account whose QR codes
 * they are (by appid: that of {@code wechat.*}) are its scans; those of the accounts of
 * {@code wechat.apps} are not.
 */
public final class QrLoginMessageHandler implements WechatMessageHandler, Ordered {

	private final WechatQrLogin qrLogin;

	/**
	 * Creates the handler.
	 * @param qrLogin the QR log-in of the account whose scans it feeds
	 */
	public QrLoginMessageHandler(WechatQrLogin qrLogin) {
		this.qrLogin = qrLogin;
	}

	@Override
	public Optional<Reply> handle(InboundMessage message) {
		this.qrLogin.confirm(message);
		return Optional.empty();
	}

	@Override
	public Optional<Reply> handle(InboundMessage message, MessageAccount account) {
		return account.appId().equals(this.qrLogin.getAppId()) ? handle(message) : Optional.empty();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
