package io.github.wechatoauth.credential;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import io.github.wechatoauth.WechatException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells several {@link CredentialListener}s, in order:
 * {@link CredentialListener#composite}. One that throws does not keep the others from
 * being told: its failure is logged (once per listener) and ignored.
 */
final class CompositeCredentialListener implements CredentialListener {

	private static final Log logger = LogFactory.getLog(CompositeCredentialListener.class);

	private final CredentialListener[] listeners;

	private final boolean[] failureLogged;

	private CompositeCredentialListener(List<CredentialListener> listeners) {
		this.listeners = listeners.toArray(new CredentialListener[0]);
		this.failureLogged = new boolean[this.listeners.length];
	}

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
		// A method reference that captures nothing: a cache hit allocates nothing.
		tellEach(kind, CredentialListener::onCacheHit);
	}

	@Override
	public void onFetch(String kind) {
		tellEach(kind, CredentialListener::onFetch);
	}

	@Override
	public void onWait(String kind, Duration waited) {
		tellEach(kind, (listener, of) -> listener.onWait(of, waited));
	}

	@Override
	public void onInvalidation(String kind) {
		tellEach(kind, CredentialListener::onInvalidation);
	}

	@Override
	public void onFailure(String kind, WechatException cause) {
		tellEach(kind, (listener, of) -> listener.onFailure(of, cause));
	}

	@Override
	public void onStoreUnavailable(String store, WechatException cause) {
		tellEach(store, (listener, of) -> listener.onStoreUnavailable(of, cause));
	}

	@Override
	public void onStoreAvailable(String store, Duration unavailableFor) {
		tellEach(store, (listener, of) -> listener.onStoreAvailable(of, unavailableFor));
	}

	private void tellEach(String kind, BiConsumer<CredentialListener, String> event) {
		for (int i = 0; i < this.listeners.length; i++) {
			try {
				event.accept(this.listeners[i], kind);
			}
			catch (RuntimeException ex) {
				failed(i, ex);
			}
		}
	}

	private void failed(int listener, RuntimeException ex) {
		if (!this.failureLogged[listener]) {
			this.failureLogged[listener] = true;
			logger.warn("The CredentialListener " + this.listeners[listener].getClass().getName()
					+ " failed; its failures are ignored and not logged again", ex);
		}
	}

}
