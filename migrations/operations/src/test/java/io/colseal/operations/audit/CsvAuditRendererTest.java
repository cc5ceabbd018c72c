package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvAuditRendererTest {
  private final CsvAuditRenderer renderer = new CsvAuditRenderer();

  @Test
  void field_quotesPerRfc4180() {
    assertEquals("plain", CsvAuditRenderer.field("plain"));
    assertEquals("\"a,b\"", CsvAuditRenderer.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvAuditRenderer.field("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvAuditRenderer.field("two\nlines"));
  }

  @Test
  void files_areTheSixFiles_eachStartingWithAUtf8ByteOrderMark() {
    Map<String, String> files = renderer.files(HtmlAuditRendererTest.report("s", "E"), Lang.KO);
    assertEquals(List.of("summary.csv", "findings.csv", "key-register.csv", "retired-use.csv", "column-inventory.csv", "pii-suspects.csv",
        "attestations.csv"), List.copyOf(files.keySet()));
    for (Map.Entry<String, String> file : files.entrySet()) {
      byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
      assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]),
          file.getKey() + " starts with the UTF-8 byte order mark");
      assertEquals(1, file.getValue().chars().filter(c -> c == 0xFEFF).count(), file.getKey() + ": one BOM only");
    }
  }

  @Test
  void files_parseBack_oneRowPerItem_withEveryFieldOfTheReport() throws Exception {
    AuditReport report = HtmlAuditRendererTest.report("people.rrn", "E");
    Map<String, String> files = renderer.files(report, Lang.EN);

    List<CSVRecord> findings = parse(files.get("findings.csv"));
    assertEquals(List.of("Severity", "Code", "Subject", "Message", "References"), findings.get(0).toList());
    assertEquals(report.findings().size(), findings.size() - 1);
    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      assertEquals(List.of(f.severity().name(), f.code(), f.subject(), f.message(), String.join("; ", f.references())),
          findings.get(i + 1).toList());
    }

    List<CSVRecord> suspects = parse(files.get("pii-suspects.csv"));
    assertEquals(report.suspects().size(), suspects.size() - 1);
    for (int i = 0; i < report.suspects().size(); i++) {
      PiiSuspect p = report.suspects().get(i);
      assertEquals(List.of(p.table(), p.column(), p.kind(), p.reason(), Long.toString(p.sampled()),
          Long.toString(p.matches()), String.join(" | ", p.maskedExamples())), suspects.get(i + 1).toList());
    }

    assertEquals(report.deks().size(), parse(files.get("key-register.csv")).size() - 1);
    assertEquals(report.columns().size(), parse(files.get("column-inventory.csv")).size() - 1);

    List<CSVRecord> summary = parse(files.get("summary.csv"));
    CSVRecord last = summary.get(summary.size() - 1);
    assertEquals(List.of("Content SHA-256", report.contentSha256()), last.toList());
    assertTrue(summary.stream().anyMatch(r -> r.get(0).equals("Findings High")
        && r.get(1).equals(Long.toString(report.findingsAtOrAbove(AuditReport.Severity.HIGH)))), summary.toString());
  }

  @Test
  void findings_inKorean_carryTheKoreanMessageAndHeaders() throws Exception {
    AuditReport report = HtmlAuditRendererTest.report("s", "E");
    List<CSVRecord> rows = parse(renderer.files(report, Lang.KO).get("findings.csv"));
    assertEquals("심각도", rows.get(0).get(0));
    Finding first = report.findings().get(0);
    assertEquals(first.message(true), rows.get(1).get(3));
  }

  /** Parses one file as Excel and other RFC 4180 readers do: the byte order mark is not data. */
  private static List<CSVRecord> parse(String file) throws Exception {
    assertTrue(file.startsWith(CsvAuditRenderer.BOM));
    try (var parser = CSVFormat.RFC4180.parse(new StringReader(file.substring(1)))) {
      List<CSVRecord> records = parser.getRecords();
      int width = records.get(0).size();
      records.forEach(r -> assertEquals(width, r.size(), "every row has the header's width: " + r));
      return records;
    }
  }
}
