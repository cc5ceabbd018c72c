package io.colseal.benchmarks.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.colseal.operations.audit.HtmlAuditRenderer;
import io.colseal.operations.audit.JsonAuditRenderer;
import io.colseal.operations.audit.Lang;
import io.colseal.operations.audit.MarkdownAuditRenderer;
import io.colseal.operations.report.AuditReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes the sample audit report of the documentation from {@link SampleReport}: {@code
 * audit-report-sample.html} (English), {@code audit-report-sample-ko.html} (Korean) and {@code
 * audit-report-sample.md} into the directory given as the only argument. {@code
 * docs/examples/make-audit-sample.sh} runs it and takes the screenshots with headless Chromium:
 * {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.colseal.benchmarks.audit.AuditSample docs/examples}.
 */
public final class AuditSample {
  private AuditSample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: AuditSample OUTPUT_DIR");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    AuditReport unhashed = SampleReport.build();
    // The hash as colseal computes it: over the canonical JSON with the field empty.
    AuditReport report = unhashed.withContentSha256(sha256(JsonAuditRenderer.canonical(unhashed)));
    HtmlAuditRenderer html = new HtmlAuditRenderer();
    write(dir.resolve("audit-report-sample.html"), html.render(report, Lang.EN));
    write(dir.resolve("audit-report-sample-ko.html"), html.render(report, Lang.KO));
    write(dir.resolve("audit-report-sample.md"), new MarkdownAuditRenderer().render(report, Lang.EN));
    write(dir.resolve("audit-report-sample.json"), new JsonAuditRenderer().render(report, Lang.EN));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8);
    System.out.println("wrote " + file);
  }
}
