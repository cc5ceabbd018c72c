package io.colseal.operations.internal.audit;

import io.colseal.keys.KeyUsage;
import io.colseal.keys.KeyWriter;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.RetiredUse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether a version was used to encrypt after it left ACTIVE, from the usage records the writers
 * flushed ({@code colseal_key_usage}, {@code colseal_key_writer}; key table migration V0_9).
 *
 * <p>Design note: a record says that its encryptions happened between {@code period_start} and
 * {@code period_end}. Records that began after {@code retired_at} certainly count encryptions after
 * it (the lower bound); records whose period includes it possibly do (added, the upper bound). "No
 * encryption since retirement" is claimed only when no record lies after, and every process that
 * recorded use of the version (a reservation of encryptions is recorded, with a zero count, before
 * the first encryption it allows) either closed cleanly, which flushes last, or reported later than
 * {@code retired_at} plus its refresh interval, after which it cannot be encrypting under the
 * version any more. A process killed between flushes leaves its last period unrecorded and never
 * reports again: it keeps the claim unknown. The reservation counter of the key row proves nothing
 * here: it cannot grow once the version is not ACTIVE.
 */
public final class RetiredUseEvidence {
  private RetiredUseEvidence() {}

  /**
   * The retired-use entry of every version of {@code deks} that is not ACTIVE.
   *
   * @param usage every usage record, or null when the key table has none (migration V0_9 not applied)
   * @param writers every writer row (empty when {@code usage} is null)
   */
  public static List<RetiredUse> evaluate(List<DekEntry> deks, @Nullable List<KeyUsage> usage,
      List<KeyWriter> writers) {
    Map<String, KeyWriter> byId = new HashMap<>();
    writers.forEach(w -> byId.put(w.instanceId(), w));
    Map<String, List<KeyUsage>> byVersion = new HashMap<>();
    if (usage != null) {
      usage.forEach(u -> byVersion.computeIfAbsent(u.table() + "#" + u.version(), k -> new ArrayList<>()).add(u));
    }
    List<RetiredUse> out = new ArrayList<>();
    for (DekEntry d : deks) {
      if (!d.state().equals("ACTIVE")) {
        out.add(entry(d, usage == null ? null : byVersion.getOrDefault(d.table() + "#" + d.version(), List.of()), byId));
      }
    }
    return out;
  }

  private static RetiredUse entry(DekEntry d, @Nullable List<KeyUsage> records, Map<String, KeyWriter> writers) {
    Instant retired = d.retiredAt();
    if (records == null) {
      return notRecorded(d, "the key table has no usage records (colseal_key_usage, migration V0_9 not applied)",
          "키 테이블에 사용 기록(colseal_key_usage, 마이그레이션 V0_9)이 없습니다");
    }
    if (records.isEmpty()) {
      return notRecorded(d, "no process recorded encryptions under this version (used before colseal 0.9"
              + " recorded them, or by a process that does not)",
          "이 버전으로 암호화를 기록한 프로세스가 없습니다 (colseal 0.9 이전에 사용되었거나 기록하지 않는 프로세스가 사용)");
    }
    if (retired == null) {
      return notRecorded(d, "the key row has no retired_at to compare the records with",
          "키 행에 기록과 비교할 retired_at이 없습니다");
    }
    long after = 0;
    long straddling = 0;
    Instant last = null;
    TreeSet<String> afterWriters = new TreeSet<>();
    for (KeyUsage u : records) {
      if (u.encryptions() == 0) {
        continue;
      }
      last = last == null || u.periodEnd().isAfter(last) ? u.periodEnd() : last;
      if (u.periodStart().isAfter(retired)) {
        after += u.encryptions();
        afterWriters.add(describe(u.instanceId(), writers));
      } else if (!u.periodEnd().isBefore(retired)) {
        straddling += u.encryptions();
        afterWriters.add(describe(u.instanceId(), writers));
      }
    }
    List<String> named = List.copyOf(afterWriters);
    if (after > 0) {
      return entry(d, false, after, after + straddling, last, named, null, null);
    }
    if (straddling > 0) {
      return entry(d, null, 0L, straddling, last, named,
          straddling + " encryptions were recorded in periods that include the retirement time "
              + ReportFormat.time(retired) + ": they may have happened before or after it",
          "암호화 " + straddling + "회가 퇴역 시각 " + ReportFormat.time(retired)
              + "을 포함하는 기간에 기록되어 퇴역 전인지 후인지 알 수 없습니다");
    }
    TreeSet<String> holders = new TreeSet<>();
    records.forEach(u -> holders.add(u.instanceId()));
    for (String id : holders) {
      KeyWriter w = writers.get(id);
      if (w == null) {
        return entry(d, null, 0L, 0L, last, named, "writer #" + shortId(id)
                + " recorded use of this version but has no writer row",
            "쓰기 프로세스 #" + shortId(id) + "가 이 버전의 사용을 기록했으나 쓰기 프로세스 행이 없습니다");
      }
      Instant covered = retired.plus(w.refreshInterval());
      if (w.stoppedAt() == null && !w.lastReportAt().isAfter(covered)) {
        String who = describe(id, writers);
        return entry(d, null, 0L, 0L, last, named, who + " used this version and has not reported since "
                + ReportFormat.time(w.lastReportAt()) + ", not after the retirement plus its refresh interval ("
                + ReportFormat.time(covered) + "), and did not stop cleanly: it may have encrypted since without"
                + " recording it yet, or was killed before its last flush",
            who + "가 이 버전을 사용했고 " + ReportFormat.time(w.lastReportAt()) + " 이후 보고하지 않았습니다. 퇴역 시각에 갱신 주기를"
                + " 더한 시각(" + ReportFormat.time(covered) + ")보다 늦게 보고하지도, 정상 종료하지도 않았으므로 그 뒤의 암호화가 아직"
                + " 기록되지 않았거나 마지막 기록 전에 강제 종료되었을 수 있습니다");
      }
    }
    return entry(d, true, 0L, 0L, last, named, null, null);
  }

  private static RetiredUse notRecorded(DekEntry d, String reason, String reasonKo) {
    return new RetiredUse(d.table(), d.version(), d.state(), d.encryptionsAtRetirement(), d.encryptionsReserved(),
        null, RetiredUse.NOT_RECORDED, null, null, null, List.of(), reason, reasonKo);
  }

  private static RetiredUse entry(DekEntry d, @Nullable Boolean none, long after, long possibly,
      @Nullable Instant last, List<String> writers, @Nullable String reason, @Nullable String reasonKo) {
    return new RetiredUse(d.table(), d.version(), d.state(), d.encryptionsAtRetirement(), d.encryptionsReserved(),
        none, RetiredUse.RECORDED_ENCRYPTIONS, after, possibly, last, writers, reason, reasonKo);
  }

  private static String describe(String id, Map<String, KeyWriter> writers) {
    KeyWriter w = writers.get(id);
    return (w == null ? "?" : w.process()) + " #" + shortId(id);
  }

  private static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
