package io.github.wechatoauth.store.jdbc;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What the thread of a {@link ListeningConnection} is doing, behind the one lock that the
 * thread, the last store's close and the tests wait on: whether it runs or is to stop,
 * whether its connection listens, on which channels, and as which backend process.
 */
final class ListeningState {

	/** Guards the state below and is notified when it changes. */
	private final Object lock = new Object();

	private boolean stopped;

	private boolean listening;

	private int backendPid;

	private final Set<String> listened = new HashSet<>();

	private @Nullable Thread thread;

	/** Starts a daemon thread that runs the body, unless one runs. */
	void startUnlessRunning(Runnable body, String threadName) {
		synchronized (this.lock) {
			if (this.thread == null) {
				Thread thread = new Thread(body, threadName);
				thread.setDaemon(true);
				this.thread = thread;
				thread.start();
			}
		}
	}

	/**
	 * Asks the thread to stop and wakes it.
	 * @return the thread, to wait for, or {@code null} if none runs
	 */
	@Nullable Thread stop() {
		synchronized (this.lock) {
			this.stopped = true;
			this.lock.notifyAll();
			return this.thread;
		}
	}

	boolean stopped() {
		synchronized (this.lock) {
			return this.stopped;
		}
	}

	boolean listensOn(String channel) {
		synchronized (this.lock) {
			return this.listened.contains(channel);
		}
	}

	void listenedOn(String channel) {
		synchronized (this.lock) {
			this.listened.add(channel);
		}
	}

	/** Records that the connection of a backend listens, and tells the waiters. */
	void listening(int backendPid) {
		synchronized (this.lock) {
			this.listening = true;
			this.backendPid = backendPid;
			this.lock.notifyAll();
		}
	}

	/**
	 * Records that the connection was lost, with all it listened on, and tells the
	 * waiters.
	 */
	void lost() {
		synchronized (this.lock) {
			this.listening = false;
			this.listened.clear();
			this.lock.notifyAll();
		}
	}

	/** Records that the thread has ended, listening on nothing, and tells the waiters. */
	void ended() {
		synchronized (this.lock) {
			this.listening = false;
			this.listened.clear();
			this.thread = null;
			this.lock.notifyAll();
		}
	}

	/**
	 * Waits for a while unless the thread is to stop; an interrupt stops it.
	 * @return whether it is to go on
	 */
	boolean pause(Duration time) {
		synchronized (this.lock) {
			if (this.stopped) {
				return false;
			}
			try {
				TimeUnit.MILLISECONDS.timedWait(this.lock, time.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.stopped = true;
			}
			return true;
		}
	}

	/**
	 * Waits until the connection listens on every channel given, at most a budget.
	 * @return the backend process id of the connection, or 0 if the budget ran out
	 */
	int awaitListening(Supplier<Set<String>> channels, Duration budget) throws InterruptedException {
		synchronized (this.lock) {
			boolean listens = await(() -> this.listening && this.listened.containsAll(channels.get()), budget);
			return listens ? this.backendPid : 0;
		}
	}

	/**
	 * Waits until the connection is lost, at most a budget.
	 * @return whether it is
	 */
	boolean awaitDown(Duration budget) throws InterruptedException {
		synchronized (this.lock) {
			return await(() -> !this.listening, budget);
		}
	}

	/**
	 * Waits until the thread has ended, at most a budget.
	 * @return whether it has
	 */
	boolean awaitStopped(Duration budget) throws InterruptedException {
		synchronized (this.lock) {
			return await(() -> this.thread == null, budget);
		}
	}

	/**
	 * Waits on the lock, which the caller holds, until a condition holds or a budget runs
	 * out.
	 */
	private boolean await(BooleanSupplier condition, Duration budget) throws InterruptedException {
		long until = System.nanoTime() + budget.toNanos();
		while (!condition.getAsBoolean()) {
			long left = until - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this.lock, left);
		}
		return true;
	}

}
