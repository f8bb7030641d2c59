package io.github.wechatoauth.testsupport;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.wechatoauth.message.MessageCrypto;
import io.github.wechatoauth.message.MessageXml;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Requests as WeChat sends them to the message endpoint, signed (and encrypted) with an
 * account's token and key, and the messages they carry.
 */
public final class WechatPushes {

	private final String path;

	private final MessageCrypto crypto;

	public WechatPushes(String path, String token, String encodingAesKey, String appId) {
		this.path = path;
		this.crypto = new MessageCrypto(token, encodingAesKey, appId);
	}

	public MessageCrypto crypto() {
		return this.crypto;
	}

	/**
	 * URL verification, signed now.
	 */
	public MockHttpServletRequestBuilder verifyUrl(String echostr) {
		String timestamp = now();
		String nonce = nonce();
		return get(uri(Map.of("signature", this.crypto.signature(timestamp, nonce), "timestamp", timestamp, "nonce",
				nonce, "echostr", echostr)));
	}

	/**
	 * A plaintext push, signed now.
	 */
	public MockHttpServletRequestBuilder push(String body) {
		return push(body, Instant.now());
	}

	/**
	 * A plaintext push, signed with a timestamp of another time.
	 */
	public MockHttpServletRequestBuilder push(String body, Instant signedAt) {
		String timestamp = Long.toString(signedAt.getEpochSecond());
		String nonce = nonce();
		return pushTo(Map.of("signature", this.crypto.signature(timestamp, nonce), "timestamp", timestamp, "nonce",
				nonce, "openid", "o-user"), body);
	}

	/**
	 * A plaintext push, signed with a given timestamp and nonce.
	 */
	public MockHttpServletRequestBuilder pushWithNonce(String body, Instant signedAt, String nonce) {
		String timestamp = Long.toString(signedAt.getEpochSecond());
		return pushTo(Map.of("signature", this.crypto.signature(timestamp, nonce), "timestamp", timestamp, "nonce",
				nonce, "openid", "o-user"), body);
	}

	/**
	 * A Mini Program's plaintext JSON push, signed now.
	 */
	public MockHttpServletRequestBuilder jsonPush(String json) {
		String timestamp = now();
		String nonce = nonce();
		return post(uri(
				Map.of("signature", this.crypto.signature(timestamp, nonce), "timestamp", timestamp, "nonce", nonce)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	/**
	 * A Mini Program's JSON push in safe mode: {@code {"ToUserName":..,"Encrypt":..}}.
	 */
	public MockHttpServletRequestBuilder encryptedJsonPush(String json) {
		String encrypt = this.crypto.encrypt(json);
		return encryptedEnvelope("{\"ToUserName\":\"gh_account\",\"Encrypt\":\"" + encrypt + "\"}", encrypt)
			.contentType(MediaType.APPLICATION_JSON);
	}

	/**
	 * A plaintext push whose signature is wrong.
	 */
	public MockHttpServletRequestBuilder pushWithWrongSignature(String body) {
		String timestamp = now();
		String nonce = nonce();
		String signature = this.crypto.signature(timestamp, nonce + "0");
		return pushTo(Map.of("signature", signature, "timestamp", timestamp, "nonce", nonce), body);
	}

	/**
	 * A push in safe mode: the message encrypted, {@code msg_signature} over it.
	 */
	public MockHttpServletRequestBuilder encryptedPush(String message) {
		String encrypt = this.crypto.encrypt(message);
		return encryptedEnvelope("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[" + encrypt
				+ "]]></Encrypt></xml>", encrypt);
	}

	/**
	 * A push in compatible mode: the message's plaintext fields beside {@code Encrypt}.
	 */
	public MockHttpServletRequestBuilder compatiblePush(String message) {
		String encrypt = this.crypto.encrypt(message);
		String body = message.replace("</xml>", "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
		return encryptedEnvelope(body, encrypt);
	}

	private MockHttpServletRequestBuilder encryptedEnvelope(String body, String encrypt) {
		String timestamp = now();
		String nonce = nonce();
		return pushTo(Map.of("signature", this.crypto.signature(timestamp, nonce), "timestamp", timestamp, "nonce",
				nonce, "openid", "o-user", "encrypt_type", "aes", "msg_signature",
				this.crypto.msgSignature(timestamp, nonce, encrypt)), body);
	}

	/**
	 * Opens an encrypted reply as WeChat would: checks its signature and decrypts it.
	 */
	public Map<String, String> openEncryptedReply(String reply) {
		Map<String, String> envelope = new MessageXml(64 * 1024).parse(reply);
		String encrypt = envelope.get("Encrypt");
		assertThat(this.crypto.isValidMsgSignature(envelope.get("MsgSignature"), envelope.get("TimeStamp"),
				envelope.get("Nonce"), encrypt))
			.as("MsgSignature of the reply")
			.isTrue();
		return new MessageXml(64 * 1024).parse(this.crypto.decrypt(encrypt));
	}

	private MockHttpServletRequestBuilder pushTo(Map<String, String> query, String body) {
		return post(uri(query)).contentType(MediaType.TEXT_XML).content(body);
	}

	private URI uri(Map<String, String> query) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(this.path);
		query.forEach(uri::queryParam);
		return uri.encode().build().toUri();
	}

	public static String text(String openid, String msgId, String content) {
		return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + openid
				+ "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond()
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
				+ content.replace("]]>", "]]]]><![CDATA[>") + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
	}

	/**
	 * A Mini Program's customer-service text message, as JSON.
	 */
	public static String jsonText(String openid, String msgId, String content) {
		return "{\"ToUserName\":\"gh_account\",\"FromUserName\":\"" + openid + "\",\"CreateTime\":"
				+ Instant.now().getEpochSecond() + ",\"MsgType\":\"text\",\"Content\":\"" + content + "\",\"MsgId\":"
				+ msgId + "}";
	}

	public static String scan(String openid, String scene) {
		return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + openid
				+ "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond()
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event><EventKey><![CDATA["
				+ scene + "]]></EventKey><Ticket><![CDATA[gQH47joAAAAAAAAAASxod]]></Ticket></xml>";
	}

	public static String subscribe(String openid, String scene) {
		return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + openid
				+ "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond()
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
				+ "<EventKey><![CDATA[qrscene_" + scene + "]]></EventKey><Ticket><![CDATA[gQH47joAAAAAAAAAASxod]]>"
				+ "</Ticket></xml>";
	}

	private static String now() {
		return Long.toString(Instant.now().getEpochSecond());
	}

	private static String nonce() {
		return Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
	}

}
