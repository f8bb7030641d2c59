package io.github.wechatoauth.sample.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.wechatoauth.autoconfigure.WechatProperties;
import io.github.wechatoauth.message.MessageCrypto;
import io.github.wechatoauth.message.MessageXml;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Simulates a user scanning one of the sandbox's parametric QR codes: pushes the event
 * WeChat would push to the app's message endpoint, over HTTP, signed with
 * {@code wechat.token} and, when {@code wechat.encoding-aes-key} is set, encrypted in
 * safe mode. The sandbox plays the WeChat whose server configuration holds the app's own
 * token and key, as a real account's does.
 * <p>
 * A user's first scan makes them follow the account: a {@code subscribe} event with
 * {@code EventKey=qrscene_<scene>}; later scans are {@code SCAN} events with the bare
 * scene. The app's reply is checked (its {@code MsgSignature}) and opened as WeChat
 * would.
 */
@Component
@ConditionalOnSandbox
public class SandboxScans {

	/** WeChat waits this long for the message server, then gives up. */
	private static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);

	private final WechatProperties wechat;

	private final SandboxProperties properties;

	private final Clock clock;

	/** Who follows the account, and since when. */
	private final Map<String, Instant> followers = new ConcurrentHashMap<>();

	/** The last CreateTime pushed, so that no two pushes share a second. */
	private final AtomicLong lastCreateTime = new AtomicLong();

	private final SecureRandom random = new SecureRandom();

	private final RestClient http = RestClient.builder().requestFactory(requestFactory()).build();

	/**
	 * Creates the simulator.
	 * @param wechat the app's {@code wechat.*} properties: token, EncodingAESKey, appid
	 * @param properties the sandbox's settings
	 * @param clock the sandbox's clock, for {@code CreateTime} and {@code timestamp}
	 */
	public SandboxScans(WechatProperties wechat, SandboxProperties properties, Clock clock) {
		this.wechat = wechat;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Pushes the scan of a QR code by a user to a message endpoint and reads the answer.
	 * @param code the QR code scanned
	 * @param user who scans it
	 * @param endpoint the app's message endpoint, such as
	 * {@code http://localhost:8080/wechat/message}
	 * @return what was pushed and what the app answered
	 * @throws IllegalStateException if the app has no {@code wechat.token}
	 */
	public Push scan(SandboxQrCode code, SandboxUser user, URI endpoint) {
		String token = this.wechat.getToken();
		if (token == null || token.isBlank()) {
			throw new IllegalStateException("wechat.token is not set, so the app has no message endpoint");
		}
		String encodingAesKey = this.wechat.getEncodingAesKey();
		boolean encrypted = encodingAesKey != null && !encodingAesKey.isEmpty();
		MessageCrypto crypto = new MessageCrypto(token, encrypted ? encodingAesKey : null, this.properties.getAppid());
		long createTime = this.lastCreateTime
			.updateAndGet((last) -> Math.max(last + 1, this.clock.instant().getEpochSecond()));
		boolean subscribing = this.followers.putIfAbsent(user.openid(), Instant.ofEpochSecond(createTime)) == null;
		String event = subscribing ? "subscribe" : "SCAN";
		String xml = "<xml><ToUserName><![CDATA[" + SandboxProperties.DEFAULT_ORIGINAL_ID + "]]></ToUserName>"
				+ "<FromUserName><![CDATA[" + user.openid() + "]]></FromUserName><CreateTime>" + createTime
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
				+ "<EventKey><![CDATA[" + code.eventKey(subscribing) + "]]></EventKey><Ticket><![CDATA[" + code.ticket()
				+ "]]></Ticket></xml>";
		String timestamp = Long.toString(createTime);
		String nonce = Integer.toString(100_000_000 + this.random.nextInt(900_000_000));
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(endpoint)
			.queryParam("signature", crypto.signature(timestamp, nonce))
			.queryParam("timestamp", timestamp)
			.queryParam("nonce", nonce)
			.queryParam("openid", user.openid());
		String body = xml;
		if (encrypted) {
			String encrypt = crypto.encrypt(xml);
			uri.queryParam("encrypt_type", "aes")
				.queryParam("msg_signature", crypto.msgSignature(timestamp, nonce, encrypt));
			body = "<xml><ToUserName><![CDATA[" + SandboxProperties.DEFAULT_ORIGINAL_ID
					+ "]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
		}
		// exchange(..) reports every status instead of throwing
		Answer answer = this.http.post()
			.uri(uri.encode().build().toUri())
			.contentType(MediaType.TEXT_XML)
			.body(body.getBytes(StandardCharsets.UTF_8))
			.exchange((request, response) -> new Answer(response.getStatusCode().value(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
		if (answer == null) {
			// Spring 6.2 declares exchange(..) nullable; the function above never returns
			// null.
			throw new IllegalStateException("No answer was read from " + endpoint);
		}
		return new Push(event, code.eventKey(subscribing), user.openid(), encrypted, answer.status(),
				(answer.status() == 200) ? replyContent(crypto, encrypted, answer.body()) : null);
	}

	/**
	 * Tells since when a user follows the account: since their first scan.
	 * @param openid the user's openid
	 * @return when they followed, or empty if they do not follow
	 */
	public Optional<Instant> followingSince(String openid) {
		return Optional.ofNullable(this.followers.get(openid));
	}

	/**
	 * Forgets who follows the account, so that each user's next scan subscribes again.
	 */
	public void forgetFollowers() {
		this.followers.clear();
	}

	/**
	 * Reads the {@code Content} of a text reply, or {@code null} for {@code success}, an
	 * empty answer or a reply whose signature does not check out.
	 */
	private static @Nullable String replyContent(MessageCrypto crypto, boolean encrypted, String body) {
		if (!body.startsWith("<xml>")) {
			return null;
		}
		MessageXml xml = new MessageXml(64 * 1024);
		Map<String, String> reply = xml.parse(body.getBytes(StandardCharsets.UTF_8));
		if (encrypted) {
			String encrypt = reply.get("Encrypt");
			String timestamp = reply.get("TimeStamp");
			String nonce = reply.get("Nonce");
			if (encrypt == null || timestamp == null || nonce == null
					|| !crypto.isValidMsgSignature(reply.get("MsgSignature"), timestamp, nonce, encrypt)) {
				return null;
			}
			reply = xml.parse(crypto.decrypt(encrypt).getBytes(StandardCharsets.UTF_8));
		}
		return reply.get("Content");
	}

	private static JdkClientHttpRequestFactory requestFactory() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(WECHAT_TIMEOUT).build());
		factory.setReadTimeout(WECHAT_TIMEOUT);
		return factory;
	}

	/**
	 * A pushed scan and the app's answer.
	 *
	 * @param event {@code subscribe} or {@code SCAN}
	 * @param eventKey the pushed {@code EventKey}
	 * @param openid who scanned
	 * @param encrypted whether it was pushed in safe mode
	 * @param status the HTTP status the app answered
	 * @param reply the content of the app's text reply, or {@code null}
	 */
	public record Push(String event, String eventKey, String openid, boolean encrypted, int status,
			@Nullable String reply) {

	}

	private record Answer(int status, String body) {

	}

}
