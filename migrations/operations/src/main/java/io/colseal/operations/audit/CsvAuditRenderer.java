package io.colseal.operations.audit;

import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The CSV form of the audit report (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF
 * quoted, quotes doubled): the key register ({@code key-register.csv}), the column inventory
 * ({@code column-inventory.csv}) and the attestations ({@code attestations.csv}). The header row
 * carries the labels of {@code lang}; values stay as in the JSON form (states and codes
 * untranslated, empty for null), except times, which are cut to the second.
 */
public final class CsvAuditRenderer {
  /** A renderer; it holds no state and may be shared. */
  public CsvAuditRenderer() {}

  private static final List<String> KEY_FIELDS = List.of("table", "version", "state", "algorithm", "strengthBits",
      "kekProvider", "kekId", "keyCheckValue", "createdAt", "activatedAt", "useEndsAt", "validUntil", "retiredAt",
      "destroyedAt", "encryptionsReserved", "usageCap", "usageRatio", "encryptionsAtRetirement", "values", "rowsWithAnyValue",
      "rowsWithAllValues", "columns", "environment", "ageDays", "flags",
      // Part R (issue 15): custody
      "createdBy", "purposes", "movedToRetiredAt", "destroyMethod", "destroyedBy");
  private static final List<String> COLUMN_FIELDS = List.of("table", "column", "entity", "attribute", "javaType",
      "storage", "mode", "classification", "method", "algorithm", "nonceBits", "tagBits", "aad", "rowsTotal",
      "rowsNull", "rowsByKeyVersion", "rowsNotEncrypted", "activeVersion");

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
          s(d.destroyedBy())));
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
