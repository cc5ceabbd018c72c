package io.colseal.operations.audit;

import static io.colseal.operations.audit.Labels.header;

import io.colseal.operations.audit.Labels.Section;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.Options;
import io.colseal.operations.report.AuditReport.PiiSampling;
import io.colseal.operations.report.AuditReport.Scope;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.JobRun;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KeyEventEntry;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport;
import java.time.Instant;
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
    scope(r);
    summary(r);
    findings(r);
    keks(r);
    kekDetails(r);
    deks(r);
    custody(r);
    columns(r);
    suspects(r);
    lifecycle(r);
    keyEvents(r);
    algorithms(r);
    protocols(r);
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
          row(header("signedAt", lang), Labels.time(g.signedAt())),
          row(header("publicKey", lang), g.publicKey()),
          row(header("signatureValue", lang), g.value())));
      out.append(SignedReports.note(lang)).append('\n').append(SignedReports.markdownTrailer(r));
    }
  }

  /** The scope, first: a partial report says so before anything else. */
  private void scope(AuditReport r) {
    Scope sc = r.scope();
    if (sc.partial()) {
      out.append("> **").append(Labels.partB("scope.partial", lang)).append("**: ")
          .append(String.format(Locale.ROOT, Labels.partB("scope.banner", lang), sc.tablesExcluded().size()))
          .append("\n\n");
    }
    if (!sc.options().schemas().isEmpty()) {
      out.append("> **").append(Labels.partB("scope.schemasOnly", lang)).append("**: ")
          .append(String.format(Locale.ROOT, Labels.partB("scope.schemasBanner", lang),
              String.join(", ", sc.options().schemas())))
          .append("\n\n");
    }
    h2(Section.SCOPE);
    PiiSampling ps = sc.piiSampling();
    table(List.of("", ""), List.of(
        row(Labels.partB("scope.schemas", lang), list(sc.schemas())),
        row(Labels.partB("scope.tablesIncluded", lang), sc.partial() ? list(sc.tablesIncluded())
            : Labels.partB("scope.all", lang) + " (" + sc.tablesIncluded().size() + ")"),
        row(Labels.partB("scope.tablesExcluded", lang), list(sc.tablesExcluded())),
        row(Labels.partB("scope.piiSampling", lang), "`" + ps.method() + "` "
            + (lang == Lang.KO ? ps.descriptionKo() : ps.description())),
        row(Labels.partB("scope.options", lang), options(sc.options())),
        row(Labels.partB("scope.partial", lang), Labels.partB(sc.partial() ? "scope.yes" : "scope.no", lang)),
        row(Labels.partB("scope.tablesNotRead", lang), list(sc.tablesNotRead()))));
  }

  private String list(List<String> items) {
    return items.isEmpty() ? Labels.partB("scope.none", lang) : String.join(", ", items);
  }

  /** The options as the command line would give them: codes, the same in both languages. */
  static String options(Options o) {
    StringBuilder b = new StringBuilder();
    o.tables().forEach(t -> b.append("`--table ").append(t).append("` "));
    if (!o.schemas().isEmpty()) {
      b.append("`--schema ").append(String.join(",", o.schemas())).append("` ");
    }
    b.append("`--pii-sample-rows ").append(o.piiSampleRows()).append('`');
    if (o.noKms()) {
      b.append(" `--no-kms`");
    }
    if (o.algorithmsReviewed() != null) {
      b.append(" `--algorithms-reviewed ").append(o.algorithmsReviewed()).append('`');
    }
    return b.toString();
  }

  private void summary(AuditReport r) {
    h2(Section.SUMMARY);
    table(List.of("", ""), List.of(
        row(header("generatedAt", lang), Labels.time(r.generatedAt())),
        row(header("colsealVersion", lang), r.colsealVersion()),
        row(header("databaseProduct", lang), r.source().databaseProduct() + " " + r.source().databaseVersion()),
        row(header("jdbcUrlMasked", lang), r.source().jdbcUrlMasked()),
        row(header("schema", lang), str(r.source().schema())),
        row(header("kmsProvider", lang), r.source().kmsProvider()),
        row(header("environment", lang), str(r.source().environment())),
        row(header("originatorPeriod", lang), Labels.duration(r.policy().originatorPeriod(), lang)),
        row(header("validityPeriod", lang), Labels.duration(r.policy().validityPeriod(), lang)),
        row(header("usageCap", lang), Long.toString(r.policy().usageCap())),
        row(header("keyCacheTtl", lang), Labels.duration(r.policy().keyCacheTtl(), lang))));
    // Issue 15, defect 4: the periods above are for new keys; each key's own ends are in the register.
    out.append(Labels.partB("cryptoperiod.policyNote", lang)).append("\n\n");
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
          f.subject(), f.message(lang == Lang.KO), references(f.references())));
    }
    table(headers("severity", "code", "subject", "message", "references"), rows);
  }

  private void keks(AuditReport r) {
    h2(Section.KEK_REGISTER);
    List<List<String>> rows = new ArrayList<>();
    for (KekEntry k : r.keks()) {
      rows.add(row(k.provider(), k.kekId(), k.location(), str(k.keySpec()), Labels.kekState(k.state(), lang),
          Labels.time(k.deletionDate()), bool(k.rotationEnabled()), String.join(", ", k.environments()),
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
          Integer.toString(d.strengthBits()), d.kekId(), d.keyCheckValue(), Labels.time(d.createdAt()),
          Labels.time(d.activatedAt()), Labels.cryptoperiodEnd(d.useEndsAt(), lang),
          Labels.cryptoperiodEnd(d.validUntil(), lang), Labels.cryptoperiodSource(d.cryptoperiodSource(), lang),
          Labels.time(d.retiredAt()), Labels.time(d.destroyedAt()), d.encryptionsReserved() + " / " + d.usageCap(),
          String.format(Locale.ROOT, "%.6f", d.usageRatio()), str(d.encryptionsAtRetirement()),
          Long.toString(d.values()), Long.toString(d.rowsWithAnyValue()),
          Long.toString(d.rowsWithAllValues()), str(d.environment()), Long.toString(d.ageDays()), String.join(", ", d.flags())));
    }
    table(headers("table", "version", "state", "algorithm", "strengthBits", "kekId", "keyCheckValue", "createdAt",
        "activatedAt", "useEndsAt", "validUntil", "cryptoperiodSource", "retiredAt", "destroyedAt", "encryptionsReserved", "usageRatio",
        "encryptionsAtRetirement", "values", "rowsWithAnyValue", "rowsWithAllValues", "environment", "ageDays", "flags"), rows);
  }

  private void columns(AuditReport r) {
    h2(Section.COLUMN_INVENTORY);
    List<List<String>> rows = new ArrayList<>();
    for (ColumnEntry c : r.columns()) {
      String byVersion = c.rowsByKeyVersion().entrySet().stream().map(e -> "v" + e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining(", "));
      rows.add(row(c.table() + "." + c.column(), c.entity() + "." + c.attribute(), c.javaType(),
          Labels.classification(c.classification(), lang), Labels.method(c.method(), lang) + " (" + c.mode() + ")",
          c.algorithm(), c.nonceBits() + " / " + c.tagBits(), Labels.aad(c.aad(), lang), Long.toString(c.rowsTotal()), Long.toString(c.rowsNull()),
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
          Long.toString(s.sampled()), Long.toString(s.matches()), percent(s.matchRate()),
          Labels.piiConfidence(s.confidence(), lang), String.join(", ", s.maskedExamples())));
    }
    table(headers("column", "kind", "reason", "sampled", "matches", "matchRate", "confidence", "maskedExamples"),
        rows);
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private void lifecycle(AuditReport r) {
    h2(Section.LIFECYCLE);
    h3(Section.ROTATIONS);
    List<List<String>> rows = new ArrayList<>();
    for (Rotation x : r.lifecycle().rotations()) {
      rows.add(row(x.table(), "v" + x.fromVersion(), "v" + x.toVersion(), Labels.time(x.at())));
    }
    table(headers("table", "fromVersion", "toVersion", "at"), rows);
    h3(Section.JOB_RUNS);
    rows = new ArrayList<>();
    for (JobRun j : r.lifecycle().jobRuns()) {
      rows.add(row(j.jobId(), Integer.toString(j.runNo()), j.mode(), j.state(), Labels.time(j.startedAt()),
          Labels.time(j.finishedAt()), Integer.toString(j.partitions()), Long.toString(j.rowsExamined()),
          Long.toString(j.rowsChanged()), Long.toString(j.conflicts()), Long.toString(j.failures())));
    }
    table(headers("jobId", "runNo", "mode", "state", "startedAt", "finishedAt", "partitions", "rowsExamined",
        "rowsChanged", "conflicts", "failures"), rows);
    h3(Section.RETIRED_USE);
    rows = new ArrayList<>();
    for (RetiredUse u : r.lifecycle().retiredUse()) {
      rows.add(row(u.table(), Integer.toString(u.version()), Labels.keyState(u.state(), lang),
          str(u.encryptionsAtRetirement()), Long.toString(u.encryptionsReserved()),
          u.noEncryptionSinceRetirement() == null ? Labels.unknown(lang) : bool(u.noEncryptionSinceRetirement()),
          Labels.evidenceMethod(u.evidenceMethod(), lang), str(u.encryptionsAfterRetirement()),
          str(u.encryptionsPossiblyAfterRetirement()), str(u.lastEncryptionAt()),
          u.writers().isEmpty() ? "-" : String.join(", ", u.writers()),
          str(lang == Lang.KO ? u.reasonKo() : u.reason())));
    }
    table(headers("table", "version", "state", "encryptionsAtRetirement", "encryptionsReserved",
        "noEncryptionSinceRetirement", "evidenceMethod", "encryptionsAfterRetirement",
        "encryptionsPossiblyAfterRetirement", "lastEncryptionAt", "writers", "unknownReason"), rows);
  }

  private void algorithms(AuditReport r) {
    h2(Section.ALGORITHMS);
    List<List<String>> rows = new ArrayList<>();
    for (AlgorithmEntry a : r.algorithms()) {
      rows.add(row(Labels.algorithmName(a.name(), lang) + Labels.providerNote(a.provider(), a.kcmvpCertificate(), lang),
          Labels.prose(a.purpose(), lang), String.join(", ", a.usedIn()),
          Integer.toString(a.strengthBits()),
          String.join("; ", a.standards()), str(a.lastReview()), str(a.nextReview())));
    }
    table(headers("name", "purpose", "usedIn", "strengthBits", "standards", "lastReview", "nextReview"), rows);
  }

  /** The report's attestations, as in the JSON: each statement with its facts and references. */
  private void attestation(AuditReport r) {
    h2(Section.ATTESTATION);
    if (r.attestations().isEmpty()) {
      out.append(lang == Lang.KO ? "없음.\n\n" : "None.\n\n");
      return;
    }
    for (Attestation a : r.attestations()) {
      out.append("- **`").append(a.id()).append("`** ").append(line(a.text(lang == Lang.KO))).append('\n');
      if (!a.facts().isEmpty()) {
        out.append("  - ").append(Labels.partB("attestation.facts", lang)).append(": ")
            .append(a.facts().entrySet().stream().map(e -> "`" + e.getKey() + "` = `" + e.getValue() + "`")
                .collect(Collectors.joining(", "))).append('\n');
      }
      if (!a.references().isEmpty()) {
        out.append("  - ").append(Labels.partB("attestation.references", lang)).append(": ")
            .append(line(references(a.references()))).append('\n');
      }
    }
    out.append('\n');
  }

  // Part R (issue 15): KEK register details, data key custody, key events, protocol inventory.
  private void kekDetails(AuditReport r) {
    h3(Section.KEK_DETAILS);
    List<List<String>> rows = new ArrayList<>();
    for (KekEntry k : r.keks()) {
      rows.add(row(k.kekId(), str(k.createdAt()), str(k.ageDays()), str(k.description()), names(k.aliases()),
          names(k.tags()),
          str(k.strengthBits()), str(k.rotationEnabled()), str(k.access())));
    }
    table(headers("kekId", "createdAt", "ageDays", "description", "aliases", "tags", "strengthBits",
        "rotationEnabled", "access"), rows);
    out.append(header("kekPeriod", lang)).append(": ").append(r.policy().kekPeriod().toDays())
        .append(lang == Lang.KO ? "일" : " days").append("\n\n");
  }

  private void custody(AuditReport r) {
    h3(Section.KEY_CUSTODY);
    List<List<String>> rows = new ArrayList<>();
    for (DekEntry d : r.deks()) {
      rows.add(row(d.table() + " v" + d.version(), str(d.createdBy()), str(d.activatedAt()), str(d.retiredAt()),
          str(d.movedToRetiredAt()), str(d.destroyedAt()), str(d.destroyMethod()), str(d.destroyedBy()),
          String.join(", ", d.columns()), d.purposes().stream().map(p -> Labels.classification(p, lang))
              .collect(Collectors.joining(", "))));
    }
    table(headers("version", "createdBy", "activatedAt", "retiredAt", "movedToRetiredAt", "destroyedAt",
        "destroyMethod", "destroyedBy", "columns", "purposes"), rows);
    out.append(header("keyTableBackup", lang)).append(": ")
        .append(r.keyTableBackup() == null ? Labels.noBackupStatement(lang) : cell(r.keyTableBackup())).append("\n\n");
  }

  private void keyEvents(AuditReport r) {
    h3(Section.KEY_EVENTS);
    List<KeyEventEntry> events = r.lifecycle().keyEvents();
    if (events == null) {
      out.append(Labels.noKeyEventHistory(lang)).append("\n\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (KeyEventEntry e : events) {
      rows.add(row(Labels.time(e.at()), e.table() + " v" + e.version(), e.event(), e.actor(), str(e.fromKekId()),
          str(e.toKekId()), str(e.detail())));
    }
    table(headers("at", "version", "event", "actor", "fromKekId", "toKekId", "detail"), rows);
  }

  private void protocols(AuditReport r) {
    h2(Section.PROTOCOLS);
    List<List<String>> rows = new ArrayList<>();
    for (ProtocolEntry p : r.protocols()) {
      rows.add(row(p.channel(), p.protocol(), p.endpoint(), p.encrypted() == null ? "-" : p.encrypted().toString(),
          p.method()));
    }
    table(headers("channel", "protocol", "endpoint", "encrypted", "howEstablished"), rows);
  }

  private String references(List<String> references) {
    return references.stream().map(x -> Labels.prose(x, lang)).collect(Collectors.joining("; "));
  }

  private static String line(String s) {
    return s.replace("\r", " ").replace("\n", " ");
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

  private String bool(@Nullable Boolean b) {
    return b == null ? "-" : Labels.partB(b ? "scope.yes" : "scope.no", lang);
  }

  /** A KMS list: unknown when it could not be read, a dash when empty. */
  private String names(@Nullable List<String> names) {
    return names == null ? Labels.unknown(lang) : names.isEmpty() ? "-" : String.join(", ", names);
  }

  private static String str(@Nullable Object o) {
    if (o instanceof Instant t) {
      return Labels.time(t); // to the second, in UTC, as every time of the report
    }
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
