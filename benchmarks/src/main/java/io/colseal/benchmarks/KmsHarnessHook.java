package io.colseal.benchmarks;

import io.colseal.benchmarks.kms.KmsCallHarness;
import java.util.ArrayList;
import java.util.List;

/** Runs the KMS call harness for the suite: the full run, or a small one in smoke mode. */
final class KmsHarnessHook {
  private KmsHarnessHook() {}

  static String run(boolean smoke) {
    List<String> args = new ArrayList<>();
    if (smoke) {
      args.addAll(List.of("--tables", "3", "--rows", "600"));
    }
    String url = System.getenv("COLSEAL_BENCH_POSTGRES_URL");
    if (url != null && !url.isBlank()) {
      args.addAll(List.of("--jdbc-url", url));
    }
    return "#### KMS calls: 2 processes, " + (smoke ? "3 tables, 600 rows" : "10 tables, 100,000 rows")
        + ", aws-kms on moto_server\n\n" + KmsCallHarness.markdown(args.toArray(String[]::new));
  }
}
