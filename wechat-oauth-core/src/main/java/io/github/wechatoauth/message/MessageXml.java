package io.github.wechatoauth.message;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.github.wechatoauth.internal.Arguments;
import io.github.wechatoauth.message.WechatMessageException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Reads WeChat's {@code <xml>} documents into fields and writes passive replies. Parsing
 * cannot be attacked: the size is checked before anything is parsed, a DOCTYPE or an
 * entity reference rejects the document, and nothing outside the body is ever read.
 */
public final class MessageXml {

	private static final int MAX_DEPTH = 16;

	private static final String ROOT = "xml";

	private final int maxBodySize;

	/**
	 * Creates a reader with a body limit.
	 * @param maxBodySize the largest document in bytes that is parsed at all
	 */
	public MessageXml(int maxBodySize) {
		if (maxBodySize <= 0) {
			throw new IllegalArgumentException("maxBodySize must be positive, was " + maxBodySize);
		}
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Parses a body of UTF-8 bytes into its fields.
	 * @param body the request body
	 * @return the fields, see {@link #parse(String)}
	 * @throws WechatMessageException with {@link Reason#BODY_TOO_LARGE} or
	 * {@link Reason#MALFORMED}
	 */
	public Map<String, String> parse(byte[] body) {
		Arguments.requireNonNull(body, "body");
		return parseChecked(decode(body, this.maxBodySize));
	}

	/**
	 * Checks a body's size, then decodes it as strict UTF-8: the first step of reading
	 * any push, XML or JSON.
	 */
	static String decode(byte[] body, int maxBodySize) {
		checkSize(body.length, maxBodySize);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new WechatMessageException(Reason.MALFORMED, "the body is not UTF-8");
		}
	}

	/**
	 * Parses a document into its fields, in document order. A child of the root element
	 * gives a field named like the element with its text; deeper elements are named by
	 * their path ({@code ScanCodeInfo.ScanType}), and a repeated element gets an index
	 * from its second occurrence on ({@code item}, {@code item[1]}, ...).
	 * @param xml the document, such as a decrypted message
	 * @return the fields, unmodifiable
	 * @throws WechatMessageException with {@link Reason#BODY_TOO_LARGE} or
	 * {@link Reason#MALFORMED}
	 */
	public Map<String, String> parse(String xml) {
		Arguments.requireNonNull(xml, "xml");
		// A char is at least one UTF-8 byte: this bound never lets through more than the
		// limit.
		checkSize(xml.length(), this.maxBodySize);
		return parseChecked(xml);
	}

	static void checkSize(int size, int maxBodySize) {
		if (size > maxBodySize) {
			throw new WechatMessageException(Reason.BODY_TOO_LARGE,
					"the body has " + size + " bytes, more than the limit of " + maxBodySize);
		}
	}

	private static Map<String, String> parseChecked(String xml) {
		String document = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
		XMLStreamReader reader;
		try {
			reader = factory().createXMLStreamReader(new StringReader(document));
		}
		catch (XMLStreamException ex) {
			throw malformed("the body is not well-formed XML", ex.getLocation());
		}
		try {
			return read(reader);
		}
		catch (XMLStreamException ex) {
			// The parser's own message may quote the document; report only where it
			// broke.
			throw malformed("the body is not well-formed XML", ex.getLocation());
		}
		finally {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// Nothing is held open: the source is a string.
			}
		}
	}

	/**
	 * A StAX factory that supports no DTD, resolves no external entity and replaces no
	 * entity reference; the JDK's own implementation, whatever is on the class path.
	 */
	private static XMLInputFactory factory() {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
			throw new XMLStreamException("external entities are not resolved");
		});
		return factory;
	}

	private static Map<String, String> read(XMLStreamReader reader) throws XMLStreamException {
		Map<String, String> fields = new LinkedHashMap<>();
		Deque<Element> open = new ArrayDeque<>();
		boolean rootSeen = false;
		while (reader.hasNext()) {
			int event = reader.next();
			switch (event) {
				case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION,
						XMLStreamConstants.NOTATION_DECLARATION ->
					throw malformed("the body declares a DOCTYPE, which is not allowed", reader.getLocation());
				case XMLStreamConstants.ENTITY_REFERENCE ->
					throw malformed("the body references an entity, which is not allowed", reader.getLocation());
				case XMLStreamConstants.START_ELEMENT -> {
					String name = reader.getLocalName();
					Element parent = open.peek();
					if (parent == null) {
						if (rootSeen || !ROOT.equals(name)) {
							throw malformed("the root element must be <xml>", reader.getLocation());
						}
						rootSeen = true;
						open.push(new Element(""));
					}
					else {
						if (open.size() >= MAX_DEPTH) {
							throw malformed("the body nests elements too deeply", reader.getLocation());
						}
						parent.hasChildren = true;
						open.push(new Element(parent.childPath(name)));
					}
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					Element current = open.peek();
					if (current != null) {
						current.text.append(reader.getText());
					}
				}
				case XMLStreamConstants.END_ELEMENT -> {
					Element closed = open.pop();
					boolean isRoot = open.isEmpty();
					if (!isRoot && (!closed.hasChildren || !closed.text.toString().isBlank())) {
						fields.putIfAbsent(closed.path, closed.text.toString());
					}
				}
				default -> {
					// Comments, processing instructions and the document's start and end
					// carry no field.
				}
			}
		}
		if (!rootSeen) {
			throw malformed("the body has no <xml> element", null);
		}
		return Collections.unmodifiableMap(fields);
	}

	private static WechatMessageException malformed(String message, @Nullable Location location) {
		String where = (location != null && location.getLineNumber() > 0)
				? " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")" : "";
		return new WechatMessageException(Reason.MALFORMED, message + where);
	}

	/**
	 * Writes a passive reply.
	 * @param reply the reply
	 * @param toUserName the user's openid: the inbound message's {@code FromUserName}
	 * @param fromUserName the account: the inbound message's {@code ToUserName}
	 * @param createTime the reply's time, written in whole seconds
	 * @return the reply's XML
	 */
	public static String write(Reply reply, String toUserName, String fromUserName, Instant createTime) {
		Arguments.requireNonNull(reply, "reply");
		Arguments.requireNonNull(toUserName, "toUserName");
		Arguments.requireNonNull(fromUserName, "fromUserName");
		Arguments.requireNonNull(createTime, "createTime");
		StringBuilder xml = new StringBuilder(256).append("<xml>");
		cdata(xml, "ToUserName", toUserName);
		cdata(xml, "FromUserName", fromUserName);
		number(xml, "CreateTime", createTime.getEpochSecond());
		cdata(xml, "MsgType", reply.msgType());
		if (reply instanceof TextReply text) {
			cdata(xml, "Content", text.content());
		}
		else if (reply instanceof ImageReply image) {
			xml.append("<Image>");
			cdata(xml, "MediaId", image.mediaId());
			xml.append("</Image>");
		}
		else if (reply instanceof VoiceReply voice) {
			xml.append("<Voice>");
			cdata(xml, "MediaId", voice.mediaId());
			xml.append("</Voice>");
		}
		else if (reply instanceof VideoReply video) {
			xml.append("<Video>");
			cdata(xml, "MediaId", video.mediaId());
			cdata(xml, "Title", video.title());
			cdata(xml, "Description", video.description());
			xml.append("</Video>");
		}
		else if (reply instanceof MusicReply music) {
			xml.append("<Music>");
			cdata(xml, "Title", music.title());
			cdata(xml, "Description", music.description());
			cdata(xml, "MusicUrl", music.musicUrl());
			cdata(xml, "HQMusicUrl", music.hqMusicUrl());
			cdata(xml, "ThumbMediaId", music.thumbMediaId());
			xml.append("</Music>");
		}
		else if (reply instanceof NewsReply news) {
			number(xml, "ArticleCount", news.articles().size());
			xml.append("<Articles>");
			for (NewsReply.Article article : news.articles()) {
				xml.append("<item>");
				cdata(xml, "Title", article.title());
				cdata(xml, "Description", article.description());
				cdata(xml, "PicUrl", article.picUrl());
				cdata(xml, "Url", article.url());
				xml.append("</item>");
			}
			xml.append("</Articles>");
		}
		return xml.append("</xml>").toString();
	}

	/**
	 * Writes safe mode's reply envelope.
	 * @param encrypt the encrypted reply
	 * @param msgSignature its signature
	 * @param timestamp the signed timestamp
	 * @param nonce the signed nonce
	 * @return the envelope's XML
	 */
	static String writeEnvelope(String encrypt, String msgSignature, String timestamp, String nonce) {
		StringBuilder xml = new StringBuilder(encrypt.length() + 200).append("<xml>");
		cdata(xml, "Encrypt", encrypt);
		cdata(xml, "MsgSignature", msgSignature);
		xml.append("<TimeStamp>").append(timestamp).append("</TimeStamp>");
		cdata(xml, "Nonce", nonce);
		return xml.append("</xml>").toString();
	}

	private static void number(StringBuilder xml, String name, long value) {
		xml.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
	}

	private static void cdata(StringBuilder xml, String name, @Nullable String value) {
		if (value == null) {
			return;
		}
		xml.append('<').append(name).append("><![CDATA[");
		// "]]>" would end the section: close it after "]]" and open a new one for ">".
		xml.append(xmlCharacters(value).replace("]]>", "]]]]><![CDATA[>"));
		xml.append("]]></").append(name).append('>');
	}

	/**
	 * Drops what XML 1.0 cannot hold even in CDATA (control characters such as those in
	 * some nicknames, lone surrogates), which would make WeChat reject the whole reply.
	 */
	private static String xmlCharacters(String value) {
		if (value.codePoints().allMatch(MessageXml::isXmlCharacter)) {
			return value;
		}
		StringBuilder kept = new StringBuilder(value.length());
		value.codePoints().filter(MessageXml::isXmlCharacter).forEach(kept::appendCodePoint);
		return kept.toString();
	}

	private static boolean isXmlCharacter(int c) {
		return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
				|| (c >= 0x10000 && c <= 0x10FFFF);
	}

	private static final class Element {

		private final String path;

		private final StringBuilder text = new StringBuilder();

		private final Map<String, Integer> childCounts = new HashMap<>();

		private boolean hasChildren;

		Element(String path) {
			this.path = path;
		}

		String childPath(String name) {
			int seen = this.childCounts.merge(name, 1, Integer::sum) - 1;
			String segment = (seen == 0) ? name : name + "[" + seen + "]";
			return this.path.isEmpty() ? segment : this.path + "." + segment;
		}

	}

}
