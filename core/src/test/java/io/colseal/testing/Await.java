package io.colseal.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for what a background thread of colseal does (a key refresh) to become visible, by
 * re-checking a condition, never by sleeping for a guessed time. The bound only turns a hang into a
 * failure; it is no timing assertion.
 */
public final class Await {
  private static final Duration BOUND = Duration.ofSeconds(30);

  private Await() {}

  /** Returns once {@code condition} holds; fails with {@code what} if it does not within the bound. */
  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + BOUND + ": " + what);
      }
      LockSupport.parkNanos(1_000_000); // re-check each millisecond; the condition decides, not the pause
    }
  }
}
