package io.colseal.operations.audit;

import static io.colseal.operations.audit.Labels.header;

import io.colseal.operations.audit.Labels.Section;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.JobRun;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Markdown form of the audit report: summary with findings per severity, findings, KEKs, data
 * key register, column inventory, PII suspects, lifecycle, algorithms, attestation notes and the
 * content hash. GitHub-flavoured tables; every cell escaped.
 */
public final class MarkdownAuditRenderer {
  /** A renderer; it holds no state and may be shared. */
  public MarkdownAuditRenderer() {}

  private final StringBuilder out = new StringBuilder();
  private Lang lang = Lang.EN;

  public String render(AuditReport report, Lang lang) {
    MarkdownAuditRenderer r = new MarkdownAuditRenderer();
    r.lang = lang;
    r.write(report);
    return r.out.toString();
  }

  private void write(AuditReport r) {
    out.append("# ").append(Labels.section(Section.TITLE, lang)).append("\n\n");
    summary(r);
    findings(r);
    keks(r);
    deks(r);
    columns(r);
    suspects(r);
    lifecycle(r);
    algorithms(r);
    attestation(r);
    h2(Section.INTEGRITY);
    out.append(lang == Lang.KO
        ? "`contentSha256`: 이 보고서의 JSON 형식에서 `contentSha256` 값을 빈 문자열로 바꾼 문서의 SHA-256.\n\n"
        : "`contentSha256`: SHA-256 of this report's JSON form with `contentSha256` set to the empty string.\n\n");
    out.append("`").append(r.contentSha256()).append("`\n");
    AuditReport.Signature g = r.signature();
    if (g != null) {
      out.append('\n');
      table(List.of(header("signature", lang), header("value", lang)), List.of(
          row(header("provider", lang), g.provider()),
          row(header("keyId", lang), g.keyId()),
          row(header("algorithm", lang), g.algorithm()),
          row(header("signedAt", lang), g.signedAt().toString()),
          row(header("publicKey", lang), g.publicKey()),
          row(header("signatureValue", lang), g.value())));
      out.append(SignedReports.note(lang)).append('\n').append(SignedReports.markdownTrailer(r));
    }
  }

  private void summary(AuditReport r) {
    h2(Section.SUMMARY);
    table(List.of("", ""), List.of(
        row(header("generatedAt", lang), r.generatedAt().toString()),
        row(header("colsealVersion", lang), r.colsealVersion()),
        row(header("databaseProduct", lang), r.source().databaseProduct() + " " + r.source().databaseVersion()),
        row(header("jdbcUrlMasked", lang), r.source().jdbcUrlMasked()),
        row(header("schema", lang), str(r.source().schema())),
        row(header("kmsProvider", lang), r.source().kmsProvider()),
        row(header("environment", lang), str(r.source().environment())),
        row(header("originatorPeriod", lang), r.policy().originatorPeriod().toString()),
        row(header("validityPeriod", lang), r.policy().validityPeriod().toString()),
        row(header("usageCap", lang), Long.toString(r.policy().usageCap())),
        row(header("keyCacheTtl", lang), r.policy().keyCacheTtl().toString())));
    List<List<String>> counts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      long n = r.findings().stream().filter(f -> f.severity() == s).count();
      counts.add(row(Labels.severity(s, lang), Long.toString(n)));
    }
    table(List.of(header("severity", lang), header("count", lang)), counts);
  }

  private void findings(AuditReport r) {
    h2(Section.FINDINGS);
    if (r.findings().isEmpty()) {
      out.append(lang == Lang.KO ? "발견 사항 없음.\n\n" : "No findings.\n\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Finding f : r.findings()) {
      rows.add(row(Labels.severity(f.severity(), lang), "`" + f.code() + "` " + Labels.finding(f.code(), lang),
          f.subject(), f.message(lang == Lang.KO), String.join("; ", f.references())));
    }
    table(headers("severity", "code", "subject", "message", "references"), rows);
  }

  private void keks(AuditReport r) {
    h2(Section.KEK_REGISTER);
    List<List<String>> rows = new ArrayList<>();
    for (KekEntry k : r.keks()) {
      rows.add(row(k.provider(), k.kekId(), k.location(), str(k.keySpec()), Labels.kekState(k.state(), lang),
          str(k.deletionDate()), str(k.rotationEnabled()), String.join(", ", k.environments()),
          Integer.toString(k.dekVersions()), Integer.toString(k.liveDekVersions())));
    }
    table(headers("provider", "kekId", "location", "keySpec", "state", "deletionDate", "rotationEnabled",
        "environments", "dekVersions", "liveDekVersions"), rows);
  }

  private void deks(AuditReport r) {
    h2(Section.KEY_REGISTER);
    List<List<String>> rows = new ArrayList<>();
    for (DekEntry d : r.deks()) {
      rows.add(row(d.table(), Integer.toString(d.version()), Labels.keyState(d.state(), lang), d.algorithm(),
          Integer.toString(d.strengthBits()), d.kekId(), d.keyCheckValue(), d.createdAt().toString(),
          str(d.activatedAt()), str(d.useEndsAt()), d.validUntil().toString(), str(d.retiredAt()),
          str(d.destroyedAt()), d.encryptionsReserved() + " / " + d.usageCap(),
          String.format(Locale.ROOT, "%.6f", d.usageRatio()), str(d.encryptionsAtRetirement()),
          Long.toString(d.values()), Long.toString(d.rowsWithAnyValue()),
          Long.toString(d.rowsWithAllValues()), str(d.environment()), Long.toString(d.ageDays()), String.join(", ", d.flags())));
    }
    table(headers("table", "version", "state", "algorithm", "strengthBits", "kekId", "keyCheckValue", "createdAt",
        "activatedAt", "useEndsAt", "validUntil", "retiredAt", "destroyedAt", "encryptionsReserved", "usageRatio",
        "encryptionsAtRetirement", "values", "rowsWithAnyValue", "rowsWithAllValues", "environment", "ageDays", "flags"), rows);
  }

  private void columns(AuditReport r) {
    h2(Section.COLUMN_INVENTORY);
    List<List<String>> rows = new ArrayList<>();
    for (ColumnEntry c : r.columns()) {
      String byVersion = c.rowsByKeyVersion().entrySet().stream().map(e -> "v" + e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining(", "));
      rows.add(row(c.table() + "." + c.column(), c.entity() + "." + c.attribute(), c.javaType(),
          Labels.classification(c.classification(), lang), c.method() + " (" + c.mode() + ")", c.algorithm(),
          c.nonceBits() + " / " + c.tagBits(), c.aad(), Long.toString(c.rowsTotal()), Long.toString(c.rowsNull()),
          byVersion, Long.toString(c.rowsNotEncrypted()), str(c.activeVersion())));
    }
    table(headers("column", "attribute", "javaType", "classification", "method", "algorithm", "nonceBits", "aad",
        "rowsTotal", "rowsNull", "rowsByKeyVersion", "rowsNotEncrypted", "activeVersion"), rows);
  }

  private void suspects(AuditReport r) {
    h2(Section.PII_SUSPECTS);
    List<List<String>> rows = new ArrayList<>();
    for (PiiSuspect s : r.suspects()) {
      rows.add(row(s.table() + "." + s.column(), Labels.piiKind(s.kind(), lang), Labels.piiReason(s.reason(), lang),
          Long.toString(s.sampled()), Long.toString(s.matches()), String.join(", ", s.maskedExamples())));
    }
    table(headers("column", "kind", "reason", "sampled", "matches", "maskedExamples"), rows);
  }

  private void lifecycle(AuditReport r) {
    h2(Section.LIFECYCLE);
    h3(Section.ROTATIONS);
    List<List<String>> rows = new ArrayList<>();
    for (Rotation x : r.lifecycle().rotations()) {
      rows.add(row(x.table(), "v" + x.fromVersion(), "v" + x.toVersion(), x.at().toString()));
    }
    table(headers("table", "fromVersion", "toVersion", "at"), rows);
    h3(Section.JOB_RUNS);
    rows = new ArrayList<>();
    for (JobRun j : r.lifecycle().jobRuns()) {
      rows.add(row(j.jobId(), Integer.toString(j.runNo()), j.mode(), j.state(), j.startedAt().toString(),
          str(j.finishedAt()), Integer.toString(j.partitions()), Long.toString(j.rowsExamined()),
          Long.toString(j.rowsChanged()), Long.toString(j.conflicts()), Long.toString(j.failures())));
    }
    table(headers("jobId", "runNo", "mode", "state", "startedAt", "finishedAt", "partitions", "rowsExamined",
        "rowsChanged", "conflicts", "failures"), rows);
    h3(Section.RETIRED_USE);
    rows = new ArrayList<>();
    for (RetiredUse u : r.lifecycle().retiredUse()) {
      rows.add(row(u.table(), Integer.toString(u.version()), Labels.keyState(u.state(), lang),
          str(u.encryptionsAtRetirement()), Long.toString(u.encryptionsReserved()),
          u.noEncryptionSinceRetirement() == null ? Labels.unknown(lang) : u.noEncryptionSinceRetirement().toString()));
    }
    table(headers("table", "version", "state", "encryptionsAtRetirement", "encryptionsReserved",
        "noEncryptionSinceRetirement"), rows);
  }

  private void algorithms(AuditReport r) {
    h2(Section.ALGORITHMS);
    List<List<String>> rows = new ArrayList<>();
    for (AlgorithmEntry a : r.algorithms()) {
      rows.add(row(a.name(), a.purpose(), String.join(", ", a.usedIn()), Integer.toString(a.strengthBits()),
          String.join("; ", a.standards()), str(a.lastReview()), str(a.nextReview())));
    }
    table(headers("name", "purpose", "usedIn", "strengthBits", "standards", "lastReview", "nextReview"), rows);
  }

  private void attestation(AuditReport r) {
    h2(Section.ATTESTATION);
    List<String> notes = lang == Lang.KO ? List.of(
        "PCI DSS 3.6.1.2: 데이터 키는 KEK로 래핑된 형태로만 키 테이블에 저장되며, KEK는 KMS(" + r.source().kmsProvider()
            + ") 또는 PKCS12 키스토어에 보관된다.",
        "PCI DSS 3.7.6: KMS 사용 시 평문 키의 수동 관리(분할 지식·이중 통제)는 해당 없음(N/A).",
        "하드코딩된 키 없음: colseal은 코드나 설정에서 키 자료를 읽지 않는다. 데이터 키는 KMS가 생성하고 래핑한다.",
        "PCI DSS 3.7.8 키 관리자 서약은 운영 조직의 절차로, 이 보고서의 범위 밖이다.",
        "알고리즘 검토일(lastReview, nextReview)은 colseal이 기록하지 않는다: 운영 조직이 기입한다.",
        "이 보고서는 데이터베이스와 KMS 메타데이터에서 생성되었으며 값은 복호화하지 않았다. 개인정보 의심 값은 마스킹된 예시만 포함한다.")
        : List.of(
        "PCI DSS 3.6.1.2: data keys are stored only wrapped by a KEK in the key table; the KEK is held in the KMS ("
            + r.source().kmsProvider() + ") or a PKCS12 keystore.",
        "PCI DSS 3.7.6: with a KMS there are no manual clear-text key-management operations (split knowledge, dual"
            + " control): N/A.",
        "No hard-coded keys: colseal never reads key material from code or configuration; data keys are generated"
            + " and wrapped by the KMS.",
        "PCI DSS 3.7.8 custodian acknowledgement is a process of the operating organisation, outside this report.",
        "Algorithm review dates (lastReview, nextReview) are not recorded by colseal: the operator fills them in.",
        "This report was generated from database and KMS metadata; no value was decrypted. PII suspects carry"
            + " masked examples only.");
    for (String n : notes) {
      out.append("- ").append(n).append('\n');
    }
    out.append('\n');
  }

  private List<String> headers(String... fields) {
    List<String> h = new ArrayList<>();
    for (String f : fields) {
      h.add(header(f, lang));
    }
    return h;
  }

  private static List<String> row(String... cells) {
    return List.of(cells);
  }

  private static String str(@Nullable Object o) {
    return o == null ? "-" : o.toString();
  }

  private void h2(Section s) {
    out.append("## ").append(Labels.section(s, lang)).append("\n\n");
  }

  private void h3(Section s) {
    out.append("### ").append(Labels.section(s, lang)).append("\n\n");
  }

  private void table(List<String> headers, List<List<String>> rows) {
    if (rows.isEmpty()) {
      out.append(lang == Lang.KO ? "없음.\n\n" : "None.\n\n");
      return;
    }
    out.append('|');
    headers.forEach(h -> out.append(' ').append(cell(h)).append(" |"));
    out.append("\n|");
    headers.forEach(h -> out.append("---|"));
    out.append('\n');
    for (List<String> row : rows) {
      out.append('|');
      row.forEach(c -> out.append(' ').append(cell(c)).append(" |"));
      out.append('\n');
    }
    out.append('\n');
  }

  /** A table cell: pipes, backslashes and line breaks escaped so a value can never break the table. */
  private static String cell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
