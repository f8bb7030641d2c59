package io.github.wechatoauth.message;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Parsing that cannot be attacked, and replies written with CDATA done right.
 */
class MessageXmlTests {

	private static final String TEXT_MESSAGE = """
			<xml>
			  <ToUserName><![CDATA[gh_account]]></ToUserName>
			  <FromUserName><![CDATA[o_user]]></FromUserName>
			  <CreateTime>1348831860</CreateTime>
			  <MsgType><![CDATA[text]]></MsgType>
			  <Content><![CDATA[ this is a test ]]></Content>
			  <MsgId>1234567890123456</MsgId>
			</xml>""";

	private final MessageXml xml = new MessageXml(MessageSettings.DEFAULT_MAX_BODY_SIZE);

	@Test
	void readsFieldsInDocumentOrderWithTextKeptExactly() {
		Map<String, String> fields = this.xml.parse(utf8(TEXT_MESSAGE));
		assertThat(fields).containsExactly(entry("ToUserName", "gh_account"), entry("FromUserName", "o_user"),
				entry("CreateTime", "1348831860"), entry("MsgType", "text"), entry("Content", " this is a test "),
				entry("MsgId", "1234567890123456"));
	}

	@Test
	void namesNestedAndRepeatedElementsByPath() {
		Map<String, String> fields = this.xml.parse("""
				<xml><MsgType>event</MsgType><Event>pic_sysphoto</Event>
				<SendPicsInfo><Count>2</Count><PicList>
				<item><PicMd5Sum>aaa</PicMd5Sum></item>
				<item><PicMd5Sum>bbb</PicMd5Sum></item>
				</PicList></SendPicsInfo></xml>""");
		assertThat(fields).containsExactly(entry("MsgType", "event"), entry("Event", "pic_sysphoto"),
				entry("SendPicsInfo.Count", "2"), entry("SendPicsInfo.PicList.item.PicMd5Sum", "aaa"),
				entry("SendPicsInfo.PicList.item[1].PicMd5Sum", "bbb"));
	}

	@Test
	void decodesPredefinedEntitiesAndCharacterReferences() {
		Map<String, String> fields = this.xml.parse("<xml><Content>a &lt;b&gt; &amp; &#x4F60;&#22909;</Content></xml>");
		assertThat(fields).containsExactly(entry("Content", "a <b> & 你好"));
	}

	@Test
	void keepsEmptyElementsAsEmptyText() {
		assertThat(this.xml.parse("<xml><EventKey><![CDATA[]]></EventKey><Ticket/></xml>"))
			.containsExactly(entry("EventKey", ""), entry("Ticket", ""));
	}

	@Test
	void acceptsByteOrderMarkAndDeclaration() {
		byte[] body = utf8("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><A>1</A></xml>");
		assertThat(this.xml.parse(body)).containsExactly(entry("A", "1"));
	}

	@Test
	void refusesExternalEntityWithoutReadingTheFile() throws IOException {
		String passwd = Files.readString(Path.of("/etc/passwd"));
		String body = """
				<?xml version="1.0"?>
				<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<xml><ToUserName>&xxe;</ToUserName></xml>""";
		WechatMessageException ex = refused(body);
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).contains("DOCTYPE").doesNotContain("root:").doesNotContain(firstLine(passwd));
		assertThat(ex.getCause()).isNull();
		assertThat(ex.getStackTrace()).noneMatch((frame) -> frame.toString().contains("root:"));
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
	void refusesParameterEntityWithoutConnecting() throws IOException {
		try (ServerSocketChannel server = listener()) {
			String url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/evil.dtd";
			WechatMessageException ex = refused(
					"<!DOCTYPE xml [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]><xml><A>1</A></xml>");
			assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
			assertThat(server.accept()).as("a connection from the parser").isNull();
		}
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
	void refusesExternalDtdWithoutConnecting() throws IOException {
		try (ServerSocketChannel server = listener()) {
			String url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/evil.dtd";
			WechatMessageException ex = refused("<!DOCTYPE xml SYSTEM \"" + url + "\"><xml><A>1</A></xml>");
			assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
			assertThat(server.accept()).as("a connection from the parser").isNull();
		}
	}

	@Test
	void refusesParameterEntityPointingAtLocalDtd(@TempDir Path dir) throws IOException {
		Path dtd = dir.resolve("leak.dtd");
		Files.writeString(dtd, "<!ENTITY leak \"LEAKED-MARKER\">");
		String body = "<!DOCTYPE xml [<!ENTITY % local SYSTEM \"" + dtd.toUri() + "\"> %local;]>"
				+ "<xml><Content>&leak;</Content></xml>";
		WechatMessageException ex = refused(body);
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).doesNotContain("LEAKED-MARKER");
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
	void refusesBillionLaughs() {
		StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol \"lol\">");
		body.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
		for (int i = 2; i <= 9; i++) {
			body.append("<!ENTITY lol").append(i).append(" \"");
			body.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
		}
		body.append("]><xml><Content>&lol9;</Content></xml>");
		WechatMessageException ex = refused(body.toString());
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).doesNotContain("lollol");
	}

	@Test
	void refusesUndeclaredEntityReference() {
		assertThat(refused("<xml><Content>&xxe;</Content></xml>").getReason()).isEqualTo(Reason.MALFORMED);
	}

	@Test
	void refusesOversizedBodyBeforeParsing() {
		MessageXml small = new MessageXml(100);
		// Malformed on purpose: the size must be judged first.
		String body = "<xml><!DOCTYPE " + "x".repeat(200);
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class, () -> small.parse(utf8(body)));
		assertThat(ex.getReason()).isEqualTo(Reason.BODY_TOO_LARGE);
		assertThat(ex.getMessage()).contains("limit of 100");
		assertThat(catchThrowableOfType(WechatMessageException.class, () -> small.parse(body)).getReason())
			.isEqualTo(Reason.BODY_TOO_LARGE);
	}

	@Test
	void acceptsBodyOfExactlyTheLimit() {
		String body = "<xml><A>" + "x".repeat(100 - 18) + "</A></xml>";
		assertThat(body).hasSize(100);
		assertThat(new MessageXml(100).parse(utf8(body))).containsKey("A");
	}

	@Test
	void refusesMalformedXmlWithShortMessageQuotingNothing() {
		WechatMessageException ex = refused("<xml><Content>secret-ish content</Contents></xml>");
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).startsWith("the body is not well-formed XML (line 1")
			.doesNotContain("secret-ish")
			.doesNotContain("Contents");
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void refusesTruncatedAndEmptyBodies() {
		assertThat(refused("<xml><A>1</A>").getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(refused("").getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(refused("not xml at all").getReason()).isEqualTo(Reason.MALFORMED);
	}

	@Test
	void refusesRootOtherThanXml() {
		assertThat(refused("<message><A>1</A></message>").getMessage()).contains("root element must be <xml>");
	}

	@Test
	void refusesBodyThatIsNotUtf8() {
		byte[] body = { '<', 'x', 'm', 'l', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'x', 'm', 'l', '>' };
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class, () -> this.xml.parse(body));
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		assertThat(ex.getMessage()).contains("not UTF-8");
	}

	@Test
	void refusesDeepNesting() {
		String body = "<xml>" + "<a>".repeat(40) + "</a>".repeat(40) + "</xml>";
		assertThat(refused(body).getMessage()).contains("too deeply");
	}

	@Test
	void writesTextReplyWithCdataThatSurvivesCdataTerminator() {
		String content = "a ]]> b ]]]]> c <![CDATA[ d & <e>";
		String reply = MessageXml.write(new TextReply(content), "o_user", "gh_account", Instant.ofEpochSecond(42));
		assertThat(reply).startsWith("<xml><ToUserName><![CDATA[o_user]]></ToUserName>"
				+ "<FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>42</CreateTime>"
				+ "<MsgType><![CDATA[text]]></MsgType>");
		assertThat(this.xml.parse(reply)).containsEntry("Content", content);
	}

	@Test
	void dropsCharactersXmlCannotHold() {
		String reply = MessageXml.write(new TextReply("nick\u0014name\u0000 \uD83D\uDE00 \uD800 \uE13C"), "o", "gh",
				Instant.EPOCH);
		assertThat(this.xml.parse(reply)).containsEntry("Content", "nickname \uD83D\uDE00  \uE13C");
	}

	@Test
	void writesEveryReplyTypeInWechatsLayout() {
		Instant time = Instant.ofEpochSecond(1700000000);
		assertThat(this.xml.parse(MessageXml.write(new ImageReply("img-1"), "o", "gh", time)))
			.containsEntry("MsgType", "image")
			.containsEntry("Image.MediaId", "img-1");
		assertThat(this.xml.parse(MessageXml.write(new VoiceReply("voice-1"), "o", "gh", time)))
			.containsEntry("MsgType", "voice")
			.containsEntry("Voice.MediaId", "voice-1");
		assertThat(this.xml.parse(MessageXml.write(new VideoReply("video-1", "Title", null), "o", "gh", time)))
			.containsEntry("MsgType", "video")
			.containsEntry("Video.MediaId", "video-1")
			.containsEntry("Video.Title", "Title")
			.doesNotContainKey("Video.Description");
		assertThat(this.xml.parse(MessageXml
			.write(new MusicReply("Song", "Desc", "http://m/1.mp3", "http://m/1-hq.mp3", "thumb-1"), "o", "gh", time)))
			.containsEntry("MsgType", "music")
			.containsEntry("Music.Title", "Song")
			.containsEntry("Music.Description", "Desc")
			.containsEntry("Music.MusicUrl", "http://m/1.mp3")
			.containsEntry("Music.HQMusicUrl", "http://m/1-hq.mp3")
			.containsEntry("Music.ThumbMediaId", "thumb-1");
	}

	@Test
	void writesNewsReplyWithArticleCountAndItems() {
		NewsReply news = new NewsReply(List.of(new NewsReply.Article("One", "first", "http://p/1.jpg", "http://u/1"),
				new NewsReply.Article("Two ]]>", null, null, "http://u/2")));
		Map<String, String> fields = this.xml.parse(MessageXml.write(news, "o", "gh", Instant.EPOCH));
		assertThat(fields).containsEntry("MsgType", "news")
			.containsEntry("ArticleCount", "2")
			.containsEntry("Articles.item.Title", "One")
			.containsEntry("Articles.item.Description", "first")
			.containsEntry("Articles.item.PicUrl", "http://p/1.jpg")
			.containsEntry("Articles.item.Url", "http://u/1")
			.containsEntry("Articles.item[1].Title", "Two ]]>")
			.containsEntry("Articles.item[1].Url", "http://u/2")
			.doesNotContainKey("Articles.item[1].Description");
	}

	@Test
	void refusesNewsWithoutArticlesOrWithTooMany() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NewsReply(List.of())).withMessageContaining("1 to 8");
		NewsReply.Article article = new NewsReply.Article("t", null, null, null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NewsReply(
					List.of(article, article, article, article, article, article, article, article, article)))
			.withMessageContaining("1 to 8");
	}

	@Test
	void refusesRepliesWithoutTheirRequiredMedia() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ImageReply(" ")).withMessageContaining("mediaId");
		assertThatIllegalArgumentException().isThrownBy(() -> new MusicReply(null, null, null, null, ""))
			.withMessageContaining("thumbMediaId");
	}

	private WechatMessageException refused(String body) {
		WechatMessageException ex = catchThrowableOfType(WechatMessageException.class,
				() -> this.xml.parse(utf8(body)));
		assertThat(ex).as("a refusal of the body").isNotNull();
		return ex;
	}

	private static ServerSocketChannel listener() throws IOException {
		ServerSocketChannel server = ServerSocketChannel.open();
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		server.configureBlocking(false);
		return server;
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end > 0) ? text.substring(0, end) : text;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
