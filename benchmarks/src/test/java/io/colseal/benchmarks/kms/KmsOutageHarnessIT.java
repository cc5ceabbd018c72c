package io.colseal.benchmarks.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.colseal.benchmarks.kms.KmsOutageHarness.Options;
import io.colseal.benchmarks.kms.KmsOutageHarness.Phase;
import io.colseal.benchmarks.kms.KmsOutageHarness.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The KMS-outage harness in a short configuration: moto_server frozen for 3 s, cache TTL 1 s and
 * KMS call timeout 1 s, so keys expire and their refreshes fail during the outage. Judged by counts,
 * not timings: no operation fails in any phase, the threads kept working during the outage, and
 * the key ring did see failed refreshes (the outage was real). moto_server must be on the {@code
 * PATH}; without it the test fails when {@code COLSEAL_TEST_REQUIRE_DATABASES=true}.
 */
class KmsOutageHarnessIT {
  @Test
  void shortOutage_cachedKeysKeepServing_noOperationFails() throws Exception {
    if (MotoServer.find().isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"))) {
        fail("moto_server is not on the PATH (COLSEAL_TEST_REQUIRE_DATABASES=true)");
      }
      assumeTrue(false, "moto_server is not on the PATH");
    }
    Result result = KmsOutageHarness.run(new Options(Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ofSeconds(2), 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 1000), System.out);
    System.out.print(result.markdown());

    assertEquals(0, result.phase(Phase.OUTAGE).failed(), result.markdown());
    assertTrue(result.phase(Phase.OUTAGE).operations() > 0, result.markdown());
    assertTrue(result.stats().keyRefreshFailures() > 0, "the outage was not felt: " + result.markdown());
    assertEquals(0, result.phase(Phase.BEFORE).failed() + result.phase(Phase.AFTER).failed(), result.markdown());
  }
}
