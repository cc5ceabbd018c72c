package io.colseal.benchmarks.reencrypt;

import static io.colseal.benchmarks.reencrypt.ReencryptHarness.count;
import static io.colseal.benchmarks.reencrypt.ReencryptHarness.seconds;

import io.colseal.benchmarks.reencrypt.ReencryptResult.Job;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The harness's result as Markdown: one table of rates and heap, then the target and the checks. */
final class ReencryptMarkdown {
  private ReencryptMarkdown() {}

  static String render(ReencryptResult r) {
    StringBuilder md = new StringBuilder();
    md.append("#### Batch re-encryption: ").append(count(r.rows())).append(" rows × 2 encrypted columns, batches of ")
        .append(r.batchSize()).append(", PostgreSQL\n\n");
    md.append("- measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(r.machine())
        .append("; database ").append(r.database()).append('\n');
    md.append("- job JVM: ").append(r.jobJvm()).append("; `bench_accounts` after loading: ").append(r.tableSizeMb())
        .append(" MiB (loaded in ").append(seconds(r.loadMillis())).append(")\n");
    md.append("- rows/s of the job: `rowsExamined` ÷ the summary's `durationMillis` (JVM start-up excluded; the")
        .append(" whole JVM's life is in parentheses)\n\n");
    md.append("| run | rows | time | rows/s | × baseline | peak heap | most live heap after a GC (1st / 2nd half)")
        .append(" | heap at exit | load average at start |\n");
    md.append("|:---|---:|---:|---:|---:|---:|---:|---:|:---|\n");
    md.append("| baseline: plain JDBC, no crypto, no CAS | ").append(count(r.baseline().rows())).append(" | ")
        .append(seconds(r.baseline().millis())).append(" | ").append(count(Math.round(r.baseline().rowsPerSecond())))
        .append(" | 1.00× | — | — | — | ").append(r.baseline().loadAverage()).append(" |\n");
    for (Job j : r.jobs()) {
      md.append("| `colseal reencrypt --workers ").append(j.workers()).append("` (v").append(j.toVersion() - 1)
          .append(" → v").append(j.toVersion()).append(") | ").append(count(j.rowsExamined())).append(" | ")
          .append(seconds(j.durationMillis())).append(" (").append(seconds(j.wallMillis())).append(") | ")
          .append(count(Math.round(j.rowsPerSecond()))).append(" | ").append(ratio(j.ratioToBaseline())).append(" | ")
          .append(j.heap().peakUsedMb()).append(" MiB | ").append(j.heap().afterGcFirstHalfMb()).append(" / ")
          .append(j.heap().afterGcSecondHalfMb()).append(" MiB | ").append(j.heap().finalUsedMb()).append(" MiB | ")
          .append(j.loadAverage()).append(" |\n");
    }
    md.append('\n');
    Job one = r.jobs().get(0);
    md.append("- ").append(r.targetMet() ? "met" : "**MISSED**").append(": job with 1 worker ≥ ")
        .append(ratio(r.target())).append(" baseline: ").append(ratio(one.ratioToBaseline())).append('\n');
    md.append("- 2 workers ÷ 1 worker: ").append(ratio(r.speedup2Workers())).append('\n');
    for (Job j : r.jobs()) {
      md.append("- ").append(j.workers()).append(" worker").append(j.workers() == 1 ? "" : "s").append(": exit ")
          .append(j.exitStatus()).append(", ").append(count(j.reencrypted())).append(" re-encrypted, ")
          .append(count(j.conflicts())).append(" conflicts, ").append(count(j.failures())).append(" failures, ")
          .append(count(j.batchEvents())).append(" batches; ").append(count(j.rowsOnVersion()))
          .append(" rows with both columns on v").append(j.toVersion()).append("; ")
          .append(j.heap().collections()).append(" GCs, heap limit ").append(j.heap().maxHeapMb()).append(" MiB\n");
    }
    md.append("- afterwards: ").append(count(r.rowsVerified())).append(" rows decrypted and checked, ")
        .append(count(r.rowsMismatched())).append(" wrong. **").append(r.passed() ? "Correct." : "FAILED.")
        .append("** Whole run, loading included: ").append(seconds(r.elapsedMillis())).append(".\n");
    return md.toString();
  }

  static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%.2f×", v);
  }
}
