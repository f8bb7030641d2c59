package io.github.wechatoauth.sample.sandbox;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatOAuthClient;
import io.github.wechatoauth.credential.ClientAccessToken;
import io.github.wechatoauth.jssdk.JsSdkSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The app access token ({@code stable_token}, {@code token}), the {@code jsapi_ticket}
 * and JS-SDK signatures, through the SDK and over plain HTTP.
 */
class SandboxCredentialTests extends SandboxTestSupport {

	@Test
	void stableTokenIsTheSameWhileValid() throws IOException {
		stableToken(true);
		JsonNode first = stableToken(false);
		this.clock.advance(Duration.ofMinutes(10));
		JsonNode second = stableToken(false);

		assertThat(second.path("access_token").asText()).isEqualTo(first.path("access_token").asText());
		assertThat(second.path("expires_in").asLong()).isEqualTo(first.path("expires_in").asLong() - 600);
		ClientAccessToken viaSdk = client().getClientAccessToken();
		assertThat(viaSdk.accessToken()).isEqualTo(first.path("access_token").asText());
	}

	@Test
	void stableTokenRotatesInItsLastFiveMinutesWhileTheOldOneStaysValid() throws IOException {
		JsonNode current = stableToken(true);
		String old = current.path("access_token").asText();
		this.clock.advance(Duration.ofSeconds(current.path("expires_in").asLong() - 299));

		String next = stableToken(false).path("access_token").asText();

		assertThat(next).isNotEqualTo(old);
		assertThat(ticket(old).path("errcode").asInt()).isZero();
		this.clock.advance(Duration.ofSeconds(299));
		assertThat(ticket(old).path("errcode").asInt()).isEqualTo(42001);
		assertThat(ticket(next).path("errcode").asInt()).isZero();
	}

	@Test
	void forcedRefreshReplacesTheStableTokenAtOnce() throws IOException {
		String old = stableToken(false).path("access_token").asText();

		JsonNode forced = stableToken(true);

		assertThat(forced.path("access_token").asText()).isNotEqualTo(old);
		assertThat(forced.path("expires_in").asLong()).isEqualTo(7200);
		assertThat(ticket(old).path("errcode").asInt()).isEqualTo(40001);
	}

	@Test
	void classicTokenOverlapsItsSuccessorForFiveMinutes() throws IOException {
		String first = classicToken(this.properties.getSecret()).path("access_token").asText();
		String second = classicToken(this.properties.getSecret()).path("access_token").asText();

		assertThat(second).isNotEqualTo(first);
		assertThat(ticket(first).path("errcode").asInt()).isZero();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(ticket(first).path("errcode").asInt()).isEqualTo(40001);
		assertThat(ticket(second).path("errcode").asInt()).isZero();
	}

	@Test
	void refusesAWrongSecret() throws IOException {
		WechatOAuthClient wrongSecret = client(this.properties.getAppid(), "0123456789abcdef0123456789abcdef");

		assertThatExceptionOfType(WechatApiException.class).isThrownBy(wrongSecret::getClientAccessToken)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(40125));
		assertThat(classicToken("0123456789abcdef0123456789abcdef").path("errcode").asInt()).isEqualTo(40001);
	}

	@Test
	void refusesMissingMalformedAndUnknownAccessTokens() throws IOException {
		assertThat(get(sandboxUrl() + "/cgi-bin/ticket/getticket?type=jsapi").json().path("errcode").asInt())
			.isEqualTo(41001);
		assertThat(ticket("not%20a%20token").path("errcode").asInt()).isEqualTo(40014);
		assertThat(ticket("UnknownButWellFormedToken0123456789").path("errcode").asInt()).isEqualTo(40001);
	}

	@Test
	void signsPagesWithTheSandboxTicket() throws IOException {
		WechatOAuthClient client = client();
		String url = "http://localhost:" + this.port + "/jssdk?x=1";

		JsSdkSignature signature = client.jsSdkSign(url + "#top");

		String ticket = client.getJsApiTicket().ticket();
		String accessToken = client.getClientAccessToken().accessToken();
		assertThat(ticket(accessToken).path("ticket").asText()).isEqualTo(ticket);
		assertThat(signature.appId()).isEqualTo(this.properties.getAppid());
		assertThat(signature.url()).isEqualTo(url);
		assertThat(signature.timestamp()).isEqualTo(this.clock.instant().getEpochSecond());
		assertThat(signature.signature())
			.isEqualTo(JsSdkSignature.sign(ticket, signature.nonceStr(), signature.timestamp(), url));
	}

	@Test
	void answersJsonAsTextPlainWithHttp200EvenForErrors() throws IOException {
		Answer error = get(sandboxUrl() + "/sns/oauth2/access_token?appid=" + this.properties.getAppid()
				+ "&secret=wrong&code=x&grant_type=authorization_code");
		Answer ok = postJson(sandboxUrl() + "/cgi-bin/stable_token", stableTokenBody(false));

		assertThat(error.status()).isEqualTo(200);
		assertThat(error.contentType()).isEqualTo("text/plain");
		assertThat(error.json().path("errcode").asInt()).isEqualTo(40125);
		assertThat(error.json().path("errmsg").asText()).startsWith("invalid appsecret, rid: ");
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.contentType()).isEqualTo("text/plain");
		assertThat(ok.json().has("errcode")).isFalse();
	}

	private JsonNode stableToken(boolean forceRefresh) throws IOException {
		return postJson(sandboxUrl() + "/cgi-bin/stable_token", stableTokenBody(forceRefresh)).json();
	}

	private String stableTokenBody(boolean forceRefresh) {
		return "{\"grant_type\":\"client_credential\",\"appid\":\"" + this.properties.getAppid() + "\",\"secret\":\""
				+ this.properties.getSecret() + "\",\"force_refresh\":" + forceRefresh + "}";
	}

	private JsonNode classicToken(String secret) throws IOException {
		return get(sandboxUrl() + "/cgi-bin/token?grant_type=client_credential&appid=" + this.properties.getAppid()
				+ "&secret=" + secret)
			.json();
	}

	private JsonNode ticket(String accessToken) throws IOException {
		return get(sandboxUrl() + "/cgi-bin/ticket/getticket?access_token=" + accessToken + "&type=jsapi").json();
	}

}
