package io.github.wechatoauth.sample;

import java.util.Optional;

import io.github.wechatoauth.message.InboundMessage;
import io.github.wechatoauth.message.Reply;
import io.github.wechatoauth.message.ScanEvent;
import io.github.wechatoauth.message.SubscribeEvent;
import io.github.wechatoauth.message.TextReply;
import io.github.wechatoauth.message.endpoint.WechatMessageHandler;
import io.github.wechatoauth.qrcode.WechatQrLogin;

import org.springframework.stereotype.Component;

/**
 * Answers the scan of a log-in QR code in the user's chat with the account. The starter's
 * own handler has already passed the scan to {@link WechatQrLogin} by then.
 */
@Component
public class LoginScanReply implements WechatMessageHandler {

	/** The text the user reads in WeChat after scanning. */
	public static final String TEXT = "扫码成功，请回到网页。Scanned: you are logging in on the web page.";

	@Override
	public Optional<Reply> handle(InboundMessage message) {
		String scene = null;
		if (message instanceof ScanEvent scan) {
			scene = scan.scene();
		}
		else if (message instanceof SubscribeEvent subscribe) {
			scene = subscribe.scene();
		}
		if (scene == null || !scene.startsWith(WechatQrLogin.SCENE_PREFIX)) {
			return Optional.empty();
		}
		return Optional.of(new TextReply(TEXT));
	}

}
