package io.colseal.operations.report;

/** The result of one command: written as JSON with {@code --json}, otherwise as {@link #toText()}. */
public interface CommandReport {
  /** The plain-text form: aligned tables and short sentences, ending with a newline. */
  String toText();
}
