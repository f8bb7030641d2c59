package io.github.wechatoauth.autoconfigure.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chinese README keeps up with the English one, which {@link ReadmeTests} holds to
 * the files it boots: every code block and every property row with its default is also in
 * the English README, and each links to the other.
 */
class ChineseReadmeTests {

	private static final Pattern CODE_BLOCK = Pattern.compile("```[a-z]*\\n.*?```", Pattern.DOTALL);

	private static final Pattern PROPERTY_ROW = Pattern.compile("^\\| `(wechat\\.[a-z.<>-]+\\*?)` \\| ([^|]*) \\|",
			Pattern.MULTILINE);

	@Test
	void showsTheEnglishReadmesCodeAndProperties() throws IOException {
		String english = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		String chinese = Files.readString(Path.of("README.zh-CN.md"), StandardCharsets.UTF_8);
		List<String> blocks = all(CODE_BLOCK, chinese, 0);
		assertThat(blocks).hasSizeGreaterThan(15).allSatisfy((block) -> assertThat(english).contains(block));
		List<String> rows = all(PROPERTY_ROW, chinese, 0);
		assertThat(rows).isEqualTo(all(PROPERTY_ROW, english, 0));
		assertThat(english).contains("[中文](README.zh-CN.md)");
		assertThat(chinese).contains("[English](README.md)");
	}

	private static List<String> all(Pattern pattern, String text, int group) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(group));
		}
		return found;
	}

}
