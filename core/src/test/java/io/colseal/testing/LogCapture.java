package io.colseal.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged while open, formatted message and stack traces included, with the
 * given loggers turned up. Restores the levels on close.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final StringBuffer text = new StringBuffer();
  private final Map<Logger, Level> previous = new HashMap<>();
  private final Logger root;
  private final java.util.List<ch.qos.logback.core.Appender<ILoggingEvent>> consoleAppenders = new java.util.ArrayList<>();
  private int events;

  public LogCapture(Map<String, Level> levels) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    levels.forEach((name, level) -> {
      Logger l = ctx.getLogger(name);
      previous.put(l, l.getLevel());
      l.setLevel(level);
    });
    setContext(ctx);
    start();
    // Keep TRACE output out of the console while capturing; restored on close.
    root.iteratorForAppenders().forEachRemaining(consoleAppenders::add);
    consoleAppenders.forEach(root::detachAppender);
    root.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent e) {
    events++;
    text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage()).append('\n');
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
        text.append("\tat ").append(s.getSTEAsString()).append('\n');
      }
    }
  }

  public String text() {
    return text.toString();
  }

  public synchronized int events() {
    return events;
  }

  @Override
  public void close() {
    root.detachAppender(this);
    consoleAppenders.forEach(root::addAppender);
    stop();
    previous.forEach(Logger::setLevel);
  }
}
