package io.colseal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
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
      assertEquals(2, r.hibernate().size(), "paired insert + paired select");
      assertPositive(r.hibernate());
      String paired = io.colseal.benchmarks.hibernate.PairedResults.markdown(r.paired());
      for (String variant : List.of("| no-cipher |", "| colseal-binary |", "| ceiling |", "| colseal-text/unbatched |",
          "| colseal-binary-column-keys |", "| colseal-text-column-keys |", "Column keys (algorithm 04), text storage")) {
        assertTrue(paired.contains(variant), variant + " in\n" + paired);
      }
    }
    String md = Report.markdown(r);
    assertTrue(md.contains("| colseal-binary |") && md.contains("SMOKE RUN"), md);
    assertTrue(!postgres || md.contains("paired"), md);
  }

  private static void assertPositive(Collection<RunResult> results) {
    for (RunResult rr : results) {
      assertTrue(rr.getPrimaryResult().getScore() > 0, rr.getParams().getBenchmark());
    }
  }
}
