package io.colseal.operations.audit;

import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The CSV form of the audit report (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF
 * quoted, quotes doubled): {@link #files} gives {@code summary.csv} (what the report is: its
 * {@code contentSha256}, signature and finding counts), {@code findings.csv}, {@code
 * key-register.csv}, {@code retired-use.csv} (use of each version after it left ACTIVE), {@code column-inventory.csv}, {@code pii-suspects.csv} and {@code attestations.csv}. Each file starts with
 * a UTF-8 byte order mark, without which Excel reads UTF-8 as the system code page (Korean turns into
 * mojibake). The header row carries the labels of {@code lang}; values stay as in the JSON form
 * (states and codes untranslated, empty for null), finding messages and attestations are in {@code lang},
 * times are cut to the second.
 */
public final class CsvAuditRenderer {
  /** A renderer; it holds no state and may be shared. */
  public CsvAuditRenderer() {}

  private static final List<String> KEY_FIELDS = List.of("table", "version", "state", "algorithm", "strengthBits",
      "kekProvider", "kekId", "keyCheckValue", "createdAt", "activatedAt", "useEndsAt", "validUntil", "retiredAt",
      "destroyedAt", "encryptionsReserved", "usageCap", "usageRatio", "encryptionsAtRetirement", "values", "rowsWithAnyValue",
      "rowsWithAllValues", "columns", "environment", "ageDays", "flags",
      // Part R (issue 15): custody
      "createdBy", "purposes", "movedToRetiredAt", "destroyMethod", "destroyedBy",
      // Issue 15, defect 4: whether useEndsAt and validUntil are recorded with the key
      "cryptoperiodSource");
  private static final List<String> COLUMN_FIELDS = List.of("table", "column", "entity", "attribute", "javaType",
      "storage", "mode", "classification", "method", "algorithm", "nonceBits", "tagBits", "aad", "rowsTotal",
      "rowsNull", "rowsByKeyVersion", "rowsNotEncrypted", "activeVersion");

  private static final List<String> RETIRED_USE_FIELDS = List.of("table", "version", "state",
      "encryptionsAtRetirement", "encryptionsReserved", "noEncryptionSinceRetirement", "evidenceMethod",
      "encryptionsAfterRetirement", "encryptionsPossiblyAfterRetirement", "lastEncryptionAt", "writers",
      "unknownReason");

  /** The UTF-8 byte order mark that starts each file of {@link #files}. */
  public static final String BOM = "\uFEFF";

  private static final List<String> FINDING_FIELDS = List.of("severity", "code", "subject", "message", "references");
  private static final List<String> SUSPECT_FIELDS = List.of("table", "column", "kind", "reason", "sampled", "matches",
      "maskedExamples");

  /**
   * Every file of the CSV form by name, in the order listed above, each starting with {@link #BOM}.
   * {@code summary.csv} names the report's {@code contentSha256}: the CSV files are a view of the
   * JSON report with that hash, which {@code colseal audit verify} checks.
   */
  public Map<String, String> files(AuditReport report, Lang lang) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("summary.csv", BOM + summary(report, lang));
    files.put("findings.csv", BOM + findings(report, lang));
    files.put("key-register.csv", BOM + keyRegister(report, lang));
    files.put("retired-use.csv", BOM + retiredUse(report, lang));
    files.put("column-inventory.csv", BOM + columnInventory(report, lang));
    files.put("pii-suspects.csv", BOM + piiSuspects(report, lang));
    files.put("attestations.csv", BOM + attestations(report, lang));
    return files;
  }

  /**
   * Two columns, item and value: format version, generation time, source, findings per severity,
   * the signature (when signed) and {@code contentSha256} last.
   */
  public String summary(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, List.of(Labels.header("item", lang), Labels.header("value", lang)));
    line(out, List.of(Labels.header("formatVersion", lang), report.formatVersion()));
    line(out, List.of(Labels.header("generatedAt", lang), report.generatedAt().toString()));
    line(out, List.of(Labels.header("colsealVersion", lang), report.colsealVersion()));
    line(out, List.of(Labels.header("databaseProduct", lang), report.source().databaseProduct()));
    line(out, List.of(Labels.header("jdbcUrlMasked", lang), report.source().jdbcUrlMasked()));
    for (Severity severity : Severity.values()) {
      long n = report.findings().stream().filter(f -> f.severity() == severity).count();
      line(out, List.of(Labels.header("findings", lang) + " " + Labels.severity(severity, lang), Long.toString(n)));
    }
    AuditReport.Signature g = report.signature();
    if (g != null) {
      line(out, List.of(Labels.header("signature", lang), g.provider() + " " + g.keyId() + " " + g.algorithm()));
      line(out, List.of(Labels.header("signedAt", lang), g.signedAt().toString()));
    }
    line(out, List.of(Labels.header("contentSha256", lang), report.contentSha256()));
    return out.toString();
  }

  /** One row per finding, most severe first as in the report; the message in {@code lang}. */
  public String findings(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, FINDING_FIELDS.stream().map(f -> Labels.header(f, lang)).toList());
    for (Finding f : report.findings()) {
      line(out, List.of(f.severity().name(), f.code(), f.subject(), f.message(lang == Lang.KO),
          String.join("; ", f.references())));
    }
    return out.toString();
  }

  /** One row per suspected unencrypted column; masked examples separated by {@code " | "}. */
  public String piiSuspects(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, SUSPECT_FIELDS.stream().map(f -> Labels.header(f, lang)).toList());
    for (PiiSuspect p : report.suspects()) {
      line(out, List.of(p.table(), p.column(), p.kind(), p.reason(), s(p.sampled()), s(p.matches()),
          String.join(" | ", p.maskedExamples())));
    }
    return out.toString();
  }

  /** One row per data key version. */
  public String keyRegister(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, KEY_FIELDS.stream().map(f -> Labels.header(f, lang)).toList());
    for (DekEntry d : report.deks()) {
      line(out, List.of(d.table(), s(d.version()), d.state(), d.algorithm(), s(d.strengthBits()), d.kekProvider(),
          d.kekId(), d.keyCheckValue(), s(d.createdAt()), s(d.activatedAt()), s(d.useEndsAt()), s(d.validUntil()),
          s(d.retiredAt()), s(d.destroyedAt()), s(d.encryptionsReserved()), s(d.usageCap()),
          String.format(Locale.ROOT, "%.6f", d.usageRatio()), s(d.encryptionsAtRetirement()), s(d.values()),
          s(d.rowsWithAnyValue()), s(d.rowsWithAllValues()),
          String.join(" ", d.columns()), s(d.environment()), s(d.ageDays()), String.join(" ", d.flags()),
          s(d.createdBy()), String.join(" ", d.purposes()), s(d.movedToRetiredAt()), s(d.destroyMethod()),
          s(d.destroyedBy()), d.cryptoperiodSource()));
    }
    return out.toString();
  }

  /**
   * One row per version that left ACTIVE: the reservation counters, the claim (empty when unknown),
   * how it is backed, the bounds of encryptions after retirement, the last one, the processes that
   * recorded them, and why the claim is unknown, in {@code lang}.
   */
  public String retiredUse(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, RETIRED_USE_FIELDS.stream().map(f -> Labels.header(f, lang)).toList());
    for (AuditReport.RetiredUse u : report.lifecycle().retiredUse()) {
      line(out, List.of(u.table(), s(u.version()), u.state(), s(u.encryptionsAtRetirement()), s(u.encryptionsReserved()),
          s(u.noEncryptionSinceRetirement()), u.evidenceMethod(), s(u.encryptionsAfterRetirement()),
          s(u.encryptionsPossiblyAfterRetirement()), s(u.lastEncryptionAt()), String.join(" | ", u.writers()),
          s(lang == Lang.KO ? u.reasonKo() : u.reason())));
    }
    return out.toString();
  }

  /** One row per registered encrypted column; rows per key version as {@code 1=120 2=3}. */
  public String columnInventory(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, COLUMN_FIELDS.stream().map(f -> Labels.header(f, lang)).toList());
    for (ColumnEntry c : report.columns()) {
      String byVersion = c.rowsByKeyVersion().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(" "));
      line(out, List.of(c.table(), c.column(), c.entity(), c.attribute(), c.javaType(), c.storage(), c.mode(),
          c.classification(), c.method(), c.algorithm(), s(c.nonceBits()), s(c.tagBits()), c.aad(), s(c.rowsTotal()),
          s(c.rowsNull()), byVersion, s(c.rowsNotEncrypted()), s(c.activeVersion())));
    }
    return out.toString();
  }

  /**
   * One row per attestation, as in the JSON: id, the statement in {@code lang}, its facts ({@code
   * name=value}, separated by {@code ; }) and references.
   */
  public String attestations(AuditReport report, Lang lang) {
    StringBuilder out = new StringBuilder();
    line(out, List.of(Labels.header("id", lang), Labels.header("text", lang), Labels.header("facts", lang),
        Labels.header("references", lang)));
    for (Attestation a : report.attestations()) {
      line(out, List.of(a.id(), a.text(lang == Lang.KO), a.facts().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")),
          a.references().stream().map(x -> Labels.prose(x, lang)).collect(Collectors.joining("; "))));
    }
    return out.toString();
  }

  /** Times as ISO-8601 in UTC to the second (the JSON keeps full precision). */
  private static String s(@Nullable Object o) {
    if (o instanceof Instant t) {
      return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    return o == null ? "" : o.toString();
  }

  private static void line(StringBuilder out, List<String> fields) {
    List<String> quoted = new ArrayList<>(fields.size());
    for (String f : fields) {
      quoted.add(field(f));
    }
    out.append(String.join(",", quoted)).append("\r\n");
  }

  static String field(String f) {
    if (f.indexOf(',') < 0 && f.indexOf('"') < 0 && f.indexOf('\r') < 0 && f.indexOf('\n') < 0) {
      return f;
    }
    return '"' + f.replace("\"", "\"\"") + '"';
  }
}
