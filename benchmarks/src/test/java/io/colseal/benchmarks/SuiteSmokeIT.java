package io.colseal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/**
 * The benchmarks' smoke mode, run by {@code ./mvnw verify} so every benchmark keeps compiling and
 * running: each one once, briefly, in-process. PostgreSQL comes from the same settings as the
 * database tests ({@code COLSEAL_TEST_POSTGRES_URL}); the numbers are not looked at.
 */
class SuiteSmokeIT {
  @Test
  void smoke_runsEveryBenchmarkAndRendersTheTables() throws Exception {
    boolean postgres = System.getenv("COLSEAL_TEST_POSTGRES_URL") != null
        || "true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"));
    Suite.Results r = Suite.run(true, postgres, false);
    assertEquals(3 * Report.IMPLS.size(), r.grid().size(), "field benchmarks x implementations");
    assertPositive(r.grid());
    assertEquals(2, r.keyCache().size());
    assertPositive(r.keyCache());
    if (postgres) {
      assertEquals(4 + 4, r.hibernate().size(), "insert (2 modes x 2 batching) + select and findById (2 modes)");
      assertPositive(r.hibernate());
    }
    String md = Report.markdown(r);
    assertTrue(md.contains("| colseal-binary |") && md.contains("SMOKE RUN"), md);
  }

  private static void assertPositive(Collection<RunResult> results) {
    for (RunResult rr : results) {
      assertTrue(rr.getPrimaryResult().getScore() > 0, rr.getParams().getBenchmark());
    }
  }
}
