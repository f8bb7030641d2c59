package io.github.wechatoauth.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The log lines of one logger (and those under it), kept for assertions and off the
 * console, so that a passing build prints no expected WARN. Close it to let the logger
 * print again. {@link CapturedLogsExtension} opens one around each test of a class, in
 * place of Spring Boot's {@code OutputCaptureExtension}, which asserts on the console but
 * still prints it.
 */
public final class CapturedLogs implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final @Nullable Level previousLevel;

	private CapturedLogs(String name, Level threshold) {
		this.logger = (Logger) LoggerFactory.getLogger(name);
		this.previousLevel = this.logger.getLevel();
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setAdditive(false);
		this.logger.setLevel(threshold);
	}

	/**
	 * Starts capturing a logger's lines at INFO and above.
	 * @param name the logger's name, such as a package
	 * @return the captured lines
	 */
	public static CapturedLogs of(String name) {
		return new CapturedLogs(name, Level.INFO);
	}

	/**
	 * Starts capturing a logger's lines at DEBUG and above, for tests of request traces.
	 * @param name the logger's name, such as a class
	 * @return the captured lines
	 */
	public static CapturedLogs withDebugOf(String name) {
		return new CapturedLogs(name, Level.DEBUG);
	}

	/**
	 * Returns the lines at a level, formatted.
	 * @param level the level
	 * @return the lines
	 */
	public List<String> at(Level level) {
		return events().stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.collect(Collectors.toList());
	}

	/**
	 * Returns every captured line as the console would have shown it: the level, the
	 * logger, the message, and the stack trace of its exception, if any. Safe to call
	 * while other threads log.
	 * @return the lines, one after the other
	 */
	public String all() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : events()) {
			text.append(event.getLevel())
				.append(' ')
				.append(event.getLoggerName())
				.append(" - ")
				.append(event.getFormattedMessage())
				.append('\n');
			IThrowableProxy thrown = event.getThrowableProxy();
			if (thrown != null) {
				text.append(ThrowableProxyUtil.asString(thrown)).append('\n');
			}
		}
		return text.toString();
	}

	/** {@link #all()}: what AssertJ shows when an assertion on the lines fails. */
	@Override
	public String toString() {
		return all();
	}

	private List<ILoggingEvent> events() {
		// The appender adds under its own lock (AppenderBase.doAppend).
		synchronized (this.appender) {
			return new ArrayList<>(this.appender.list);
		}
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setAdditive(true);
		this.logger.setLevel(this.previousLevel);
	}

}
