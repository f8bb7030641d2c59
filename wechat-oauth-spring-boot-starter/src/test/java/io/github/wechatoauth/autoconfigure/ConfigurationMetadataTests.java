package io.github.wechatoauth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration processor's {@code META-INF/spring-configuration-metadata.json},
 * which goes into the jar: every {@code wechat.*} key is there, documented, with its
 * default, so that IDEs complete and explain it.
 */
class ConfigurationMetadataTests {

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
				"wechat.credential.refresh-margin", "wechat.credential.max-wait", "wechat.credential.lease-ttl");
		properties.forEach((name, property) -> {
			String description = property.path("description").asText();
			assertThat(description).as(name).isNotBlank().doesNotStartWith("The ").doesNotStartWith("A ");
		});
		assertThat(properties.get("wechat.connect-timeout").get("defaultValue").asText()).isEqualTo("5s");
		assertThat(properties.get("wechat.read-timeout").get("defaultValue").asText()).isEqualTo("10s");
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
		assertThat(properties.get("wechat.login.scope").get("defaultValue").asText()).isEqualTo("snsapi-userinfo");
		assertThat(properties.get("wechat.login.website").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("wechat.credential.refresh-margin").get("defaultValue").asText()).isEqualTo("5m");
		assertThat(properties.get("wechat.credential.max-wait").get("defaultValue").asText()).isEqualTo("5s");
		assertThat(properties.get("wechat.credential.lease-ttl").get("defaultValue").asText()).isEqualTo("15s");
	}

}
