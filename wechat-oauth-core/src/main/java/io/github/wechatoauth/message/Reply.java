package io.github.wechatoauth.message;

/**
 * A passive reply: what the server answers to a push, shown to the user in the chat. Turn
 * it into the response body with
 * {@link MessageGateway#seal(Reply, InboundMessage, boolean)}.
 */
public sealed interface Reply permits TextReply, ImageReply, VoiceReply, VideoReply, MusicReply, NewsReply {

	/**
	 * Returns the reply's {@code MsgType}.
	 * @return such as {@code text} or {@code news}
	 */
	String msgType();

}
