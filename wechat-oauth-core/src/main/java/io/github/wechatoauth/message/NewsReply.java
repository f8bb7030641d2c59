package io.github.wechatoauth.message;

import java.util.List;

import io.github.wechatoauth.internal.Arguments;
import org.jspecify.annotations.Nullable;

/**
 * A news reply: one or more article cards. WeChat shows only one in reply to a message
 * the user sent, and at most 8 otherwise.
 *
 * @param articles the articles, 1 to 8
 */
public record NewsReply(List<Article> articles) implements Reply {

	/** The most articles WeChat accepts in one reply. */
	public static final int MAX_ARTICLES = 8;

	/**
	 * Checks the values.
	 * @param articles 1 to 8 articles, none null
	 */
	public NewsReply {
		Arguments.requireNonNull(articles, "articles");
		if (articles.isEmpty() || articles.size() > MAX_ARTICLES) {
			throw new IllegalArgumentException("articles must hold 1 to 8 articles, held " + articles.size());
		}
		articles = List.copyOf(articles);
	}

	/**
	 * A reply with one article.
	 * @param article the article
	 * @return the reply
	 */
	public static NewsReply of(Article article) {
		return new NewsReply(List.of(article));
	}

	/**
	 * Returns {@code news}.
	 * @return the {@code MsgType}
	 */
	@Override
	public String msgType() {
		return "news";
	}

	/**
	 * One article card.
	 *
	 * @param title the title
	 * @param description the description, or {@code null}
	 * @param picUrl the picture's link (JPG or PNG; 360×200 for the first, 200×200 for
	 * the others), or {@code null}
	 * @param url the link opened on a tap, or {@code null}
	 */
	public record Article(String title, @Nullable String description, @Nullable String picUrl, @Nullable String url) {

		/**
		 * Checks the values.
		 * @param title not null
		 * @param description optional
		 * @param picUrl optional
		 * @param url optional
		 */
		public Article {
			Arguments.requireNonNull(title, "title");
		}

	}

}
