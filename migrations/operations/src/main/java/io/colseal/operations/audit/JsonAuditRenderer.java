package io.colseal.operations.audit;

import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
    return JsonWriter.write(report);
  }

  /**
   * The canonical JSON of {@code report}: its JSON form with {@code contentSha256} set to {@code ""}
   * and, when signed, the signature's {@code value} too. {@code contentSha256} is the SHA-256 (hex,
   * of the UTF-8 bytes) of it, and the signature signs the same bytes. To check a report, replace
   * those two values in the document by empty strings and hash the result.
   */
  public static String canonical(AuditReport report) {
    AuditReport emptied = report.withContentSha256("");
    if (report.signature() != null) {
      emptied = emptied.withSignature(report.signature().withValue(""));
    }
    return JsonWriter.write(emptied);
  }

  /** The {@code contentSha256} {@code report} should carry: SHA-256 (hex) of {@link #canonical}. */
  public static String contentSha256(AuditReport report) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical(report).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
