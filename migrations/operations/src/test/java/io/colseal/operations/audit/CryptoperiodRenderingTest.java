package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Lifecycle;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.Source;
import io.colseal.operations.report.JsonReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Each data key's cryptoperiod as recorded with it (issue 15, defect 4), in every form and both
 * languages: the recorded ends to the second, "not recorded" / "기록 없음" for a version older than
 * key table V0_7 (never a date derived from the policy), the source of each, and the policy
 * section saying its periods are for new keys.
 */
class CryptoperiodRenderingTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final Instant CREATED = Instant.parse("2025-06-01T08:00:07Z");
  private static final Instant USE_ENDS = Instant.parse("2025-07-01T08:00:07Z");
  private static final Instant VALID_UNTIL = Instant.parse("2025-08-30T08:00:07Z");

  static AuditReport report() {
    DekEntry recorded = dek(2, USE_ENDS, VALID_UNTIL);
    DekEntry old = dek(1, null, null);
    assertEquals(DekEntry.RECORDED, recorded.cryptoperiodSource());
    assertEquals(DekEntry.NOT_RECORDED, old.cryptoperiodSource());
    return new AuditReport(AuditReport.FORMAT_VERSION, NOW, "0.1.0-test",
        new Source("PostgreSQL", "16.4", "jdbc:postgresql://db:5432/shop", "public", "local", null),
        // The auditor's policy (5 years' validity) is not what the key records (90 days).
        new Policy(Duration.ofDays(365), Duration.ofDays(1825), 1L << 30, Duration.ofMinutes(5)),
        List.of(), List.of(old, recorded), List.of(), List.of(), new Lifecycle(List.of(), List.of(), List.of(),
            List.of()), List.of(), List.of(), HtmlAuditRendererTest.SCOPE, List.of(), null, List.of(), null,
        "ab".repeat(32));
  }

  private static DekEntry dek(int version, Instant useEndsAt, Instant validUntil) {
    return new DekEntry("customers", version, version == 2 ? "ACTIVE" : "DECRYPT_ONLY", "AES_256_GCM", 256, "local",
        "kek1", "kcv" + version, CREATED, CREATED, useEndsAt, validUntil, null, null, 10, 1L << 30, 0.0, null, 0, 0,
        0, List.of("email"), null, 547, List.of(), null, List.of(), null, null, null);
  }

  @Test
  void markdown_showsTheRecordedEnds_andNotRecorded_inBothLanguages() {
    String en = new MarkdownAuditRenderer().render(report(), Lang.EN);
    assertTrue(en.contains("| 2025-07-01 08:00:07 UTC | 2025-08-30 08:00:07 UTC | recorded with the key |"), en);
    assertTrue(en.contains("| not recorded | not recorded | not recorded |"), en);
    assertTrue(en.contains("Cryptoperiod source"), en);
    assertTrue(en.contains("These periods are what new key versions get"), en);
    // Never the auditor's policy applied to the key: created 2025-06-01 + 1825 days.
    assertFalse(en.contains("2030-05-31"), en);
    String ko = new MarkdownAuditRenderer().render(report(), Lang.KO);
    assertTrue(ko.contains("| 2025-07-01 08:00:07 UTC | 2025-08-30 08:00:07 UTC | 키에 기록됨 |"), ko);
    assertTrue(ko.contains("| 기록 없음 | 기록 없음 | 기록 없음 |"), ko);
    assertTrue(ko.contains("기간 출처"), ko);
    assertTrue(ko.contains("앞으로 생성되는 키 버전에 기록되는 값"), ko);
  }

  @Test
  void html_cryptoperiodTable_inBothLanguages() {
    Document en = Jsoup.parse(new HtmlAuditRenderer().render(report(), Lang.EN));
    Element table = en.select("#key-register table").get(1);
    assertEquals(List.of("Table", "Version", "State", "Use ends", "Valid until", "Cryptoperiod source"),
        table.select("thead th").eachText());
    List<String> rows = table.select("tbody tr").eachText();
    assertEquals(List.of("customers v1 DECRYPT_ONLY not recorded not recorded not recorded",
        "customers v2 ACTIVE 2025-07-01 08:00:07 UTC 2025-08-30 08:00:07 UTC recorded with the key"), rows);
    assertTrue(en.select("header .note").text().contains("These periods are what new key versions get"));
    assertFalse(en.text().contains("2030-05-31"));
    Document ko = Jsoup.parse(new HtmlAuditRenderer().render(report(), Lang.KO));
    List<String> koRows = ko.select("#key-register table").get(1).select("tbody tr").eachText();
    assertTrue(koRows.get(0).endsWith("기록 없음 기록 없음 기록 없음"), koRows.get(0));
    assertTrue(koRows.get(1).endsWith("2025-07-01 08:00:07 UTC 2025-08-30 08:00:07 UTC 키에 기록됨"), koRows.get(1));
    assertTrue(ko.select("#key-register h3").text().contains("키에 기록된 값"));
  }

  @Test
  void csv_keyRegister_carriesTheRecordedEndsAndTheirSource() {
    String en = new CsvAuditRenderer().keyRegister(report(), Lang.EN);
    String[] lines = en.split("\r?\n");
    assertTrue(lines[0].endsWith(",Cryptoperiod source"), lines[0]);
    assertTrue(lines[1].startsWith("customers,1,DECRYPT_ONLY,AES_256_GCM,256,local,kek1,kcv1,2025-06-01T08:00:07Z,"
        + "2025-06-01T08:00:07Z,,,"), lines[1]);
    assertTrue(lines[1].endsWith(",NOT_RECORDED"), lines[1]);
    assertTrue(lines[2].contains(",2025-07-01T08:00:07Z,2025-08-30T08:00:07Z,"), lines[2]);
    assertTrue(lines[2].endsWith(",RECORDED"), lines[2]);
    assertTrue(new CsvAuditRenderer().keyRegister(report(), Lang.KO).split("\r?\n")[0].endsWith(",기간 출처"));
  }

  @Test
  void json_carriesNullEndsAndTheSource_andReadsBack() {
    AuditReport r = report();
    String json = new JsonAuditRenderer().render(r, Lang.EN);
    assertTrue(json.contains("\"useEndsAt\": null,\n      \"validUntil\": null,"), json);
    assertTrue(json.contains("\"cryptoperiodSource\": \"NOT_RECORDED\""), json);
    assertTrue(json.contains("\"validUntil\": \"2025-08-30T08:00:07Z\""), json);
    assertTrue(json.contains("\"cryptoperiodSource\": \"RECORDED\""), json);
    assertEquals(r, JsonReader.read(json, AuditReport.class));
  }
}
