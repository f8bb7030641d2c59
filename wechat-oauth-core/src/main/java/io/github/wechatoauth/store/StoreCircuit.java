package io.github.wechatoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.wechatoauth.WechatException;
import io.github.wechatoauth.WechatTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the calls of one store under a time budget, on a small pool of its own, and
 * remembers that the store is down: after a call fails or runs out of time, later calls
 * fail at once without touching the store, except one probe per {@link #PROBE_INTERVAL}
 * (by the clock), whose success closes the circuit. One WARN when the store goes down,
 * one INFO when it is back.
 */
final class StoreCircuit {

	/** How often a store taken as down is tried again. */
	static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

	/**
	 * The threads that call one store; more calls wait in a queue, within their budget. A
	 * call that the store never answers holds its thread until the store client's own
	 * timeout.
	 */
	static final int THREADS_PER_STORE = 16;

	/** The most calls waiting for a thread; more fail at once. */
	static final int MAX_QUEUED_CALLS = 1024;

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final String name;

	private final String description;

	private final Duration timeout;

	private final Clock clock;

	private final StoreListener listener;

	private final Log logger;

	private final String consequence;

	private final ThreadPoolExecutor executor;

	/** When the store was taken as down, in epoch ms of the clock; 0 while it is up. */
	private final AtomicLong downSince = new AtomicLong();

	/** When the next probe may run, in epoch ms of the clock. */
	private final AtomicLong nextProbe = new AtomicLong();

	private volatile @Nullable WechatException lastFailure;

	StoreCircuit(String name, Object store, Duration timeout, Clock clock, StoreListener listener, Log logger,
			String consequence) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		this.name = name;
		this.description = "The " + name + " " + store.getClass().getSimpleName();
		this.timeout = timeout;
		this.clock = clock;
		this.listener = listener;
		this.logger = logger;
		this.consequence = consequence;
		this.executor = new ThreadPoolExecutor(THREADS_PER_STORE, THREADS_PER_STORE, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(MAX_QUEUED_CALLS), (task) -> {
					Thread thread = new Thread(task, "wechat-store-" + THREADS.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	Duration timeout() {
		return this.timeout;
	}

	boolean isAvailable() {
		return this.downSince.get() == 0;
	}

	/**
	 * Runs one store call within the budget.
	 * @param action what the call does, for messages
	 * @param call the call
	 * @return its result
	 * @throws WechatTransportException if the store is down, fails, or does not answer in
	 * time
	 * @throws IllegalArgumentException if the store refuses the call's arguments
	 */
	<T> T call(String action, Supplier<T> call) {
		long since = this.downSince.get();
		if (since != 0 && !probeDue()) {
			WechatException last = this.lastFailure;
			throw new WechatTransportException(this.description + " is taken as down since "
					+ Instant.ofEpochMilli(since) + " and was not asked to " + action + "; it is tried again every "
					+ PROBE_INTERVAL.toSeconds() + " s" + ((last != null) ? " (" + last.getMessage() + ")" : ""));
		}
		Future<T> result;
		try {
			result = this.executor.submit(call::get);
		}
		catch (RejectedExecutionException ex) {
			// The queue is full: the store is down or swamped; nothing else is learned.
			throw new WechatTransportException(this.description + " could not " + action + ": " + MAX_QUEUED_CALLS
					+ " calls are already waiting for it");
		}
		try {
			T value = result.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (this.downSince.get() != 0) {
				up();
			}
			return value;
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			throw down(new WechatTransportException(
					this.description + " did not " + action + " within " + this.timeout + " (wechat.store.timeout)"));
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IllegalArgumentException invalid) {
				throw invalid;
			}
			WechatException failure = (cause instanceof WechatException wechat) ? wechat
					: new WechatTransportException(this.description + " could not " + action + ": " + cause, cause);
			throw down(failure);
		}
		catch (InterruptedException ex) {
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw new WechatTransportException("Interrupted while waiting for the " + this.name, ex);
		}
	}

	/**
	 * Claims the probe if one is due, so that one caller at a time tries a down store.
	 */
	private boolean probeDue() {
		long now = this.clock.millis();
		long due = this.nextProbe.get();
		return now >= due && this.nextProbe.compareAndSet(due, now + PROBE_INTERVAL.toMillis());
	}

	private WechatException down(WechatException failure) {
		this.lastFailure = failure;
		long now = this.clock.millis();
		this.nextProbe.set(now + PROBE_INTERVAL.toMillis());
		if (this.downSince.compareAndSet(0, Math.max(1, now))) {
			String message = String.valueOf(failure.getMessage());
			String what = message.startsWith(this.description) ? message
					: this.description + " failed (" + message + ")";
			this.logger.warn(what + ". Going on without it until it answers again (tried every "
					+ PROBE_INTERVAL.toSeconds() + " s): " + this.consequence);
			tell(() -> this.listener.onStoreUnavailable(this.name, failure));
		}
		return failure;
	}

	private void up() {
		long since = this.downSince.getAndSet(0);
		if (since != 0) {
			Duration downFor = Duration.ofMillis(Math.max(0, this.clock.millis() - since));
			this.lastFailure = null;
			this.logger.info(this.description + " answers again, after " + downFor + " taken as down");
			tell(() -> this.listener.onStoreAvailable(this.name, downFor));
		}
	}

	private void tell(Runnable event) {
		try {
			event.run();
		}
		catch (RuntimeException ex) {
			this.logger.debug("The StoreListener failed", ex);
		}
	}

}
