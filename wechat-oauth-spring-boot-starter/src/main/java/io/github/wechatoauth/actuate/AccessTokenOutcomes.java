package io.github.wechatoauth.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wechatoauth.WechatApiException;
import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.credential.AppCredentials;
import io.github.wechatoauth.credential.CredentialListener;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of each account's last access token fetch by this process, heard as a
 * {@link CredentialListener}: what the {@code wechat} health indicator reports. It keeps
 * WeChat's error code and the time, never a token.
 */
public final class AccessTokenOutcomes {

	private final Clock clock;

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	/**
	 * Creates the outcomes, empty.
	 * @param clock the clock that dates them
	 */
	public AccessTokenOutcomes(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Returns the listener that records one account's outcomes.
	 * @param account the prefix of the account's properties, such as {@code wechat} or
	 * {@code wechat.apps.shop}
	 * @return the listener
	 */
	public CredentialListener listener(String account) {
		return new CredentialListener() {

			@Override
			public void onFetch(String kind) {
				if (AppCredentials.ACCESS_TOKEN.equals(kind)) {
					AccessTokenOutcomes.this.outcomes.put(account, new Outcome(true, null, null, now()));
				}
			}

			@Override
			public void onFailure(String kind, WechatException cause) {
				if (AppCredentials.ACCESS_TOKEN.equals(kind)) {
					Integer code = (cause instanceof WechatApiException api) ? api.getErrorCode() : null;
					AccessTokenOutcomes.this.outcomes.put(account,
							new Outcome(false, code, cause.getClass().getSimpleName(), now()));
				}
			}

		};
	}

	/**
	 * Returns the last outcome of an account.
	 * @param account the prefix of the account's properties
	 * @return the outcome, or {@code null} if this process has not fetched its access
	 * token yet
	 */
	public @Nullable Outcome last(String account) {
		return this.outcomes.get(account);
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * One fetch's outcome.
	 *
	 * @param succeeded whether WeChat handed out a token
	 * @param errorCode WeChat's {@code errcode}, when WeChat said no
	 * @param error the kind of failure, such as {@code WechatApiException} or
	 * {@code WechatTransportException}, when it failed
	 * @param at when it happened
	 */
	public record Outcome(boolean succeeded, @Nullable Integer errorCode, @Nullable String error, Instant at) {
	}

}
