package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvAuditRendererTest {
  @Test
  void field_quotesPerRfc4180() {
    assertEquals("plain", CsvAuditRenderer.field("plain"));
    assertEquals("\"a,b\"", CsvAuditRenderer.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvAuditRenderer.field("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvAuditRenderer.field("two\nlines"));
  }
}
