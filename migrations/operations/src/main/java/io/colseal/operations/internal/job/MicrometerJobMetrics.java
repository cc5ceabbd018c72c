package io.colseal.operations.internal.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Counters {@code colseal.reencrypt.rows} (tag {@code outcome}) and the timer {@code
 * colseal.reencrypt.batch}. Loaded only when Micrometer is on the classpath ({@link
 * JobMetrics#detect()}).
 */
final class MicrometerJobMetrics implements JobMetrics {
  static final String ROWS = "colseal.reencrypt.rows";
  static final String BATCH = "colseal.reencrypt.batch";

  private final MeterRegistry registry;
  private final Timer batch;

  MicrometerJobMetrics() {
    this(Metrics.globalRegistry);
  }

  MicrometerJobMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batch = Timer.builder(BATCH).description("One committed batch of the re-encryption job").register(registry);
  }

  @Override
  public void values(String outcome, long count) {
    if (count > 0) {
      Counter.builder(ROWS).description("Values processed by the re-encryption job").tag("outcome", outcome)
          .register(registry).increment(count);
    }
  }

  @Override
  public void batch(long nanos) {
    batch.record(nanos, TimeUnit.NANOSECONDS);
  }
}
