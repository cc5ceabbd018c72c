package io.colseal.operations.audit;

import io.colseal.kms.SigningKey;
import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.Signature;
import io.colseal.operations.report.JsonReader;
import io.colseal.operations.report.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Signing an audit report, and checking a report file: JSON, HTML or Markdown.
 *
 * <p>Design: the signature is over the report's canonical JSON ({@link
 * JsonAuditRenderer#canonical}), the bytes {@code contentSha256} hashes, so the JSON form is the
 * evidence; a signed HTML page carries that JSON in a {@code <script type="application/json"
 * id="colseal-report">} block (not executable; {@code </} and {@code <!} written as JSON escapes,
 * so no value can end the element), and signed Markdown ends with it in a fenced {@code json} block after the line {@value #MARKDOWN_MARKER}. A
 * check reads the JSON, requires it to be exactly what colseal writes for the report it describes
 * (so any added space or reordered member fails), recomputes {@code contentSha256}, and for HTML and
 * Markdown renders the report again (in English and in Korean) and requires the file to be that
 * rendering byte for byte. What remains is the signature itself, which {@link Checked#signedBytes}
 * and {@link Checked#signatureBytes} give to a {@link SigningKey} or a public key.
 *
 * <p>Stateless and thread-safe.
 */
public final class SignedReports {
  /** The line before the JSON trailer of signed Markdown. */
  public static final String MARKDOWN_MARKER = "<!-- colseal-report: the signed JSON form of this report -->";

  /** The id of the HTML {@code <script type="application/json">} element holding the JSON. */
  public static final String HTML_ID = "colseal-report";

  /** The forms a report file can have. */
  public enum Format { JSON, HTML, MARKDOWN }

  private SignedReports() {}

  /**
   * {@code report} signed with {@code key} at {@code now} (whole seconds): the signature block is
   * filled, {@code contentSha256} computed over the canonical JSON, and those same bytes signed.
   */
  public static AuditReport sign(AuditReport report, SigningKey key, Instant now) {
    Signature pending = new Signature(key.provider(), key.keyId(), key.algorithm(), now.truncatedTo(ChronoUnit.SECONDS),
        Base64.getEncoder().encodeToString(key.publicKey()), "");
    AuditReport unsigned = report.withSignature(pending).withContentSha256("");
    byte[] canonical = JsonAuditRenderer.canonical(unsigned).getBytes(StandardCharsets.UTF_8);
    String hash = HexFormat.of().formatHex(sha256(canonical));
    byte[] signature = key.sign(canonical);
    return unsigned.withContentSha256(hash)
        .withSignature(pending.withValue(Base64.getEncoder().encodeToString(signature)));
  }

  /**
   * The JSON a signed HTML page or Markdown file embeds: the JSON form, with {@code </} written as
   * {@code <\/} (the same JSON string) so that no value can close the HTML element.
   */
  static String embedded(AuditReport report) {
    // JsonWriter escapes neither / nor !, so it never writes these two escapes itself: both undo exactly.
    return JsonWriter.write(report).replace("</", "<\\/").replace("<!", "<\\u0021");
  }

  private static String unembedded(String text) {
    return text.replace("<\\u0021", "<!").replace("<\\/", "</");
  }

  /** What a signed report says about its signature, in {@code lang}. */
  static String note(Lang lang) {
    return lang == Lang.KO
        ? "전자서명은 이 보고서의 정규 JSON(JSON 형식에서 contentSha256과 서명 값을 빈 문자열로 바꾼 문서)에 대한 것입니다."
            + " colseal audit verify FILE로 검증합니다(이 파일도 가능: 서명된 JSON을 담고 있으며 그 렌더링과 정확히 같아야"
            + " 합니다). 공개키만으로 오프라인 검증하는 방법은 docs/guides/compliance-audit.md의 무결성 절을 참고하십시오."
        : "The signature covers this report's canonical JSON (its JSON form with contentSha256 and the signature"
            + " value empty). Check it with colseal audit verify FILE (this file too: it carries the signed JSON and"
            + " must be exactly its rendering), or offline with the public key alone: see the Integrity section of"
            + " docs/guides/compliance-audit.md.";
  }

  /** The Markdown trailer of a signed report: the marker and the JSON in a fence no value can close. */
  static String markdownTrailer(AuditReport report) {
    String json = embedded(report);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < json.length(); i++) {
      run = json.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return "\n" + MARKDOWN_MARKER + "\n\n" + fence + "json\n" + json + fence + "\n";
  }

  /**
   * The result of {@link #check}.
   *
   * @param report the report the file holds, null when it holds none that colseal wrote
   * @param problem why the file is not intact, null when it is
   */
  public record Checked(Format format, @Nullable AuditReport report, @Nullable String problem) {
    /** The bytes the signature is over: the canonical JSON. */
    public byte[] signedBytes() {
      return JsonAuditRenderer.canonical(java.util.Objects.requireNonNull(report)).getBytes(StandardCharsets.UTF_8);
    }

    /** The signature's bytes; empty when the value is not Base64. */
    public byte[] signatureBytes() {
      String value = java.util.Objects.requireNonNull(report).signature().value();
      try {
        byte[] bytes = Base64.getDecoder().decode(value);
        // Only the canonical encoding: the decoder ignores the unused bits of the last character.
        return Base64.getEncoder().encodeToString(bytes).equals(value) ? bytes : new byte[0];
      } catch (IllegalArgumentException e) {
        return new byte[0];
      }
    }

    /** SHA-256 (hex) of the embedded public key's DER bytes; null when unsigned or not Base64. */
    public @Nullable String publicKeySha256() {
      if (report == null || report.signature() == null) {
        return null;
      }
      try {
        return HexFormat.of().formatHex(sha256(Base64.getDecoder().decode(report.signature().publicKey())));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /**
   * Checks {@code document} (a report file as colseal wrote it) without any key: its form, that the
   * JSON is exactly what colseal writes for the report, {@code contentSha256}, and for HTML and
   * Markdown that the page is the rendering of that JSON. The signature is left to the caller.
   */
  public static Checked check(String document) {
    Format format = document.startsWith("{") ? Format.JSON
        : document.startsWith("<!DOCTYPE html>") ? Format.HTML : Format.MARKDOWN;
    String json;
    switch (format) {
      case JSON -> json = document;
      case HTML -> {
        String open = "<script type=\"application/json\" id=\"" + HTML_ID + "\">";
        int start = document.indexOf(open);
        int end = start < 0 ? -1 : document.indexOf("</script>", start);
        if (end < 0) {
          return new Checked(format, null, "the HTML page holds no signed report (no script element " + HTML_ID + ")");
        }
        json = unembedded(document.substring(start + open.length(), end));
      }
      default -> {
        int marker = document.lastIndexOf("\n" + MARKDOWN_MARKER + "\n");
        int open = marker < 0 ? -1 : document.indexOf("json\n", marker);
        if (open < 0 || !document.endsWith("\n")) {
          return new Checked(format, null, "the Markdown file holds no signed report (no " + MARKDOWN_MARKER + ")");
        }
        int fenceStart = document.lastIndexOf('\n', open) + 1;
        String fence = document.substring(fenceStart, open);
        String body = document.substring(open + "json\n".length());
        if (fence.length() < 3 || !fence.chars().allMatch(c -> c == '`') || !body.endsWith(fence + "\n")) {
          return new Checked(format, null, "the Markdown file's signed report is not closed by its fence");
        }
        json = unembedded(body.substring(0, body.length() - fence.length() - 1));
      }
    }
    AuditReport report;
    try {
      report = JsonReader.read(json, AuditReport.class);
    } catch (RuntimeException e) {
      return new Checked(format, null, "not an audit report colseal wrote: " + e.getMessage());
    }
    if (!JsonWriter.write(report).equals(json)) {
      return new Checked(format, report, "the JSON is not byte for byte what colseal writes for the report it holds"
          + " (spacing, order or escapes were changed)");
    }
    if (!JsonAuditRenderer.contentSha256(report).equals(report.contentSha256())) {
      return new Checked(format, report, "contentSha256 does not match the report's content");
    }
    if (format == Format.HTML && List.of(Lang.values()).stream()
        .noneMatch(l -> new HtmlAuditRenderer().render(report, l).equals(document))) {
      return new Checked(format, report, "the HTML page is not the rendering of the report it embeds");
    }
    if (format == Format.MARKDOWN && List.of(Lang.values()).stream()
        .noneMatch(l -> new MarkdownAuditRenderer().render(report, l).equals(document))) {
      return new Checked(format, report, "the Markdown file is not the rendering of the report it embeds");
    }
    return new Checked(format, report, null);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
