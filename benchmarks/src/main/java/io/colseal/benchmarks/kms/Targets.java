package io.colseal.benchmarks.kms;

import static io.colseal.benchmarks.kms.ProcessReport.DECRYPT;
import static io.colseal.benchmarks.kms.ProcessReport.GENERATE;

import io.colseal.benchmarks.kms.HarnessDatabase.KeyRow;
import io.colseal.benchmarks.kms.HarnessOptions.Scenario;
import io.colseal.benchmarks.kms.HarnessResult.Check;
import io.colseal.benchmarks.kms.HarnessResult.ProcessResult;
import io.colseal.benchmarks.kms.HarnessResult.ScenarioResult;
import io.colseal.benchmarks.kms.HarnessResult.TableResult;
import io.colseal.benchmarks.kms.HarnessTables.HarnessTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Judges a scenario. Data keys must cost KMS calls per table key and process, never per row:
 *
 * <ul>
 *   <li>each process decrypts each table key at most once ({@code Decrypt} only for a key it did not
 *       generate itself);
 *   <li>staggered start: at most one {@code GenerateDataKey} per table in all, since process 1 made
 *       every key before the others started;
 *   <li>cold concurrent start: at most one {@code GenerateDataKey} per table per process. Processes
 *       that find no key all generate one; the key table keeps exactly one, and the others are
 *       discarded. The total is reported, not judged;
 *   <li>no other KMS call, one ACTIVE key per table, every row written once and read back intact by
 *       every process, and colseal's own counters agreeing with the SDK's calls.
 * </ul>
 */
final class Targets {
  /** A process's report with the time the harness measured for it. */
  record ProcessRun(ProcessReport report, long elapsedMillis) {}

  private final Scenario scenario;
  private final HarnessOptions options;
  private final List<HarnessTable> tables;
  private final List<ProcessRun> runs;
  private final List<KeyRow> keys;

  private Targets(Scenario scenario, HarnessOptions options, List<ProcessRun> runs, List<KeyRow> keys) {
    this.scenario = scenario;
    this.options = options;
    this.tables = HarnessTables.first(options.tables());
    this.runs = runs;
    this.keys = keys;
  }

  static ScenarioResult evaluate(
      Scenario scenario, HarnessOptions options, List<ProcessRun> runs, List<KeyRow> keys, long elapsedMillis) {
    return new Targets(scenario, options, runs, keys).result(elapsedMillis);
  }

  private ScenarioResult result(long elapsedMillis) {
    List<Check> checks = new ArrayList<>();
    checks.add(scenario.staggered() ? generatePerTable() : generatePerTableAndProcess());
    checks.add(decryptPerTableAndProcess());
    checks.add(noOtherCalls());
    checks.add(oneActiveKeyPerTable());
    checks.add(rowsWritten());
    checks.add(rowsReadBack());
    checks.add(counters());
    long generate = sum(r -> r.calls(GENERATE));
    return new ScenarioResult(scenario.id(), scenario.title(), checks.stream().allMatch(Check::passed), elapsedMillis,
        generate, sum(r -> r.calls(DECRYPT)), sum(ProcessReport::otherCalls), sum(ProcessReport::totalHttpRequests),
        keys.size(), generate - keys.size(), processes(), tableResults(), checks);
  }

  private Check generatePerTable() {
    Worst worst = new Worst();
    for (HarnessTable t : tables) {
      worst.offer(runs.stream().mapToLong(r -> r.report().calls(GENERATE, t.name())).sum(), t.name());
    }
    return new Check("at most 1 GenerateDataKey per table, all processes together", worst.max <= 1,
        worst.toString());
  }

  private Check generatePerTableAndProcess() {
    Worst worst = perTableAndProcess(GENERATE);
    return new Check("at most 1 GenerateDataKey per table per process (extra ones lost the race and were discarded)",
        worst.max <= 1, worst.toString());
  }

  private Check decryptPerTableAndProcess() {
    Worst worst = perTableAndProcess(DECRYPT);
    return new Check("at most 1 Decrypt per table key per process", worst.max <= 1, worst.toString());
  }

  private Worst perTableAndProcess(String operation) {
    Worst worst = new Worst();
    for (ProcessRun run : runs) {
      for (HarnessTable t : tables) {
        worst.offer(run.report().calls(operation, t.name()), t.name() + ", process " + run.report().process());
      }
    }
    return worst;
  }

  private Check noOtherCalls() {
    long other = sum(ProcessReport::otherCalls);
    return new Check("no KMS call other than GenerateDataKey and Decrypt", other == 0, other + " other calls");
  }

  private Check oneActiveKeyPerTable() {
    List<String> wrong = new ArrayList<>();
    for (HarnessTable t : tables) {
      List<KeyRow> rows = keys.stream().filter(k -> k.table().equals(t.name())).toList();
      if (rows.size() != 1 || !rows.get(0).state().equals("ACTIVE")) {
        wrong.add(t.name() + ": " + rows.size() + " keys");
      }
    }
    long foreign = keys.stream().filter(k -> tables.stream().noneMatch(t -> t.name().equals(k.table()))).count();
    if (foreign > 0) {
      wrong.add(foreign + " keys of other tables");
    }
    return new Check("exactly one data key, ACTIVE, per table in colseal_data_key", wrong.isEmpty(),
        wrong.isEmpty() ? keys.size() + " keys" : String.join("; ", wrong));
  }

  private Check rowsWritten() {
    long written = sum(ProcessReport::rowsWritten);
    return new Check("every row written once", written == options.rows(),
        MarkdownReport.count(written) + " of " + MarkdownReport.count(options.rows()));
  }

  private Check rowsReadBack() {
    List<String> wrong = new ArrayList<>();
    for (ProcessRun run : runs) {
      ProcessReport r = run.report();
      if (r.rowsRead() != options.rows() || r.rowsMismatched() != 0) {
        wrong.add("process " + r.process() + " read " + r.rowsRead() + ", " + r.rowsMismatched() + " wrong or missing");
      }
    }
    return new Check("every process read back every row, each value as written", wrong.isEmpty(),
        wrong.isEmpty() ? runs.size() + " x " + MarkdownReport.count(options.rows()) + " rows" : String.join("; ", wrong));
  }

  private Check counters() {
    List<String> wrong = new ArrayList<>();
    for (ProcessRun run : runs) {
      ProcessReport r = run.report();
      if (r.keyRingGenerateCalls() != r.calls(GENERATE) || r.keyRingUnwrapCalls() != r.calls(DECRYPT)) {
        wrong.add("process " + r.process() + ": key ring " + r.keyRingGenerateCalls() + "/" + r.keyRingUnwrapCalls()
            + ", SDK " + r.calls(GENERATE) + "/" + r.calls(DECRYPT));
      }
    }
    return new Check("colseal's KeyRingStats agree with the SDK's GenerateDataKey/Decrypt calls", wrong.isEmpty(),
        wrong.isEmpty() ? "equal in every process" : String.join("; ", wrong));
  }

  private List<ProcessResult> processes() {
    return runs.stream().map(run -> {
      ProcessReport r = run.report();
      return new ProcessResult(r.process(), r.pid(), r.calls(GENERATE), r.calls(DECRYPT), r.otherCalls(),
          r.totalHttpRequests(), r.rowsWritten(), r.rowsRead(), r.rowsMismatched(), r.encryptions(), r.decryptions(),
          r.keyRingGenerateCalls(), r.keyRingUnwrapCalls(), run.elapsedMillis(), r.bootMillis(), r.writeMillis(),
          r.readMillis(), r.apiCalls());
    }).toList();
  }

  private List<TableResult> tableResults() {
    return tables.stream().map(t -> {
      List<KeyRow> rows = keys.stream().filter(k -> k.table().equals(t.name())).toList();
      Integer creator = rows.stream().filter(k -> k.state().equals("ACTIVE")).findFirst()
          .map(k -> creatorOf(k.createdBy())).orElse(null);
      return new TableResult(t.name(), runs.stream().mapToLong(r -> r.report().calls(GENERATE, t.name())).sum(),
          runs.stream().map(r -> r.report().calls(DECRYPT, t.name())).toList(), rows.size(), creator);
    }).toList();
  }

  /** The process number whose pid is in {@code created_by} ({@code colseal@<pid>@<host>}). */
  private @Nullable Integer creatorOf(String createdBy) {
    for (ProcessRun run : runs) {
      if (createdBy.startsWith("colseal@" + run.report().pid() + "@")) {
        return run.report().process();
      }
    }
    return null;
  }

  private long sum(ToLongFunction<ProcessReport> f) {
    return runs.stream().mapToLong(r -> f.applyAsLong(r.report())).sum();
  }

  /** The largest count seen and where. */
  private static final class Worst {
    long max = -1;
    String where = "";

    void offer(long count, String at) {
      if (count > max) {
        max = count;
        where = at;
      }
    }

    @Override
    public String toString() {
      return "max " + max + (max <= 0 ? "" : ", at " + where);
    }
  }
}
