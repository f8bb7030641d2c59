package io.github.wechatoauth.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.credential.CredentialListener;

/**
 * Tells several {@link CredentialListener}s, in order.
 */
final class CompositeCredentialListener implements CredentialListener {

	private final CredentialListener[] listeners;

	private CompositeCredentialListener(List<CredentialListener> listeners) {
		this.listeners = listeners.toArray(new CredentialListener[0]);
	}

	/**
	 * Returns one listener that tells all of them.
	 * @param listeners the listeners
	 * @return {@link CredentialListener#NONE} for none, the listener itself for one
	 */
	static CredentialListener of(List<CredentialListener> listeners) {
		List<CredentialListener> useful = listeners.stream()
			.filter((listener) -> listener != CredentialListener.NONE)
			.toList();
		return switch (useful.size()) {
			case 0 -> CredentialListener.NONE;
			case 1 -> useful.get(0);
			default -> new CompositeCredentialListener(useful);
		};
	}

	@Override
	public void onCacheHit(String kind) {
		for (CredentialListener listener : this.listeners) {
			listener.onCacheHit(kind);
		}
	}

	@Override
	public void onFetch(String kind) {
		for (CredentialListener listener : this.listeners) {
			listener.onFetch(kind);
		}
	}

	@Override
	public void onWait(String kind, Duration waited) {
		for (CredentialListener listener : this.listeners) {
			listener.onWait(kind, waited);
		}
	}

	@Override
	public void onInvalidation(String kind) {
		for (CredentialListener listener : this.listeners) {
			listener.onInvalidation(kind);
		}
	}

	@Override
	public void onFailure(String kind, WechatException cause) {
		for (CredentialListener listener : this.listeners) {
			listener.onFailure(kind, cause);
		}
	}

}
