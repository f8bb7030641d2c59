package io.github.wechatoauth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration processor's {@code META-INF/spring-configuration-metadata.json},
 * which goes into the jar: every {@code wechat.*} key is there, documented, with its
 * default, so that IDEs complete and explain it, in the spelling the README uses.
 */
class ConfigurationMetadataTests {

	private static final Pattern README_ROW = Pattern.compile("^\\| `(wechat\\.[a-z.-]+)` \\| `([^`]+)` \\|",
			Pattern.MULTILINE);

	@Test
	void documentsEveryPropertyWithItsDefault() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			new ObjectMapper().readTree(in).get("properties").forEach((p) -> properties.put(p.get("name").asText(), p));
		}
		assertThat(properties).containsOnlyKeys("wechat.appid", "wechat.secret", "wechat.api-base-url",
				"wechat.open-base-url", "wechat.mp-base-url", "wechat.connect-timeout", "wechat.read-timeout",
				"wechat.access-token.source", "wechat.oauth.default-lang", "wechat.store.type",
				"wechat.store.key-prefix", "wechat.store.timeout", "wechat.store.jdbc.initialize-schema",
				"wechat.store.jdbc.table-prefix", "wechat.token", "wechat.encoding-aes-key", "wechat.message.path",
				"wechat.message.security.enabled", "wechat.message.timestamp-window", "wechat.message.reply-timeout",
				"wechat.message.max-body-size", "wechat.message.mode", "wechat.qr-login.lifetime", "wechat.apps",
				"wechat.login.scope", "wechat.login.website", "wechat.login.allow-snapshot-users",
				"wechat.credential.refresh-margin", "wechat.credential.max-wait", "wechat.credential.lease-ttl",
				"wechat.website.appid", "wechat.website.secret");
		properties.forEach((name, property) -> {
			String description = property.path("description").asText();
			assertThat(description).as(name).isNotBlank().doesNotStartWith("The ").doesNotStartWith("A ");
		});
		// Unset, WeChat's timeouts are Boot's (spring.http.client(s).*), else 5s and 10s.
		assertThat(properties.get("wechat.connect-timeout").has("defaultValue")).isFalse();
		assertThat(properties.get("wechat.connect-timeout").get("description").asText())
			.contains("spring.http.client(s).connect-timeout", "5s");
		assertThat(properties.get("wechat.read-timeout").has("defaultValue")).isFalse();
		assertThat(properties.get("wechat.read-timeout").get("description").asText())
			.contains("spring.http.client(s).read-timeout", "10s");
		assertThat(properties.get("wechat.access-token.source").get("defaultValue").asText()).isEqualTo("stable");
		assertThat(properties.get("wechat.store.type").get("defaultValue").asText()).isEqualTo("auto");
		assertThat(properties.get("wechat.store.key-prefix").get("defaultValue").asText()).isEqualTo("wechat");
		assertThat(properties.get("wechat.store.jdbc.initialize-schema").get("defaultValue").asText())
			.isEqualTo("embedded");
		assertThat(properties.get("wechat.store.jdbc.table-prefix").get("defaultValue").asText()).isEqualTo("wechat_");
		assertThat(properties.get("wechat.api-base-url").get("defaultValue").asText())
			.isEqualTo("https://api.weixin.qq.com");
		assertThat(properties.get("wechat.message.path").get("defaultValue").asText()).isEqualTo("/wechat/message");
		assertThat(properties.get("wechat.message.timestamp-window").get("defaultValue").asText()).isEqualTo("5m");
		assertThat(properties.get("wechat.message.reply-timeout").get("defaultValue").asText()).isEqualTo("4500ms");
		assertThat(properties.get("wechat.message.max-body-size").get("defaultValue").asText()).isEqualTo("64KB");
		assertThat(properties.get("wechat.qr-login.lifetime").get("defaultValue").asText()).isEqualTo("5m");
		assertThat(properties.get("wechat.login.scope").get("defaultValue").asText()).isEqualTo("snsapi_userinfo");
		assertThat(properties.get("wechat.oauth.default-lang").get("defaultValue").asText()).isEqualTo("zh_CN");
		assertThat(properties.get("wechat.login.website").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("wechat.credential.refresh-margin").get("defaultValue").asText()).isEqualTo("5m");
		assertThat(properties.get("wechat.credential.max-wait").get("defaultValue").asText()).isEqualTo("5s");
		assertThat(properties.get("wechat.credential.lease-ttl").get("defaultValue").asText()).isEqualTo("15s");
	}

	@Test
	void hintsTheValuesOfEveryEnumAndTheNamesOfFurtherAccounts() throws IOException {
		Map<String, List<String>> hints = new LinkedHashMap<>();
		read("hints").forEach((hint) -> {
			List<String> values = new ArrayList<>();
			hint.path("values").forEach((value) -> values.add(value.get("value").asText()));
			hints.put(hint.get("name").asText(), values);
		});
		assertThat(hints).containsEntry("wechat.login.scope", List.of("snsapi_userinfo", "snsapi_base", "snsapi_login"))
			.containsEntry("wechat.oauth.default-lang", List.of("zh_CN", "zh_TW", "en"))
			.containsEntry("wechat.access-token.source", List.of("stable", "classic"))
			.containsEntry("wechat.store.type", List.of("auto", "memory", "redis", "jdbc"))
			.containsEntry("wechat.store.jdbc.initialize-schema", List.of("embedded", "always", "never"))
			.containsKey("wechat.apps.keys");
	}

	@Test
	void readmeTableShowsTheDefaultsOfTheMetadata() throws IOException {
		Map<String, String> defaults = new LinkedHashMap<>();
		read("properties").forEach((p) -> {
			if (p.has("defaultValue")) {
				defaults.put(p.get("name").asText(), p.get("defaultValue").asText());
			}
		});
		Matcher rows = README_ROW.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
		int compared = 0;
		while (rows.find()) {
			String name = rows.group(1);
			String shown = rows.group(2);
			assertThat(defaults).as("metadata of %s", name).containsKey(name);
			assertThat(shown).as("README default of %s", name).isEqualTo(defaults.get(name));
			compared++;
		}
		assertThat(compared).as("README rows with a default").isGreaterThan(20);
	}

	private static JsonNode read(String section) throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return new ObjectMapper().readTree(in).get(section);
		}
	}

}
