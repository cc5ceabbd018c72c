package io.colseal.operations.internal.audit;

import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import io.colseal.operations.report.AuditReport.RetiredUse;
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
import org.jspecify.annotations.Nullable;

/** The findings of an audit report, derived from its collected data; ordered by severity, code, subject. */
public final class Findings {
  private static final Set<String> APPROVED_ALGORITHMS = Set.of("AES_256_GCM", "AES_256_GCM_SIV", "ARIA_256_GCM",
      "HMAC_SHA_256");

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity).thenComparing(Finding::code).thenComparing(Finding::subject);

  // The Korean words of codes that appear inside Korean finding messages.
  private static final Map<String, String> STATE_KO = Map.of("ACTIVE", "활성", "DECRYPT_ONLY", "복호화 전용",
      "RETIRED", "퇴역", "DESTROYED", "파기", "PENDING", "대기");
  private static final Map<KekState, String> KEK_STATE_KO = Map.of(KekState.ENABLED, "사용 가능",
      KekState.DISABLED, "비활성화", KekState.PENDING_DELETION, "삭제 예정", KekState.NOT_FOUND, "없음",
      KekState.UNKNOWN, "알 수 없음");
  private static final Map<String, String> KIND_KO = Map.of("RRN", "주민등록번호", "ALIEN_RRN", "외국인등록번호",
      "CARD_NUMBER", "신용카드번호", "BANK_ACCOUNT", "계좌번호", "PASSPORT", "여권번호", "DRIVERS_LICENSE", "운전면허번호",
      "PHONE", "전화번호", "EMAIL", "이메일 주소");
  private static final Map<String, String> REASON_KO = Map.of("NAME", "컬럼 이름", "VALUES", "값",
      "NAME_AND_VALUES", "컬럼 이름과 값", "SPLIT_COLUMNS", "두 컬럼에 나뉜 값");

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
      f.add("KEY_UNSUPPORTED", Severity.HIGH, u.table() + " v" + u.version(), u.message(),
          "데이터 키 " + u.table() + " v" + u.version() + "의 " + u.column() + " 값 '" + u.value()
              + "'을(를) 이 colseal 버전은 알지 못합니다(더 새로운 colseal이 기록한 것일 수 있음). 이 키 버전을 쓰려면 colseal을"
              + " 업그레이드하십시오. 다른 키는 영향을 받지 않습니다",
          List.of());
    }
    // One review covers the whole inventory: one finding when it is overdue, not one per algorithm.
    algorithms.stream().filter(a -> a.nextReview() != null && a.nextReview().isBefore(today)).findFirst()
        .ifPresent(a -> f.add("ALGORITHM_REVIEW_OVERDUE", Severity.MEDIUM, "algorithm inventory",
            "the algorithm inventory (" + algorithms.size() + " entries) was last reviewed on " + a.lastReview()
                + "; the yearly review was due on " + a.nextReview(),
            "암호 알고리즘 목록(" + algorithms.size() + "개 항목)의 마지막 검토일은 " + a.lastReview()
                + "이며, 연 1회 검토 기한 " + a.nextReview() + "이 지났습니다",
            List.of("PCI DSS 12.3.3")));
    f.keys(deks);
    f.keks(keks);
    f.kekRegister(policy, keks, deks);
    f.columns(columns);
    for (String table : registeredTables) {
      if (deks.stream().noneMatch(d -> d.table().equals(table) && d.state().equals("ACTIVE"))
          && unreadable.stream().noneMatch(u -> u.table().equals(table))) {
        f.add("ENCRYPTED_TABLE_WITHOUT_KEY", Severity.HIGH, table,
            "table " + table + " has registered encrypted columns but no ACTIVE data key",
            "테이블 " + table + "에 등록된 암호화 컬럼이 있으나 활성(ACTIVE) 데이터 키가 없습니다", List.of());
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
          + ReportFormat.time(j.lastProgress()) + "; " + j.done() + " of " + j.partitions()
          + " partitions are done. Resume it: " + resumeCommand(j),
          "재암호화 작업 " + j.jobId() + "(실행 " + j.runNo() + ")은 RUNNING으로 표시되어 있으나 임대(lease)를 가진 작업자가 없고 "
              + ReportFormat.time(j.lastProgress()) + " 이후 진행이 없습니다. 파티션 " + j.partitions() + "개 중 " + j.done()
              + "개 완료. 재개 명령: " + resumeCommand(j),
          List.of("PCI DSS 3.7.5")));
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }

  /**
   * {@code findings} with those of the use-after-retirement evidence: {@code ENCRYPTION_AFTER_RETIREMENT}
   * (HIGH) where the records prove encryptions after retirement, {@code
   * ENCRYPTION_AFTER_RETIREMENT_POSSIBLE} (MEDIUM) where they were recorded only in periods that
   * include the retirement time. An unknown claim without such records raises nothing: it is shown
   * as unknown, with its reason, in the lifecycle section.
   */
  public static List<Finding> withRetiredUse(List<Finding> findings, List<RetiredUse> retired) {
    List<Finding> out = new ArrayList<>(findings);
    for (RetiredUse u : retired) {
      String subject = u.table() + " v" + u.version();
      Long after = u.encryptionsAfterRetirement();
      Long possibly = u.encryptionsPossiblyAfterRetirement();
      if (after == null || possibly == null) {
        continue;
      }
      String writers = String.join(", ", u.writers());
      String last = ReportFormat.time(u.lastEncryptionAt());
      if (Boolean.FALSE.equals(u.noEncryptionSinceRetirement())) {
        out.add(new Finding("ENCRYPTION_AFTER_RETIREMENT", Severity.HIGH, subject, "key " + subject
                + " encrypted at least " + after + " and at most " + possibly + " values after it left ACTIVE (the"
                + " last no later than " + last + "), recorded by " + writers + "; re-encrypt the table and make"
                + " sure its writers follow rotations (colseal.keys.refresh-interval)",
            "키 " + subject + "는 활성(ACTIVE) 상태를 벗어난 뒤 값을 최소 " + after + "개, 최대 " + possibly + "개 암호화했습니다 (마지막"
                + " 암호화는 늦어도 " + last + "). 기록한 프로세스: " + writers + ". 테이블을 재암호화하고 쓰기 프로세스가 키 교체를"
                + " 따르는지(colseal.keys.refresh-interval) 확인하십시오",
            List.of("PCI DSS 3.7.5")));
      } else if (u.noEncryptionSinceRetirement() == null && possibly > 0) {
        out.add(new Finding("ENCRYPTION_AFTER_RETIREMENT_POSSIBLE", Severity.MEDIUM, subject, "key " + subject
                + " may have encrypted up to " + possibly + " values after it left ACTIVE: " + u.reason(),
            "키 " + subject + "는 활성(ACTIVE) 상태를 벗어난 뒤 값을 최대 " + possibly + "개 암호화했을 수 있습니다: " + u.reasonKo(),
            List.of("PCI DSS 3.7.5")));
      }
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
        ko.append(KIND_KO.getOrDefault(s.kind(), s.kind())).append(" (")
            .append(REASON_KO.getOrDefault(s.reason(), s.reason())).append(", 신뢰도 ").append(s.confidence())
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

  private void keys(List<DekEntry> deks) {
    for (DekEntry d : deks) {
      String subject = d.table() + " v" + d.version();
      // The ends compared are the key's own, recorded with it (issue 15, defect 4), never this audit's settings.
      if (d.flags().contains("VALIDITY_PERIOD_EXCEEDED")) {
        add("KEY_VALIDITY_PERIOD_EXCEEDED", Severity.HIGH, subject, "key " + subject + " (" + d.state()
                + ") is past the end of its validity period recorded with the key, " + ReportFormat.time(d.validUntil())
                + " (created " + d.ageDays() + " days ago); " + d.rowsWithAnyValue() + " rows (" + d.values()
                + " values) are under it",
            "키 " + subject + "(" + STATE_KO.getOrDefault(d.state(), d.state()) + ")는 키에 기록된 유효 기한 "
                + ReportFormat.time(d.validUntil()) + "이 지났습니다(" + d.ageDays() + "일 전 생성). 이 키로 암호화된 행 "
                + d.rowsWithAnyValue() + "개(값 " + d.values() + "개)가 있습니다",
            List.of("PCI DSS 3.7.4", "PCI DSS 3.7.5", "ISMS-P 2.7.2"));
      }
      if (d.flags().contains("ORIGINATOR_PERIOD_EXCEEDED")) {
        add("KEY_ORIGINATOR_PERIOD_EXCEEDED", Severity.MEDIUM, subject, "key " + subject
                + " is ACTIVE past the originator-usage period recorded with the key (use ended "
                + ReportFormat.time(d.useEndsAt()) + "); rotate it",
            "키 " + subject + "는 키에 기록된 암호화 사용 기간이 지났는데도 활성(ACTIVE) 상태입니다 (사용 종료 "
                + ReportFormat.time(d.useEndsAt()) + "). 키를 교체하십시오",
            List.of("PCI DSS 3.7.4", "ISMS-P 2.7.2"));
      }
      if (d.flags().contains("CRYPTOPERIOD_NOT_RECORDED")) {
        add("KEY_CRYPTOPERIOD_NOT_RECORDED", Severity.MEDIUM, subject, "key " + subject + " (" + d.state()
                + ") has no cryptoperiod recorded with it (created before key table V0_7): whether it is past its"
                + " originator-usage or validity period is unknown. Record them with colseal keys set-cryptoperiod"
                + " --table " + d.table() + " --version " + d.version()
                + " --originator-period P... --validity-period P...",
            "키 " + subject + "(" + STATE_KO.getOrDefault(d.state(), d.state()) + ")에는 암호화 사용 기간과 유효 기간이 기록되어"
                + " 있지 않습니다(키 테이블 V0_7 이전에 생성). 기간이 지났는지는 알 수 없습니다. colseal keys set-cryptoperiod"
                + " --table " + d.table() + " --version " + d.version()
                + " --originator-period P... --validity-period P... 로 기록하십시오",
            List.of("PCI DSS 3.7.4", "ISMS-P 2.7.2"));
      }
      if (d.flags().contains("USAGE_NEAR_CAP")) {
        add("KEY_USAGE_NEAR_CAP", Severity.LOW, subject, "key " + subject + " has " + d.encryptionsReserved()
            + " of " + d.usageCap() + " encryptions reserved",
            "키 " + subject + "는 사용 한도 " + d.usageCap() + "회 중 " + d.encryptionsReserved() + "회의 암호화를 예약했습니다",
            List.of());
      }
      if (d.state().equals("RETIRED") && d.values() > 0) {
        add("ROWS_ON_RETIRED_VERSION", Severity.MEDIUM, subject, d.rowsWithAnyValue() + " rows (" + d.values()
            + " values) are under RETIRED key " + subject + "; re-encrypt them",
            "퇴역(RETIRED)한 키 " + subject + "로 암호화된 행 " + d.rowsWithAnyValue() + "개(값 " + d.values()
                + "개)가 남아 있습니다. 재암호화하십시오", List.of("PCI DSS 3.7.5"));
      }
      if (d.state().equals("DESTROYED") && d.values() > 0) {
        add("ROWS_ON_DESTROYED_VERSION", Severity.HIGH, subject, d.rowsWithAnyValue() + " rows (" + d.values()
            + " values) are under DESTROYED key " + subject + " and can never be decrypted",
            "파기(DESTROYED)된 키 " + subject + "로 암호화된 행 " + d.rowsWithAnyValue() + "개(값 " + d.values()
                + "개)는 다시는 복호화할 수 없습니다", List.of());
      }
      if (!APPROVED_ALGORITHMS.contains(d.algorithm()) || d.strengthBits() < 128) {
        add("WEAK_ALGORITHM", Severity.HIGH, subject, "key " + subject + " uses " + d.algorithm()
            + ", not an approved AEAD of at least 128-bit strength",
            "키 " + subject + "는 " + d.algorithm() + "를 사용합니다. 승인된 128비트 이상 강도의 AEAD가 아닙니다",
            List.of("PCI DSS 12.3.3"));
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
            ? " (deletion on " + ReportFormat.time(k.deletionDate()) + ")" : "";
        String whenKo = k.state() == KekState.PENDING_DELETION && k.deletionDate() != null
            ? "(삭제 예정 " + ReportFormat.time(k.deletionDate()) + ")" : "";
        add(code, Severity.HIGH, k.kekId(), k.provider() + " KEK " + k.kekId() + " is " + k.state() + when
            + " while " + k.liveDekVersions() + " live data key versions depend on it",
            k.provider() + " KEK " + k.kekId() + "의 상태가 " + KEK_STATE_KO.get(k.state()) + whenKo
                + "인데 사용 중인 데이터 키 버전 " + k.liveDekVersions() + "개가 이 KEK에 의존합니다", List.of("PCI DSS 3.6.1"));
      }
      if (k.environments().size() > 1) {
        add("KEK_SHARED_ACROSS_ENVIRONMENTS", Severity.HIGH, k.kekId(), k.provider() + " KEK " + k.kekId()
                + " wraps data keys of " + k.environments().size() + " environments: "
                + String.join(", ", k.environments()),
            k.provider() + " KEK " + k.kekId() + "가 " + k.environments().size() + "개 환경의 데이터 키를 감쌉니다: "
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
            + " are not encrypted", subject + "의 NULL이 아닌 값 " + c.rowsNotEncrypted() + "개가 암호화되어 있지 않습니다",
            LegalBasis.forClassification(c.classification()).citations());
      }
      if (c.classification().equals("PASSWORD")) {
        add("PASSWORD_ENCRYPTED", Severity.HIGH, subject, subject
            + " is classified PASSWORD: passwords must be hashed one-way, not encrypted",
            subject + "은(는) 비밀번호(PASSWORD)로 분류되어 있습니다. 비밀번호는 양방향 암호화가 아니라 일방향 해시로 저장해야 합니다",
            LegalBasis.PASSWORD.citations());
      }
      if (c.classification().equals("UNSPECIFIED")) {
        add("COLUMN_UNCLASSIFIED", Severity.LOW, subject, subject + " is encrypted without a classification",
            subject + "은(는) 분류 없이 암호화되어 있습니다", List.of());
      }
    }
  }

  private void add(String code, Severity severity, String subject, String message, String messageKo,
      List<String> references) {
    out.add(new Finding(code, severity, subject, message, messageKo, references));
  }

  // Part R (issue 15): the KEK register's findings: cryptoperiod and strength of each KEK.
  /**
   * {@code KEK_CRYPTOPERIOD_EXCEEDED} (MEDIUM) for a KEK older than {@code policy.kekPeriod()} whose
   * KMS does not say that it rotates the key material automatically (off, or unknown as for a local
   * keystore), while live data keys depend on it; {@code WEAK_ALGORITHM} (HIGH) for a KEK weaker than
   * the data keys it wraps (NIST SP 800-57 Part 1: a key-wrapping key at least as strong as the keys
   * it protects).
   */
  private void kekRegister(Policy policy, List<KekEntry> keks, List<DekEntry> deks) {
    for (KekEntry k : keks) {
      Long age = k.ageDays();
      if (age != null && age > policy.kekPeriod().toDays() && !Boolean.TRUE.equals(k.rotationEnabled())
          && k.liveDekVersions() > 0) {
        String rotation = k.rotationEnabled() == null ? "unknown" : "off";
        String rotationKo = k.rotationEnabled() == null ? "알 수 없음" : "꺼짐";
        add("KEK_CRYPTOPERIOD_EXCEEDED", Severity.MEDIUM, k.kekId(), k.provider() + " KEK " + k.kekId()
                + " was created " + age + " days ago, past the KEK cryptoperiod " + policy.kekPeriod().toDays()
                + " days, and its automatic rotation is " + rotation + "; " + k.liveDekVersions()
                + " live data key versions depend on it: rotate the KEK and rewrap them",
            k.provider() + " KEK " + k.kekId() + "는 " + age + "일 전에 생성되어 KEK 암호 사용 기간 "
                + policy.kekPeriod().toDays() + "일을 넘었고 자동 교체는 " + rotationKo + " 상태입니다. 이 KEK에 "
                + "의존하는 살아 있는 데이터 키 버전 " + k.liveDekVersions() + "개: KEK를 교체하고 다시 감싸십시오",
            List.of("PCI DSS 3.6.1.1", "PCI DSS 3.7.4", "ISMS-P 2.7.2"));
      }
      Integer bits = k.strengthBits();
      int wrapped = deks.stream().filter(d -> d.kekProvider().equals(k.provider()) && d.kekId().equals(k.kekId())
          && !d.state().equals("DESTROYED")).mapToInt(DekEntry::strengthBits).max().orElse(0);
      if (bits != null && bits < wrapped) {
        add("WEAK_ALGORITHM", Severity.HIGH, k.kekId(), k.provider() + " KEK " + k.kekId() + " ("
                + k.keySpec() + ") has " + bits + "-bit security strength, less than the " + wrapped
                + "-bit data keys it wraps",
            k.provider() + " KEK " + k.kekId() + " (" + k.keySpec() + ")의 보안 강도는 " + bits + "비트로, 이 KEK가 "
                + "감싸는 " + wrapped + "비트 데이터 키보다 약합니다",
            List.of("PCI DSS 12.3.3", "NIST SP 800-57 Part 1"));
      }
    }
  }

  /**
   * {@code findings} with {@code INSECURE_KMS_ENDPOINT} (HIGH) when the KMS is reached over plain
   * HTTP, unless {@code environment} is {@code test} (a KMS emulator on the test host).
   */
  public static List<Finding> withProtocols(List<Finding> findings, List<ProtocolEntry> protocols,
      @Nullable String environment) {
    List<Finding> out = new ArrayList<>(findings);
    for (ProtocolEntry p : protocols) {
      if (p.channel().equals("KMS") && Boolean.FALSE.equals(p.encrypted()) && !"test".equals(environment)) {
        out.add(new Finding("INSECURE_KMS_ENDPOINT", Severity.HIGH, p.endpoint(), "the KMS is reached over "
            + p.protocol() + " without TLS at " + p.endpoint() + " (colseal.environment is "
            + (environment == null ? "unset" : environment) + ", not test): wrapped keys and, for GenerateDataKey"
            + " and Decrypt, plaintext data keys cross the network unencrypted",
            "KMS에 TLS 없이 " + p.protocol() + "로 접속합니다: " + p.endpoint() + " (colseal.environment: "
                + (environment == null ? "미설정" : environment) + ", test 아님). GenerateDataKey와 Decrypt의 평문 "
                + "데이터 키가 암호화되지 않은 채 네트워크를 지납니다",
            List.of("PCI DSS 4.2.1", "PCI DSS 12.3.3")));
      }
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }
}
