package io.colseal.benchmarks.kms;

import io.colseal.benchmarks.kms.HarnessResult.Check;
import io.colseal.benchmarks.kms.HarnessResult.ProcessResult;
import io.colseal.benchmarks.kms.HarnessResult.ScenarioResult;
import io.colseal.benchmarks.kms.HarnessResult.TableResult;
import java.util.Locale;
import java.util.stream.Collectors;

/** The harness's result as Markdown: per scenario, a table of processes, one of tables, and the targets. */
final class MarkdownReport {
  private final StringBuilder out = new StringBuilder();

  private MarkdownReport() {}

  static String render(HarnessResult result) {
    MarkdownReport r = new MarkdownReport();
    r.header(result);
    for (ScenarioResult s : result.scenarios()) {
      r.scenario(s, result);
    }
    r.line("**" + (result.passed() ? "All targets met." : "TARGETS MISSED.") + "** Whole run, services and clean-up"
        + " included: " + seconds(result.elapsedMillis()) + ".");
    return r.out.toString();
  }

  private void header(HarnessResult result) {
    line("## KMS calls: " + count(result.tables()) + " tables, " + count(result.rows()) + " rows, "
        + result.processes() + " processes");
    line("");
    line("- database: " + result.database());
    line("- KMS: " + result.kmsEndpoint());
    line("- key cache TTL (`colseal.keys.cache-ttl`): " + result.keyCacheTtl());
    line("- machine: " + result.machine());
    line("- counts are API calls on each process's `KmsClient`, counted by an SDK `ExecutionInterceptor`");
    line("");
  }

  private void scenario(ScenarioResult s, HarnessResult result) {
    line("### " + s.title());
    line("");
    line("| process | GenerateDataKey | Decrypt | other KMS calls | rows written | rows read | encryptions"
        + " | decryptions | elapsed |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|:---|");
    long written = 0;
    long read = 0;
    long encryptions = 0;
    long decryptions = 0;
    for (ProcessResult p : s.processes()) {
      line("| " + p.process() + " | " + count(p.generateDataKey()) + " | " + count(p.decrypt()) + " | "
          + count(p.otherKmsCalls()) + " | " + count(p.rowsWritten()) + " | " + count(p.rowsRead()) + " | "
          + count(p.encryptions()) + " | " + count(p.decryptions()) + " | " + seconds(p.elapsedMillis())
          + " (boot " + seconds(p.bootMillis()) + ", write " + seconds(p.writeMillis()) + ", read "
          + seconds(p.readMillis()) + ") |");
      written += p.rowsWritten();
      read += p.rowsRead();
      encryptions += p.encryptions();
      decryptions += p.decryptions();
    }
    line("| all | " + count(s.generateDataKey()) + " | " + count(s.decrypt()) + " | " + count(s.otherKmsCalls())
        + " | " + count(written) + " | " + count(read) + " | " + count(encryptions) + " | " + count(decryptions)
        + " | " + seconds(s.elapsedMillis()) + " (scenario) |");
    line("");
    line("| table | GenerateDataKey | Decrypt by process | keys in key table | ACTIVE key made by |");
    line("|:---|---:|:---|---:|:---|");
    for (TableResult t : s.tables()) {
      line("| " + t.table() + " | " + t.generateDataKey() + " | "
          + t.decryptByProcess().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " | "
          + t.keyVersions() + " | " + (t.createdByProcess() == null ? "?" : "process " + t.createdByProcess())
          + " |");
    }
    line("");
    line("GenerateDataKey: " + count(s.generateDataKey()) + " for " + count(result.tables()) + " table keys ("
        + count(s.keysKept()) + " kept, " + count(s.keysDiscarded()) + " discarded after losing the race). KMS HTTP"
        + " requests: " + count(s.httpRequests()) + " for " + count(s.generateDataKey() + s.decrypt() + s.otherKmsCalls())
        + " API calls.");
    line("");
    for (Check c : s.checks()) {
      line("- " + (c.passed() ? "met" : "**MISSED**") + ": " + c.target() + ": " + c.detail());
    }
    line("");
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
