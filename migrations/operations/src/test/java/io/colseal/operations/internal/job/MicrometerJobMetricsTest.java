package io.colseal.operations.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerJobMetricsTest {
  @Test
  void values_countedPerOutcome() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerJobMetrics m = new MicrometerJobMetrics(registry);
    m.values("reencrypted", 7);
    m.values("reencrypted", 3);
    m.values("failure", 1);
    assertEquals(10.0, registry.get("colseal.reencrypt.rows").tag("outcome", "reencrypted").counter().count());
    assertEquals(1.0, registry.get("colseal.reencrypt.rows").tag("outcome", "failure").counter().count());
  }

  @Test
  void batch_recordedByTheTimer() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerJobMetrics m = new MicrometerJobMetrics(registry);
    m.batch(TimeUnit.MILLISECONDS.toNanos(20));
    assertEquals(1, registry.get("colseal.reencrypt.batch").timer().count());
  }

  @Test
  void detect_micrometerPresent_usesIt() {
    assertInstanceOf(MicrometerJobMetrics.class, JobMetrics.detect());
  }
}
