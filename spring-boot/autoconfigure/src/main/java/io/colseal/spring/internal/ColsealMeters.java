package io.colseal.spring.internal;

import io.colseal.ColsealStats;
import io.colseal.KmsCallStats;
import io.colseal.TableStats;
import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.QueryRejections;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Registers colseal's counts ({@link ColsealStats}, and {@link QueryRejections} with Hibernate) as
 * Micrometer meters, with the names and tags of {@code docs/reference/metrics.md}. The meters read
 * the live objects; nothing is copied or polled. Tables are those the instance knows when the
 * registry binds (with Hibernate, every table with an {@code @Encrypted} column).
 */
final class ColsealMeters implements MeterBinder {
  private final ColsealStats stats;
  private final @Nullable Object rejections;

  /** {@code rejections} is a {@code QueryRejections}, typed loosely so that a JPA-less application never loads it. */
  ColsealMeters(ColsealStats stats, @Nullable Object rejections) {
    this.stats = stats;
    this.rejections = rejections;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (TableStats t : stats.tables()) {
      FunctionCounter.builder("colseal.encryptions", t, TableStats::encryptions).tag("table", t.table())
          .description("Values encrypted under the table's ACTIVE key").register(registry);
      FunctionCounter.builder("colseal.decryptions", t, TableStats::decryptions).tag("table", t.table())
          .description("Envelopes opened").register(registry);
      Gauge.builder("colseal.key.version", t, TableStats::activeVersion).tag("table", t.table())
          .description("The ACTIVE key version the instance encrypts the table with").register(registry);
    }
    cache(registry, "hit", ColsealStats::keyCacheHits);
    cache(registry, "miss", ColsealStats::keyCacheMisses);
    cache(registry, "refresh", ColsealStats::keyRefreshes);
    cache(registry, "refresh_failure", ColsealStats::keyRefreshFailures);
    for (KmsCallStats k : stats.kmsCalls()) {
      FunctionTimer.builder("colseal.kms.calls", k, KmsCallStats::count, c -> c.totalTime().toNanos(),
              TimeUnit.NANOSECONDS)
          .tag("operation", k.operation().name().toLowerCase(Locale.ROOT))
          .tag("outcome", k.outcome().name().toLowerCase(Locale.ROOT))
          .description("Calls to the KEK provider").register(registry);
    }
    if (rejections != null) {
      Rejected.bind(registry, rejections);
    }
  }

  private void cache(MeterRegistry registry, String result, ToDoubleFunction<ColsealStats> count) {
    FunctionCounter.builder("colseal.key.cache", stats, count).tag("result", result)
        .description("Data-key cache lookups and background refreshes").register(registry);
  }

  /** The Hibernate meter, apart so that {@code QueryRejections} loads only with Hibernate. */
  private static final class Rejected {
    static void bind(MeterRegistry registry, Object rejections) {
      QueryRejections r = (QueryRejections) rejections;
      List<ErrorCode> codes = r.codes();
      for (ErrorCode code : codes) {
        FunctionCounter.builder("colseal.queries.rejected", r, q -> q.count(code))
            .tag("reason", code.name().toLowerCase(Locale.ROOT))
            .description("Queries colseal refused in the SessionFactory").register(registry);
      }
    }
  }
}
