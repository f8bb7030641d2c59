package io.github.wechatoauth.credential;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.testsupport.CapturedLogs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CredentialListener#composite}: every listener is told every event, whatever the
 * others do.
 */
class CompositeCredentialListenerTests {

	@Test
	void noListenerAndOneListenerNeedNoComposite() {
		CredentialListener only = new Recording();
		assertThat(CredentialListener.composite(List.of())).isSameAs(CredentialListener.NONE);
		assertThat(CredentialListener.composite(List.of(CredentialListener.NONE, only))).isSameAs(only);
	}

	@Test
	void aListenerThatThrowsDoesNotSilenceTheNext() {
		Recording recording = new Recording();
		CredentialListener composite = CredentialListener.composite(List.of(new Throwing(), recording));

		composite.onCacheHit("access_token");
		composite.onFetch("access_token");
		composite.onWait("jsapi_ticket", Duration.ofMillis(5));
		composite.onInvalidation("access_token");
		composite.onFailure("jsapi_ticket", new WechatApiException("cgi-bin/ticket/getticket", -1, "busy"));
		composite.onCacheHit("access_token");
		composite.onStoreUnavailable("shared", new WechatApiException("store", -1, "down"));
		composite.onStoreAvailable("shared", Duration.ofSeconds(5));

		assertThat(recording.events).containsExactly("hit access_token", "fetch access_token",
				"wait jsapi_ticket PT0.005S", "invalidation access_token", "failure jsapi_ticket", "hit access_token",
				"down shared", "up shared PT5S");
	}

	@Test
	void eachFailingListenerIsLoggedOnceAndTheOthersStillHear() {
		Recording recording = new Recording();
		CredentialListener composite = CredentialListener.composite(List.of(new Throwing(), recording, new Failing()));
		try (CapturedLogs logs = CapturedLogs.of(CompositeCredentialListener.class.getName())) {
			composite.onCacheHit("access_token");
			composite.onFetch("access_token");
			composite.onCacheHit("access_token");

			assertThat(logs.at(Level.WARN)).containsExactly(
					"The CredentialListener " + Throwing.class.getName()
							+ " failed; its failures are ignored and not logged again",
					"The CredentialListener " + Failing.class.getName()
							+ " failed; its failures are ignored and not logged again");
		}
		assertThat(recording.events).containsExactly("hit access_token", "fetch access_token", "hit access_token");
	}

	static final class Failing implements CredentialListener {

		@Override
		public void onCacheHit(String kind) {
			throw new IllegalStateException("hit");
		}

	}

	static final class Recording implements CredentialListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void onCacheHit(String kind) {
			this.events.add("hit " + kind);
		}

		@Override
		public void onFetch(String kind) {
			this.events.add("fetch " + kind);
		}

		@Override
		public void onWait(String kind, Duration waited) {
			this.events.add("wait " + kind + " " + waited);
		}

		@Override
		public void onInvalidation(String kind) {
			this.events.add("invalidation " + kind);
		}

		@Override
		public void onFailure(String kind, WechatException cause) {
			this.events.add("failure " + kind);
		}

		@Override
		public void onStoreUnavailable(String store, WechatException cause) {
			this.events.add("down " + store);
		}

		@Override
		public void onStoreAvailable(String store, Duration unavailableFor) {
			this.events.add("up " + store + " " + unavailableFor);
		}

	}

	static final class Throwing implements CredentialListener {

		@Override
		public void onCacheHit(String kind) {
			throw new IllegalStateException("hit");
		}

		@Override
		public void onFetch(String kind) {
			throw new IllegalStateException("fetch");
		}

		@Override
		public void onWait(String kind, Duration waited) {
			throw new IllegalStateException("wait");
		}

		@Override
		public void onInvalidation(String kind) {
			throw new IllegalStateException("invalidation");
		}

		@Override
		public void onFailure(String kind, WechatException cause) {
			throw new IllegalStateException("failure");
		}

	}

}
