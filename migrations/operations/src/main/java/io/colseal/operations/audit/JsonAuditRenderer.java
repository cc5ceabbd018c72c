package io.colseal.operations.audit;

import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.JsonWriter;

/**
 * The JSON form of the audit report ({@code docs/reference/audit-report.schema.json}): members in the
 * records' declaration order, two-space indentation, timestamps in ISO-8601 UTC. The same document in
 * either language: labels are for people, the JSON carries codes.
 */
public final class JsonAuditRenderer {
  /** A renderer; it holds no state and may be shared. */
  public JsonAuditRenderer() {}

  /** The JSON document, ending with a newline. */
  public String render(AuditReport report, Lang lang) {
    return canonical(report);
  }

  /**
   * The canonical JSON of {@code report}: what {@code contentSha256} is the SHA-256 (hex, of the
   * UTF-8 bytes) of, with {@code contentSha256} set to {@code ""}. To check a report, replace the
   * hash in the document by an empty string and hash the result.
   */
  public static String canonical(AuditReport report) {
    return JsonWriter.write(report);
  }
}
