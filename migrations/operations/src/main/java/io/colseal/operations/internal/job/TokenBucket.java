package io.colseal.operations.internal.job;

import java.util.function.LongSupplier;

/**
 * Limits the rows per second of all workers of a process. A batch takes its rows at once and may
 * drive the bucket below zero; the taker then waits until it is refilled, so the long-run rate
 * holds whatever the batch size. The bucket holds at most one second of tokens.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  /** {@code rowsPerSecond} greater than 0; {@code nanoTime} is {@link System#nanoTime} outside tests. */
  public TokenBucket(long rowsPerSecond, LongSupplier nanoTime) {
    if (rowsPerSecond <= 0) {
      throw new IllegalArgumentException("rowsPerSecond must be positive");
    }
    this.ratePerNano = rowsPerSecond / 1e9;
    this.capacity = rowsPerSecond;
    this.nanoTime = nanoTime;
    this.last = nanoTime.getAsLong();
    this.tokens = capacity;
  }

  /** Takes {@code n} tokens and returns how long the caller must wait, in nanoseconds (0: go on). */
  public synchronized long reserve(long n) {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
    last = now;
    tokens -= n;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
  }

  /** Takes {@code n} tokens, sleeping as long as the rate requires (throttling, not synchronisation). */
  public void acquire(long n) throws InterruptedException {
    long wait = reserve(n);
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
