package io.colseal.operations.internal.audit;

import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.keys.UnreadableKeyVersion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The findings of an audit report, derived from its collected data; ordered by severity, code, subject. */
public final class Findings {
  private static final Set<String> APPROVED_ALGORITHMS = Set.of("AES_256_GCM", "AES_256_GCM_SIV", "ARIA_256_GCM",
      "HMAC_SHA_256");

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity).thenComparing(Finding::code).thenComparing(Finding::subject);

  /** Korean names of the PII kinds, for the Korean messages (part P of issue 15). */
  private static final Map<String, String> KIND_KO = Map.of("RRN", "주민등록번호", "ALIEN_RRN", "외국인등록번호",
      "CARD_NUMBER", "신용카드번호", "BANK_ACCOUNT", "계좌번호", "PASSPORT", "여권번호", "DRIVERS_LICENSE", "운전면허번호",
      "PHONE", "전화번호", "EMAIL", "이메일 주소");

  private final List<Finding> out = new ArrayList<>();

  private Findings() {}

  public static List<Finding> derive(Policy policy, List<KekEntry> keks, List<DekEntry> deks,
      List<ColumnEntry> columns, List<PiiSuspect> suspects, List<String> registeredTables,
      List<AlgorithmEntry> algorithms, LocalDate today) {
    return derive(policy, keks, deks, columns, suspects, registeredTables, algorithms, today, List.of());
  }

  /**
   * As above, with the key versions whose rows this release cannot read ({@code KEY_UNSUPPORTED}):
   * one HIGH finding each, and their tables are not also reported as having no ACTIVE key.
   */
  public static List<Finding> derive(Policy policy, List<KekEntry> keks, List<DekEntry> deks,
      List<ColumnEntry> columns, List<PiiSuspect> suspects, List<String> registeredTables,
      List<AlgorithmEntry> algorithms, LocalDate today, List<UnreadableKeyVersion> unreadable) {
    Findings f = new Findings();
    for (UnreadableKeyVersion u : unreadable) {
      f.add("KEY_UNSUPPORTED", Severity.HIGH, u.table() + " v" + u.version(), u.message(), List.of());
    }
    for (AlgorithmEntry a : algorithms) {
      if (a.nextReview() != null && a.nextReview().isBefore(today)) {
        f.add("ALGORITHM_REVIEW_OVERDUE", Severity.MEDIUM, a.name(), "the algorithm inventory entry " + a.name()
            + " was last reviewed on " + a.lastReview() + "; the yearly review was due on " + a.nextReview(),
            List.of("PCI DSS 12.3.3"));
      }
    }
    f.keys(policy, deks);
    f.keks(keks);
    f.columns(columns);
    for (String table : registeredTables) {
      if (deks.stream().noneMatch(d -> d.table().equals(table) && d.state().equals("ACTIVE"))
          && unreadable.stream().noneMatch(u -> u.table().equals(table))) {
        f.add("ENCRYPTED_TABLE_WITHOUT_KEY", Severity.HIGH, table,
            "table " + table + " has registered encrypted columns but no ACTIVE data key", List.of());
      }
    }
    f.suspects(suspects);
    f.out.sort(ORDER);
    return List.copyOf(f.out);
  }

  /**
   * {@code findings} with one {@code REENCRYPTION_JOB_STALE} (MEDIUM) per stale job: nobody works on
   * it, so the rows it has not reached stay on the version being retired, while {@code colseal_job}
   * still says RUNNING and a new run of the job would refuse to start beside it. MEDIUM, like rows on
   * a RETIRED version: the values are still encrypted, but the rotation the operator believes is under
   * way has stopped. The message gives the command that resumes the job.
   */
  public static List<Finding> withStaleJobs(List<Finding> findings, List<JobRuns.StaleJob> stale) {
    List<Finding> out = new ArrayList<>(findings);
    for (JobRuns.StaleJob j : stale) {
      out.add(new Finding("REENCRYPTION_JOB_STALE", Severity.MEDIUM, j.jobId(), "re-encryption job " + j.jobId()
          + " (run " + j.runNo() + ") is marked RUNNING, but no worker holds a lease and nothing has changed since "
          + j.lastProgress() + "; " + j.done() + " of " + j.partitions() + " partitions are done. Resume it: "
          + resumeCommand(j), List.of("PCI DSS 3.7.5")));
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }

  /** The {@code colseal reencrypt} command that continues {@code j}'s run. */
  static String resumeCommand(JobRuns.StaleJob j) {
    StringBuilder cmd = new StringBuilder("colseal reencrypt");
    j.tables().forEach(t -> cmd.append(" --table ").append(shellWord(t)));
    if (j.mode().equals("DECRYPT")) {
      cmd.append(" --decrypt");
    }
    return cmd.append(" --job-id ").append(shellWord(j.jobId())).append(" --resume").toString();
  }

  private static String shellWord(String s) {
    return s.matches("[A-Za-z0-9_.,:=@/+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * One UNENCRYPTED_PII per column, naming every kind found in it with its match rate and
   * confidence: HIGH when one of the kinds is legally required to be encrypted, else LOW; its
   * citations are the union of the kinds'. One PASSWORD_NOT_HASHED (HIGH) per password column whose
   * sampled values are not all recognised one-way hashes.
   */
  private void suspects(List<PiiSuspect> suspects) {
    Map<String, List<PiiSuspect>> byColumn = new LinkedHashMap<>();
    for (PiiSuspect s : suspects) {
      byColumn.computeIfAbsent(s.table() + "." + s.column(), k -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<String, List<PiiSuspect>> e : byColumn.entrySet()) {
      String subject = e.getKey();
      List<PiiSuspect> pii = e.getValue().stream().filter(s -> !s.kind().equals(PiiDetectors.PASSWORD)).toList();
      for (PiiSuspect p : e.getValue()) {
        if (p.kind().equals(PiiDetectors.PASSWORD)) {
          out.add(new Finding("PASSWORD_NOT_HASHED", Severity.HIGH, subject, subject + " looks like a password column"
              + " and " + p.matches() + " of " + p.sampled() + " sampled values are not a recognised one-way hash"
              + " (bcrypt, scrypt, argon2, PBKDF2); store passwords hashed one-way",
              subject + "은(는) 비밀번호 컬럼으로 보이며, 표본 " + p.sampled() + "개 중 " + p.matches()
                  + "개 값이 인정되는 일방향 해시(bcrypt, scrypt, argon2, PBKDF2)가 아닙니다. 비밀번호는 일방향 암호화(해시)하여"
                  + " 저장해야 합니다",
              LegalBasis.PASSWORD.citations()));
        }
      }
      if (pii.isEmpty()) {
        continue;
      }
      boolean required = pii.stream().anyMatch(s -> LegalBasis.forPiiKind(s.kind()).required());
      Set<String> citations = new LinkedHashSet<>();
      StringBuilder en = new StringBuilder();
      StringBuilder ko = new StringBuilder();
      for (PiiSuspect s : pii) {
        citations.addAll(LegalBasis.forPiiKind(s.kind()).citations());
        if (!en.isEmpty()) {
          en.append("; ");
          ko.append("; ");
        }
        en.append(s.kind()).append(" (").append(s.reason()).append(", confidence ").append(s.confidence())
            .append("): ").append(s.matches()).append(" of ").append(s.sampled()).append(" sampled values match");
        ko.append(KIND_KO.getOrDefault(s.kind(), s.kind())).append(" (").append(s.reason()).append(", 신뢰도 ").append(s.confidence())
            .append("): 표본 ").append(s.sampled()).append("개 중 ").append(s.matches()).append("개 일치");
      }
      if (required) {
        citations.remove(LegalBasis.NOT_REQUIRED);
      }
      out.add(new Finding("UNENCRYPTED_PII", required ? Severity.HIGH : Severity.LOW, subject,
          subject + " is not encrypted and looks like " + en,
          subject + "은(는) 암호화되어 있지 않으며 다음 개인정보로 보입니다: " + ko, List.copyOf(citations)));
    }
  }

  private void keys(Policy policy, List<DekEntry> deks) {
    for (DekEntry d : deks) {
      String subject = d.table() + " v" + d.version();
      if (d.flags().contains("VALIDITY_PERIOD_EXCEEDED")) {
        add("KEY_VALIDITY_PERIOD_EXCEEDED", Severity.HIGH, subject, "key " + subject + " (" + d.state()
                + ") was created " + d.ageDays() + " days ago, past the validity period " + policy.validityPeriod()
                + "; " + d.rowsWithAnyValue() + " rows (" + d.values() + " values) are under it",
            List.of("PCI DSS 3.7.4", "PCI DSS 3.7.5", "ISMS-P 2.7.2"));
      }
      if (d.flags().contains("ORIGINATOR_PERIOD_EXCEEDED")) {
        add("KEY_ORIGINATOR_PERIOD_EXCEEDED", Severity.MEDIUM, subject, "key " + subject
                + " is ACTIVE past the originator-usage period " + policy.originatorPeriod() + " (use ended "
                + d.useEndsAt() + "); rotate it",
            List.of("PCI DSS 3.7.4", "ISMS-P 2.7.2"));
      }
      if (d.flags().contains("USAGE_NEAR_CAP")) {
        add("KEY_USAGE_NEAR_CAP", Severity.LOW, subject, "key " + subject + " has " + d.encryptionsReserved()
            + " of " + d.usageCap() + " encryptions reserved", List.of());
      }
      if (d.state().equals("RETIRED") && d.values() > 0) {
        add("ROWS_ON_RETIRED_VERSION", Severity.MEDIUM, subject, d.rowsWithAnyValue() + " rows (" + d.values()
            + " values) are under RETIRED key " + subject + "; re-encrypt them", List.of("PCI DSS 3.7.5"));
      }
      if (d.state().equals("DESTROYED") && d.values() > 0) {
        add("ROWS_ON_DESTROYED_VERSION", Severity.HIGH, subject, d.rowsWithAnyValue() + " rows (" + d.values()
            + " values) are under DESTROYED key " + subject + " and can never be decrypted", List.of());
      }
      Long atRetirement = d.encryptionsAtRetirement();
      if (!d.state().equals("ACTIVE") && atRetirement != null && d.encryptionsReserved() > atRetirement) {
        add("ENCRYPTION_AFTER_RETIREMENT", Severity.HIGH, subject, "key " + subject + " had " + atRetirement
                + " encryptions reserved when it left ACTIVE and has " + d.encryptionsReserved() + " now",
            List.of("PCI DSS 3.7.5"));
      }
      if (!APPROVED_ALGORITHMS.contains(d.algorithm()) || d.strengthBits() < 128) {
        add("WEAK_ALGORITHM", Severity.HIGH, subject, "key " + subject + " uses " + d.algorithm()
            + ", not an approved AEAD of at least 128-bit strength", List.of("PCI DSS 12.3.3"));
      }
    }
  }

  private void keks(List<KekEntry> keks) {
    for (KekEntry k : keks) {
      String code = switch (k.state()) {
        case DISABLED -> "KEK_DISABLED";
        case PENDING_DELETION -> "KEK_PENDING_DELETION";
        case NOT_FOUND -> "KEK_NOT_FOUND";
        default -> null;
      };
      if (code != null && k.liveDekVersions() > 0) {
        String when = k.state() == KekState.PENDING_DELETION && k.deletionDate() != null
            ? " (deletion on " + k.deletionDate() + ")" : "";
        add(code, Severity.HIGH, k.kekId(), k.provider() + " KEK " + k.kekId() + " is " + k.state() + when
            + " while " + k.liveDekVersions() + " live data key versions depend on it", List.of("PCI DSS 3.6.1"));
      }
      if (k.environments().size() > 1) {
        add("KEK_SHARED_ACROSS_ENVIRONMENTS", Severity.HIGH, k.kekId(), k.provider() + " KEK " + k.kekId()
                + " wraps data keys of " + k.environments().size() + " environments: "
                + String.join(", ", k.environments()),
            List.of("ISMS-P 2.7.2 결함사례 3", "PCI DSS 3.6.1.1"));
      }
    }
  }

  private void columns(List<ColumnEntry> columns) {
    for (ColumnEntry c : columns) {
      String subject = c.table() + "." + c.column();
      if (c.rowsNotEncrypted() > 0) {
        add("LEFTOVER_PLAINTEXT", Severity.HIGH, subject, c.rowsNotEncrypted() + " non-NULL values of " + subject
            + " are not encrypted", LegalBasis.forClassification(c.classification()).citations());
      }
      if (c.classification().equals("PASSWORD")) {
        add("PASSWORD_ENCRYPTED", Severity.HIGH, subject, subject
            + " is classified PASSWORD: passwords must be hashed one-way, not encrypted",
            LegalBasis.PASSWORD.citations());
      }
      if (c.classification().equals("UNSPECIFIED")) {
        add("COLUMN_UNCLASSIFIED", Severity.LOW, subject, subject + " is encrypted without a classification",
            List.of());
      }
    }
  }

  private void add(String code, Severity severity, String subject, String message, List<String> references) {
    out.add(new Finding(code, severity, subject, message, references));
  }
}
