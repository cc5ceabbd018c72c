package io.colseal.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.operations.audit.HtmlAuditRendererTestAccess;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void read_whatJsonWriterWrote_isTheSameReport() {
    AuditReport report = HtmlAuditRendererTestAccess.report();
    String json = JsonWriter.write(report);
    AuditReport read = JsonReader.read(json, AuditReport.class);
    assertEquals(report, read);
    assertEquals(json, JsonWriter.write(read));
  }

  @Test
  void read_missingMember_namesItsPath() {
    String json = JsonWriter.write(HtmlAuditRendererTestAccess.report()).replaceFirst("\"version\": 1,", "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonReader.read(json, AuditReport.class));
    assertEquals("$.deks[0]: member version is missing", e.getMessage());
  }

  @Test
  void read_unknownMember_isRefused() {
    String json = JsonWriter.write(HtmlAuditRendererTestAccess.report()).replaceFirst("\\{", "{\"extra\": 1, ");
    assertThrows(IllegalArgumentException.class, () -> JsonReader.read(json, AuditReport.class));
  }

  @Test
  void read_badSyntax_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> JsonReader.read("{\"a\": }", AuditReport.class));
    assertThrows(IllegalArgumentException.class, () -> JsonReader.read("{} x", AuditReport.class));
  }

  /** A hostile report file is refused as such, never by hanging, running out of memory or overflowing the stack. */
  @Test
  void read_hugeExponentOrDeepNesting_isRefusedAtOnce() {
    String json = JsonWriter.write(HtmlAuditRendererTestAccess.report()).replaceFirst("\"version\": 1,",
        "\"version\": 1e300000000,");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonReader.read(json, AuditReport.class));
    assertEquals("$.deks[0].version: not an integer in range", e.getMessage());
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThrows(IllegalArgumentException.class, () -> JsonReader.read(deep, AuditReport.class));
  }
}
