package io.github.wechatoauth.testsupport;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The log lines of one logger (and those under it), kept for assertions and off the
 * console, so that a passing build prints no expected WARN. Close it to let the logger
 * print again.
 */
public final class CapturedLogs implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final @Nullable Level previousLevel;

	private CapturedLogs(String name) {
		this.logger = (Logger) LoggerFactory.getLogger(name);
		this.previousLevel = this.logger.getLevel();
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setAdditive(false);
		this.logger.setLevel(Level.INFO);
	}

	/**
	 * Starts capturing a logger's lines at INFO and above.
	 * @param name the logger's name, such as a package
	 * @return the captured lines
	 */
	public static CapturedLogs of(String name) {
		return new CapturedLogs(name);
	}

	/**
	 * Returns the lines at a level, formatted.
	 * @param level the level
	 * @return the lines
	 */
	public List<String> at(Level level) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.collect(Collectors.toList());
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setAdditive(true);
		this.logger.setLevel(this.previousLevel);
	}

}
