package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.spring.app.Customers;
import io.colseal.spring.app.JpaApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** colseal's meters in Boot's MeterRegistry, named as docs/reference/metrics.md says. */
class MetersIT {
  @TempDir Path dir;

  private ApplicationContextRunner withMetrics() {
    return BootContexts.jpa(dir).withUserConfiguration(JpaApp.class)
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
  }

  @Test
  void encryptions_after100Writes_count100() {
    withMetrics().run(context -> {
      Customers customers = context.getBean(Customers.class);
      for (int i = 0; i < 100; i++) {
        customers.add("user" + i + "@example.com");
      }
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertEquals(100.0, registry.get("colseal.encryptions").tag("table", "customers").functionCounter().count());
      assertEquals(1.0, registry.get("colseal.key.version").tag("table", "customers").gauge().value());
    });
  }

  @Test
  void kmsCallsAndKeyCache_areRegistered() {
    withMetrics().run(context -> {
      context.getBean(Customers.class).add("ada@example.com");
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertEquals(1, registry.get("colseal.kms.calls").tag("operation", "generate_data_key")
          .tag("outcome", "success").functionTimer().count());
      assertTrue(registry.get("colseal.key.cache").tag("result", "hit").functionCounter().count() >= 1);
      assertEquals(4, registry.get("colseal.key.cache").functionCounters().size());
    });
  }

  @Test
  void rejectedQueries_countedByReason() {
    withMetrics().run(context -> {
      assertThrows(ColsealInvalidUsageException.class, () -> context.getBean(Customers.class).orderedByEmail());
      assertEquals(1.0, context.getBean(MeterRegistry.class).get("colseal.queries.rejected")
          .tag("reason", "query_rejected").functionCounter().count());
    });
  }
}
