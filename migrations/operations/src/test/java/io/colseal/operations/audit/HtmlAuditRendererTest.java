package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.internal.audit.Attestations;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.Options;
import io.colseal.operations.report.AuditReport.PiiSampling;
import io.colseal.operations.report.AuditReport.Scope;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.JobRun;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.Lifecycle;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport.Source;
import io.colseal.operations.report.AuditReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTML report of a hand-built {@link AuditReport}, parsed with jsoup's HTML5 parser: its
 * sections, its two SVG charts (bars and segments counted), that nothing on the page refers to
 * anything outside it, and that operator-chosen names are escaped.
 */
class HtmlAuditRendererTest {
  /** An operator-chosen name that would run script if it were not escaped. */
  static final String CANARY = "<script>alert('canary')</script>";
  /** One that would break out of an attribute value. */
  static final String ATTRIBUTE_CANARY = "x\" onmouseover=\"alert(1)";
  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  static final Duration YEAR = Duration.ofDays(365);

  private final HtmlAuditRenderer renderer = new HtmlAuditRenderer();

  /**
   * Two tables: {@code customers} on v3 with rows left on v1 (past its validity) and v2, and three
   * plaintext values; {@code orders} on v1, ACTIVE past its originator-use period. Chart (a): 3
   * bars, 3 + 1 + 2 + 1 = 7 segments; chart (b): 4 bars.
   */
  static AuditReport report(String findingSubject, String entity) {
    Instant created1 = NOW.minus(Duration.ofDays(2_000));
    Instant created2 = NOW.minus(Duration.ofDays(500));
    Instant created3 = NOW.minus(Duration.ofDays(100));
    Instant orders1 = NOW.minus(Duration.ofDays(400));
    List<DekEntry> deks = List.of(
        dek("customers", 1, "DECRYPT_ONLY", created1, null, created1.plus(YEAR), 10, List.of("VALIDITY_PERIOD_EXCEEDED")),
        dek("customers", 2, "DECRYPT_ONLY", created2, null, created2.plus(YEAR), 300, List.of()),
        dek("customers", 3, "ACTIVE", created3, created3.plus(YEAR), null, 9_000, List.of()),
        dek("orders", 1, "ACTIVE", orders1, orders1.plus(YEAR), null, 50, List.of("ORIGINATOR_PERIOD_EXCEEDED")));
    List<ColumnEntry> columns = List.of(
        column("customers", "rrn", entity, "RESIDENT_REGISTRATION_NUMBER", 5_300, 87,
            Map.of(1, 10L, 2, 200L, 3, 5_000L), 3L, 3),
        column("customers", "card_no", "Customer", "CARD_NUMBER", 4_200, 100, Map.of(2, 100L, 3, 4_000L), 0L, 3),
        column("orders", "note", "Order", "UNSPECIFIED", 60, 10, Map.of(1, 50L), 0L, 1));
    List<Finding> findings = List.of(
        new Finding("KEY_VALIDITY_PERIOD_EXCEEDED", Severity.HIGH, "customers v1",
            "customers v1 is past its validity period with 10 rows", List.of("PCI DSS 3.7.4", "PCI DSS 3.7.5", "ISMS-P 2.7.2")),
        new Finding("LEFTOVER_PLAINTEXT", Severity.HIGH, findingSubject, "3 values are not encrypted: " + findingSubject,
            List.of("개인정보 보호법 제24조의2 ②", "개인정보의 안전성 확보조치 기준 제7조 ② 1호, ③")),
        new Finding("KEY_ORIGINATOR_PERIOD_EXCEEDED", Severity.MEDIUM, "orders v1", "ACTIVE for 400 days",
            List.of("PCI DSS 3.7.4", "ISMS-P 2.7.2")),
        new Finding("COLUMN_UNCLASSIFIED", Severity.LOW, "orders.note", "classification UNSPECIFIED", List.of()));
    return new AuditReport("1", NOW, "0.1.0-test",
        new Source("PostgreSQL", "16.4", "jdbc:postgresql://db.example:5432/app", "public", "local", "prod"),
        new Policy(YEAR, Duration.ofDays(5 * 365), 1L << 30, Duration.ofMinutes(5)),
        List.of(new KekEntry("local", "app-kek", "keystore /etc/colseal/kek.p12", "AES-256", KekState.ENABLED, null, null,
            List.of("prod"), 4, 4)),
        deks, columns,
        List.of(new PiiSuspect("members", "phone", "PHONE", "NAME_AND_VALUES", 200, 198,
            List.of("010-****-****", "so***@example.com"))),
        new Lifecycle(
            List.of(new Rotation("customers", 1, 2, created2), new Rotation("customers", 2, 3, created3)),
            List.of(new JobRun("reenc-1", 1, "REENCRYPT", "DONE", created3.plusSeconds(60), created3.plusSeconds(600), 2,
                5_000, 4_800, 0, 0)),
            List.of(new RetiredUse("customers", 1, "DECRYPT_ONLY", 200L, 200, false,
                    RetiredUse.RECORDED_ENCRYPTIONS, 2_150L, 2_190L, created2.plusSeconds(120),
                    List.of("colseal@48213@app-server-prod-03.internal #0f1e2d3c",
                        "colseal@51877@app-server-prod-04.internal #9a8b7c6d"), null, null),
                new RetiredUse("customers", 2, "DECRYPT_ONLY", 300L, 300, true,
                    RetiredUse.RECORDED_ENCRYPTIONS, 0L, 0L, null, List.of(), null, null),
                new RetiredUse("orders", 1, "DECRYPT_ONLY", 300L, 300, null,
                    RetiredUse.RECORDED_ENCRYPTIONS, 0L, 0L, created2, List.of(),
                    "colseal@48213@app-server-prod-03.internal #0f1e2d3c used this version and has not reported since"
                        + " 2026-01-01 00:00:00 UTC, not after the retirement plus its refresh interval"
                        + " (2026-01-01 00:01:00 UTC), and did not stop cleanly: it may have encrypted since without"
                        + " recording it yet, or was killed before its last flush",
                    "colseal@48213@app-server-prod-03.internal #0f1e2d3c가 이 버전을 사용했고 2026-01-01 00:00:00 UTC 이후"
                        + " 보고하지 않았습니다. 퇴역 시각에 갱신 주기를 더한 시각(2026-01-01 00:01:00 UTC)보다 늦게 보고하지도,"
                        + " 정상 종료하지도 않았으므로 그 뒤의 암호화가 아직 기록되지 않았거나 마지막 기록 전에 강제 종료되었을 수 있습니다"))),
        List.of(new AlgorithmEntry("AES-256-GCM", "column encryption", List.of("customers.rrn", "customers.card_no"), 256,
            List.of("NIST SP 800-38D"), LocalDate.parse("2026-01-15"), LocalDate.parse("2027-01-15"))),
        findings, SCOPE, attestations(deks), null, List.of(), null, "ab".repeat(32));
  }

  /** The scope of an audit of the whole database with the default options. */
  static final Scope SCOPE = new Scope(List.of("public"), List.of("customers", "members", "orders"), List.of(),
      new PiiSampling("RANDOM_ORDER", 200, "at most 200 values drawn at random", "무작위 최대 200개 값"),
      new Options(List.of(), 200, false, LocalDate.parse("2026-01-15")), false, List.of());

  /** The attestations of {@link #report}'s facts: a local keystore KEK, password from the environment. */
  static List<Attestation> attestations(List<DekEntry> deks) {
    return Attestations.derive(new Attestations.Facts(List.of(new KekEntry("local", "app-kek",
        "keystore /etc/colseal/kek.p12", "AES-256", KekState.ENABLED, null, null, List.of("prod"), 4, 4)), deks, "local",
        new Attestations.KeystoreFile("/etc/colseal/kek.p12", true, "rw-------", "colseal"), "environment", "prod",
        true, LocalDate.parse("2026-01-15")));
  }

  private static DekEntry dek(String table, int version, String state, Instant created, Instant useEnds,
      Instant retired, long rows, List<String> flags) {
    return new DekEntry(table, version, state, "AES-256-GCM", 256, "local", "app-kek", "A1B2C3", created, created,
        useEnds, created.plus(Duration.ofDays(5 * 365)), retired, null, rows * 2, 1L << 30, rows * 2.0 / (1L << 30),
        retired == null ? null : rows * 2, rows, rows, rows, List.of("rrn"), "prod", Duration.between(created, NOW).toDays(), flags);
  }

  private static ColumnEntry column(String table, String column, String entity, String classification, long total,
      long nulls, Map<Integer, Long> byVersion, long plain, Integer active) {
    return new ColumnEntry(table, column, entity, column, "String", "TEXT", "RANDOMIZED", classification, "AEAD",
        "AES-256-GCM", 96, 128, "table|column|version", total, nulls, byVersion, plain, active);
  }

  private Document render(Lang lang) {
    return Jsoup.parse(renderer.render(report("customers.rrn", "Customer"), lang));
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void render_keyVersionChart_oneBarPerColumnOneSegmentPerVersionAndPlaintext(Lang lang) {
    Element chart = render(lang).selectFirst("svg#chart-key-versions");
    assertTrue(chart != null, "no svg#chart-key-versions");
    Elements bars = chart.select("g.bar");
    assertEquals(3, bars.size());
    assertEquals(List.of(4, 2, 1), bars.stream().map(b -> b.select("rect.segment").size()).toList());
    assertEquals(List.of("v1", "v2", "v3", "plain"),
        bars.get(0).select("rect.segment").stream().map(r -> r.attr("data-part")).toList());
  }

  @Test
  void render_keyVersionChart_segmentsSplitTheBarByRows() {
    Element first = render(Lang.EN).select("svg#chart-key-versions g.bar").get(0);
    double total = first.select("rect.segment").stream().mapToDouble(r -> Double.parseDouble(r.attr("width"))).sum();
    assertEquals(560, total, 0.05);
    // v3 holds 5,000 of 5,213 non-NULL values.
    assertEquals(560 * 5_000 / 5_213.0, Double.parseDouble(first.select("rect.segment").get(2).attr("width")), 0.01);
    assertTrue(first.text().contains("not encrypted 3"), first.text());
  }

  @Test
  void render_keyVersionChart_hasALegendEntryPerVersionAndNotEncrypted() {
    Element chart = render(Lang.EN).selectFirst("svg#chart-key-versions");
    assertEquals(List.of("v1", "v2", "v3", "not encrypted"), chart.select("g.legend text").eachText());
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void render_keyAgeChart_oneBarPerDekVersionWithPeriodMarkers(Lang lang) {
    Element chart = render(lang).selectFirst("svg#chart-key-ages");
    assertTrue(chart != null, "no svg#chart-key-ages");
    Elements bars = chart.select("g.bar");
    assertEquals(4, bars.size());
    for (Element bar : bars) {
      assertEquals(1, bar.select("rect.age").size(), bar.outerHtml());
      assertEquals(1, bar.select("line.marker-validity").size(), bar.outerHtml());
    }
    // Only ACTIVE versions have an originator-use end.
    assertEquals(List.of(0, 0, 1, 1), bars.stream().map(b -> b.select("line.marker-originator").size()).toList());
  }

  @Test
  void render_keyAgeChart_highlightsOverdueVersions() {
    Elements bars = render(Lang.EN).select("svg#chart-key-ages g.bar");
    assertEquals(List.of("overdue", "ok", "ok", "warn"),
        bars.stream().map(b -> b.classNames().stream().filter(c -> !c.equals("bar")).findFirst().orElse("")).toList());
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void render_anyLanguage_refersToNothingOutsideThePage(Lang lang) {
    Document doc = render(lang);
    assertTrue(doc.select("script, link, img, iframe, object, embed, audio, video, source, base, use").isEmpty(),
        doc.select("script, link, img, iframe, object, embed, audio, video, source, base, use").outerHtml());
    for (Element e : doc.getAllElements()) {
      for (Attribute a : e.attributes()) {
        String value = a.getValue().toLowerCase(Locale.ROOT);
        assertFalse(value.contains("://") || value.startsWith("//") || value.contains("url("),
            "external reference in " + e.tagName() + " " + a.getKey() + "=" + a.getValue());
        assertFalse(List.of("src", "href", "xlink:href", "srcset", "action", "data", "poster").contains(a.getKey()),
            "no element needs a " + a.getKey() + ": " + e.tagName());
      }
    }
    String css = doc.select("style").stream().map(Element::data).reduce("", String::concat).toLowerCase(Locale.ROOT);
    assertFalse(css.isEmpty());
    assertFalse(css.contains("@import") || css.contains("url(") || css.contains("://"), css);
  }

  @Test
  void render_htmlSpecialNames_areEscapedNotInterpreted() {
    String html = renderer.render(report(CANARY, ATTRIBUTE_CANARY), Lang.EN);
    Document doc = Jsoup.parse(html);
    assertTrue(doc.select("script").isEmpty(), "the canary became a script element");
    assertFalse(html.contains(CANARY), "the canary is in the page unescaped");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;canary&#39;)&lt;/script&gt;"));
    // The text an auditor reads is the name as it is.
    assertTrue(doc.select("#findings td").eachText().contains(CANARY), doc.select("#findings").text());
    assertTrue(doc.select("[onmouseover]").isEmpty(), "the attribute canary broke out of its attribute");
    assertTrue(doc.text().contains(ATTRIBUTE_CANARY));
  }

  @Test
  void render_korean_usesKoreanLabelsAndLangKo() {
    Document doc = render(Lang.KO);
    assertEquals("ko", doc.selectFirst("html").attr("lang"));
    assertEquals("컬럼 암호화 감사 보고서", doc.selectFirst("h1").text());
    List<String> headings = doc.select("h2").eachText();
    assertTrue(headings.containsAll(List.of("요약", "발견 사항", "데이터 키 관리대장", "암호화 컬럼 목록", "암호 알고리즘 목록")),
        headings.toString());
    assertTrue(doc.select("th").eachText().containsAll(List.of("테이블", "유효 기한", "평문 행")));
    assertTrue(doc.select(".badge").eachText().contains("높음"));
    assertTrue(doc.select("#columns td").text().contains("주민등록번호"));
    assertTrue(doc.selectFirst("svg#chart-key-versions").text().contains("암호화되지 않음"));
  }

  @Test
  void render_english_usesEnglishLabelsAndLangEn() {
    Document doc = render(Lang.EN);
    assertEquals("en", doc.selectFirst("html").attr("lang"));
    assertEquals("Column encryption audit report", doc.selectFirst("h1").text());
    assertTrue(doc.select("h2").eachText().contains("Findings"));
    assertFalse(doc.text().contains("주민등록번호"), "no Korean label in the English page");
  }

  @Test
  void render_summary_countsFindingsPerSeverity() {
    Document doc = render(Lang.EN);
    List<String> counts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      counts.add(doc.selectFirst("#summary .card[data-severity=" + s.name() + "] .n").text());
    }
    assertEquals(List.of("2", "1", "1"), counts);
    assertEquals(List.of("High", "High", "Medium", "Low"), doc.select("#findings .badge").eachText());
  }

  @Test
  void render_sections_allPresentWithTheContentHash() {
    Document doc = render(Lang.EN);
    for (String id : List.of("summary", "findings", "kek-register", "key-register", "columns", "pii-suspects",
        "lifecycle", "algorithms", "attestations", "integrity")) {
      assertTrue(doc.getElementById(id) != null, "section " + id);
    }
    assertEquals("ab".repeat(32), doc.getElementById("content-sha256").text());
    assertEquals(4, doc.select("#key-register table").first().select("tbody tr").size());
    assertEquals(3, doc.select("#columns tbody tr").size());
    assertTrue(doc.select("#pii-suspects td").text().contains("so***@example.com"));
  }

  @Test
  void render_declaresUtf8() {
    Document doc = render(Lang.KO);
    assertEquals("utf-8", doc.selectFirst("meta[charset]").attr("charset"));
    assertTrue(renderer.render(report("s", "E"), Lang.KO).startsWith("<!DOCTYPE html>"));
  }

  @Test
  void render_cleanReport_saysNoFindings() {
    AuditReport r = report("s", "E");
    AuditReport clean = new AuditReport(r.formatVersion(), r.generatedAt(), r.colsealVersion(), r.source(), r.policy(),
        r.keks(), r.deks(), r.columns(), List.of(), r.lifecycle(), r.algorithms(), List.of(), r.scope(), r.attestations(),
        r.keyTableBackup(), r.protocols(), null, r.contentSha256());
    Document doc = Jsoup.parse(renderer.render(clean, Lang.EN));
    assertEquals("No findings.", doc.selectFirst("#findings p.clean").text());
    assertTrue(doc.select("#findings table").isEmpty());
  }
}
