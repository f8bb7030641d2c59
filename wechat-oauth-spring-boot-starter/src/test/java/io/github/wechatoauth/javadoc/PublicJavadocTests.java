package io.github.wechatoauth.javadoc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's Javadoc gate: the javadoc tool runs with doclint {@code all,-missing}
 * here, so that a property getter or setter whose name says it all needs no Javadoc (the
 * field's Javadoc is the documentation the IDE shows, through the configuration
 * metadata). What {@code -missing} would otherwise check is checked here instead: every
 * public type, constructor with parameters and method that is not an accessor or an
 * override has Javadoc.
 */
class PublicJavadocTests {

	private static final Pattern TYPE = Pattern.compile(
			"^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

	private static final Pattern METHOD = Pattern
		.compile("^\\s*public\\s+(?:(?:static|final|abstract|synchronized|default)\\s+)*(?:<[^>]+>\\s+)?"
				+ "(?:[\\w.?\\[\\]@]+(?:<[^;{=]*>)?(?:\\[\\])?\\s+)?(\\w+)\\s*\\((.*)");

	private static final Pattern ACCESSOR = Pattern.compile("(?:get|is|set)[A-Z]\\w*");

	@Test
	void everyPublicTypeAndNonAccessorMethodHasJavadoc() throws IOException {
		List<String> undocumented = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				for (int i = 0; i < lines.size(); i++) {
					String name = declared(lines.get(i));
					if (name != null && !isOverride(lines, i) && !hasJavadoc(lines, i)) {
						undocumented.add(file.getFileName() + ":" + (i + 1) + " " + name);
					}
				}
			}
		}
		assertThat(undocumented).isEmpty();
	}

	@Test
	void anAccessorNeedsNoJavadocButAMethodDoes() {
		assertThat(declared("\tpublic String getAppid() {")).isNull();
		assertThat(declared("\tpublic void setReadTimeout(@Nullable Duration readTimeout) {")).isNull();
		assertThat(declared("\tpublic Optional<WechatAccount> requireDefault() {")).isEqualTo("requireDefault");
		assertThat(declared("\tpublic static final class WechatAccount {")).isEqualTo("WechatAccount");
		assertThat(declared("\tpublic WechatOAuthClients(Map<String, WechatOAuthClient> clients) {"))
			.isEqualTo("WechatOAuthClients");
		assertThat(declared("\tpublic WechatOAuthClients() {")).isNull();
	}

	/** Returns what a line declares that needs Javadoc, or {@code null}. */
	private static String declared(String line) {
		Matcher type = TYPE.matcher(line);
		if (type.find()) {
			return type.group(1);
		}
		Matcher method = METHOD.matcher(line);
		if (!method.find() || ACCESSOR.matcher(method.group(1)).matches()) {
			return null;
		}
		boolean noArgConstructor = method.group(2).startsWith(")") && line.matches("^\\s*public\\s+\\w+\\s*\\(.*");
		return noArgConstructor ? null : method.group(1);
	}

	private static boolean isOverride(List<String> lines, int declaration) {
		for (int i = declaration - 1; i > annotationsStart(lines, declaration); i--) {
			if (lines.get(i).strip().equals("@Override")) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasJavadoc(List<String> lines, int declaration) {
		int i = annotationsStart(lines, declaration);
		if (i < 0 || !lines.get(i).strip().endsWith("*/")) {
			return false;
		}
		while (i >= 0 && !lines.get(i).strip().startsWith("/*")) {
			i--;
		}
		return i >= 0 && lines.get(i).strip().startsWith("/**");
	}

	/**
	 * Returns the line before a declaration's annotations, which may span lines (their
	 * parentheses tell).
	 */
	private static int annotationsStart(List<String> lines, int declaration) {
		int depth = 0;
		int i = declaration - 1;
		while (i >= 0) {
			String line = lines.get(i).strip();
			depth += count(line, ')') - count(line, '(');
			if (depth <= 0 && !line.startsWith("@")) {
				return i;
			}
			i--;
		}
		return i;
	}

	private static int count(String line, char wanted) {
		return (int) line.chars().filter((c) -> c == wanted).count();
	}

}
