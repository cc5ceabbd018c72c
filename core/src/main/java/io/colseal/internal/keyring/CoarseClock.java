package io.colseal.internal.keyring;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Milliseconds for cache-expiry checks on the hot path. Reading the system clock costs 20-40 ns on
 * virtual machines, more than the rest of a key lookup; key expiry needs no such precision. For the
 * system clock, one daemon thread per JVM refreshes a volatile value every 50 ms; any other clock
 * (an injected test clock) is read directly, so tests stay exact.
 */
final class CoarseClock {
  private static final long PERIOD_MILLIS = 50;
  private static volatile long now = System.currentTimeMillis();
  private static volatile boolean started;

  private final Clock clock;
  private final boolean system;

  CoarseClock(Clock clock) {
    this.clock = clock;
    this.system = clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
    if (system) {
      startTicker();
    }
  }

  long millis() {
    return system ? now : clock.millis();
  }

  private static synchronized void startTicker() {
    if (started) {
      return;
    }
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "colseal-coarse-clock");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> now = System.currentTimeMillis(), PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    started = true;
  }
}
