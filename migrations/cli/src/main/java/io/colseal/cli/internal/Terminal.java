package io.colseal.cli.internal;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/**
 * Where the CLI asks the operator something: the process console when there is one. Injected, so
 * tests decide whether a console is attached.
 */
public interface Terminal {
  /** Whether a person can be asked: a console is attached. */
  boolean interactive();

  /** A line typed after {@code prompt}, or null at end of input or without a console. */
  @Nullable String readLine(String prompt);

  /** A secret typed without echo after {@code prompt}; the caller zeroes it. Null without a console. */
  char @Nullable [] readPassword(String prompt);

  /** The JVM's console ({@link System#console()}), if any. */
  static Terminal system() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return System.console() != null;
      }

      @Override
      public @Nullable String readLine(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readLine("%s", prompt);
      }

      @Override
      public char @Nullable [] readPassword(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readPassword("%s", prompt);
      }
    };
  }

  /** No console: nothing can be asked. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public @Nullable String readLine(String prompt) {
        return null;
      }

      @Override
      public char @Nullable [] readPassword(String prompt) {
        return null;
      }
    };
  }
}
