package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.internal.audit.Findings;
import io.colseal.operations.internal.audit.JobRuns;
import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * {@code --lang ko}: a report with every finding kind renders in Korean, finding messages and the
 * report's own prose (methods, AAD, purposes, the "not legally required" citation) included; no
 * Latin sentence is left outside codes and ids. Durations read as words in both languages, times to
 * the second in UTC.
 */
class KoreanReportTest {
  /**
   * English prose: a word followed by at least two lower-case words, one space apart ({@code data key
   * wrapping}, {@code not legally required}). Acronyms and codes ({@code PCI DSS}, {@code KEK ID KCV})
   * are not prose; codes, ids and paths are removed before matching.
   */
  private static final Pattern LATIN_SENTENCE = Pattern.compile("\\b[A-Za-z][a-z]+(?: [a-z]{2,}){2,}\\b");
  /** The report data's English phrases that must be translated in a Korean rendering. */
  private static final List<String> ENGLISH_PHRASES = List.of("AEAD encryption", "envelope header", "table name",
      "column name", "not legally required", "keyed hash", "local keystore wrap", "blind index", "data key wrapping",
      "column value encryption", "key check value");
  private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");
  private static final Instant GENERATED = Instant.parse("2026-11-29T09:00:00.123456789Z");
  private static final Policy POLICY = new Policy(Duration.ofDays(365), Duration.ofDays(1825), 1000, Duration.ofHours(1),
      Duration.ofDays(365));
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  private static final Instant T = Instant.parse("2026-01-01T00:00:00.987654321Z");

  /** A report whose findings are of every kind {@link Labels} knows. */
  static AuditReport everyFindingKind() {
    List<DekEntry> deks = List.of(
        dek("a", 1, "DECRYPT_ONLY", "AES_256_GCM", 20, 10L, 0, List.of("VALIDITY_PERIOD_EXCEEDED")),
        dek("a", 2, "ACTIVE", "AES_256_GCM", 950, null, 0, List.of("ORIGINATOR_PERIOD_EXCEEDED", "USAGE_NEAR_CAP")),
        dek("b", 1, "RETIRED", "AES_256_GCM", 10, 10L, 4, List.of()),
        dek("b", 2, "DESTROYED", "AES_256_GCM", 10, 10L, 3, List.of()),
        dek("b", 3, "DECRYPT_ONLY", "DES_CBC", 10, 10L, 0, List.of()),
        // Created before key table V0_7: no cryptoperiod recorded with it.
        new DekEntry("b", 4, "DECRYPT_ONLY", "AES_256_GCM", 256, "local", "kek1", "kcv", T, T, null, null, null, null,
            10, 1000, 0.01, 10L, 0, 0, 0, List.of("c"), null, 10, List.of("CRYPTOPERIOD_NOT_RECORDED")));
    List<KekEntry> keks = List.of(
        kek("k-disabled", KekState.DISABLED, List.of()),
        kek("k-gone", KekState.NOT_FOUND, List.of()),
        kek("k-pending", KekState.PENDING_DELETION, List.of()),
        kek("k-shared", KekState.ENABLED, List.of("dev", "prod")),
        // Older than the KEK cryptoperiod with rotation off, and weaker than the data keys it wraps.
        new KekEntry("aws-kms", "k-old", "aws-kms us-east-1 1", "RSA_2048", KekState.ENABLED, null, false, List.of(), 1,
            1, T, null, List.of(), List.of(), 112, null, 400L));
    List<ColumnEntry> columns = List.of(
        column("a", "pw", "PASSWORD", 0, "RANDOMIZED", "AEAD encryption", "envelope header | table name | column name"),
        column("a", "x", "UNSPECIFIED", 2, "DETERMINISTIC", "deterministic AEAD encryption (fixed nonce)",
            "envelope header | table name | column name"),
        column("a", "x_bidx", "UNSPECIFIED", 0, "BLIND_INDEX", "blind index of x (keyed hash, TRIM_LOWER)",
            "key a#bidx | table name | column name | normalizer | bits"));
    List<PiiSuspect> suspects = List.of(
        new PiiSuspect("p", "rrn", "RRN", "VALUES", 4, 4, List.of("900101-1******")),
        new PiiSuspect("p", "tel", "PHONE", "NAME", 0, 0, List.of()),
        new PiiSuspect("p", "password", "PASSWORD", "NAME_AND_VALUES", 10, 9, List.of("********")));
    List<AlgorithmEntry> algorithms = List.of(
        new AlgorithmEntry("AES-256-GCM", "column value encryption (AEAD)", List.of("a.pw"), 256, List.of("NIST SP 800-38D"),
            TODAY.minusMonths(13), TODAY.minusMonths(1)),
        new AlgorithmEntry("AES-256-GCM-SIV", "deterministic (searchable) column value encryption (AEAD)",
            List.of("a.x"), 256, List.of("RFC 8452"), null, null),
        new AlgorithmEntry("HKDF-SHA-256", "deterministic key of each data key version", List.of("a.x"), 256,
            List.of("RFC 5869"), null, null),
        new AlgorithmEntry("AES-256-GCM (local keystore wrap)", "data key wrapping by the KEK", List.of("kek1"), 256,
            List.of("NIST SP 800-38D"), null, null),
        new AlgorithmEntry("HMAC-SHA-256", "key check value of each data key", List.of("colseal_data_key.key_check_value"),
            256, List.of("FIPS 198-1"), null, null),
        new AlgorithmEntry("HMAC-SHA-256 (blind index)", "equality search on encrypted columns (keyed hash)",
            List.of("a.x_bidx"), 256, List.of("FIPS 198-1"), null, null));
    List<Finding> findings = Findings.withStaleJobs(Findings.derive(POLICY, keks, deks, columns, suspects,
        List.of("a", "b", "c"), algorithms, TODAY, List.of(new UnreadableKeyVersion("c", 1, "algorithm", "XYZ"))),
        List.of(new JobRuns.StaleJob("job-1", 2, "REENCRYPT", List.of("b"), 4, 1, T)));
    findings = Findings.withProtocols(findings, List.of(new ProtocolEntry("KMS", "HTTP", "http://kms.internal:4566",
        false, "the scheme of the KMS endpoint")), "prod");
    // Issue 15, defect 1: encryptions recorded after retirement, and only around it.
    findings = Findings.withRetiredUse(findings, List.of(
        new RetiredUse("a", 1, "DECRYPT_ONLY", 10L, 20, false, RetiredUse.RECORDED_ENCRYPTIONS, 2_150L, 2_190L, T,
            List.of("colseal@4711@app-3 #0f1e2d3c"), null, null),
        new RetiredUse("b", 3, "DECRYPT_ONLY", 10L, 10, null, RetiredUse.RECORDED_ENCRYPTIONS, 0L, 7L, T,
            List.of("colseal@4711@app-3 #0f1e2d3c"), "7 encryptions were recorded in periods that include the"
                + " retirement time 2026-01-01 00:00:00 UTC: they may have happened before or after it",
            "암호화 7회가 퇴역 시각 2026-01-01 00:00:00 UTC을 포함하는 기간에 기록되어 퇴역 전인지 후인지 알 수 없습니다")));
    AuditReport base = HtmlAuditRendererTest.report("x", "E");
    return new AuditReport(base.formatVersion(), GENERATED, base.colsealVersion(), base.source(), POLICY, keks, deks,
        columns, suspects, base.lifecycle(), algorithms, findings, HtmlAuditRendererTest.SCOPE,
        HtmlAuditRendererTest.attestations(deks), null, List.of(), null, "ab".repeat(32));
  }

  @Test
  void everyFindingKind_hasAKoreanMessageOfItsOwn() {
    AuditReport r = everyFindingKind();
    assertEquals(new TreeSet<>(Labels.findingCodes()),
        new TreeSet<>(r.findings().stream().map(Finding::code).toList()), "the fixture covers every finding kind");
    for (Finding f : r.findings()) {
      assertNotNull(f.messageKo(), f.code());
      assertNotEquals(f.message(), f.messageKo(), f.code());
      assertTrue(HANGUL.matcher(f.messageKo()).find(), f.code() + ": " + f.messageKo());
      assertFalse(LATIN_SENTENCE.matcher(withoutIds(f.messageKo())).find(), f.code() + ": " + f.messageKo());
    }
  }

  @Test
  void markdownKo_hasNoLatinSentenceOutsideCodes() {
    String md = new MarkdownAuditRenderer().render(everyFindingKind(), Lang.KO);
    List<String> sentences = latinSentences(withoutIds(md.replaceAll("`[^`]*`", " ")));
    assertEquals(List.of(), sentences, md);
    ENGLISH_PHRASES.forEach(p -> assertFalse(md.contains(p), p));
  }

  @Test
  void htmlKo_hasNoLatinSentenceOutsideCodes() {
    Document doc = Jsoup.parse(new HtmlAuditRenderer().render(everyFindingKind(), Lang.KO));
    doc.select("code, style").remove();
    List<String> sentences = latinSentences(withoutIds(doc.text()));
    assertEquals(List.of(), sentences, doc.text());
    ENGLISH_PHRASES.forEach(p -> assertFalse(doc.text().contains(p), p));
  }

  @Test
  void durations_readAsWords_inBothLanguages() {
    AuditReport r = everyFindingKind();
    String ko = new MarkdownAuditRenderer().render(r, Lang.KO) + Jsoup.parse(new HtmlAuditRenderer().render(r, Lang.KO)).text();
    String en = new MarkdownAuditRenderer().render(r, Lang.EN) + Jsoup.parse(new HtmlAuditRenderer().render(r, Lang.EN)).text();
    assertTrue(ko.contains("365일") && ko.contains("1825일") && ko.contains("1시간"), ko);
    assertTrue(en.contains("365 days") && en.contains("1825 days") && en.contains("1 hour"), en);
    for (String text : List.of(ko, en)) {
      assertFalse(Pattern.compile("\\bP(T?)\\d+[DHMS]").matcher(text).find(), "an ISO-8601 duration is printed");
    }
  }

  @Test
  void times_printToTheSecondInUtc_withoutNanoseconds() {
    AuditReport r = everyFindingKind();
    for (Lang lang : Lang.values()) {
      String md = new MarkdownAuditRenderer().render(r, lang);
      String html = new HtmlAuditRenderer().render(r, lang);
      for (String text : List.of(md, html, new CsvAuditRenderer().keyRegister(r, lang))) {
        assertFalse(text.contains(".123456789") || text.contains(".987654321") || text.contains(".123")
            || text.contains(".987"), "a time with fractions of a second");
      }
      assertTrue(md.contains("2026-11-29 09:00:00 UTC"), md);
      assertTrue(html.contains("2026-11-29 09:00:00 UTC"), html);
    }
  }

  @Test
  void formats_durationsAndTimes() {
    assertEquals("365 days", Labels.duration(Duration.ofDays(365), Lang.EN));
    assertEquals("365일", Labels.duration(Duration.ofDays(365), Lang.KO));
    assertEquals("1 hour", Labels.duration(Duration.ofHours(1), Lang.EN));
    assertEquals("1시간", Labels.duration(Duration.ofHours(1), Lang.KO));
    assertEquals("1 day 1 hour 30 minutes", Labels.duration(Duration.parse("PT25H30M"), Lang.EN));
    assertEquals("0 seconds", Labels.duration(Duration.ZERO, Lang.EN));
    assertEquals("2026-11-29 09:00:00 UTC", Labels.time(GENERATED));
  }

  private static List<String> latinSentences(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = LATIN_SENTENCE.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** The text without paths, URLs and identifiers with dots, dashes, underscores or hashes. */
  private static String withoutIds(String text) {
    return text.replaceAll("\\S*[/_#:.@-]\\S*", " ");
  }

  private static DekEntry dek(String table, int version, String state, String algorithm, long reserved,
      Long atRetirement, long rows, List<String> flags) {
    return new DekEntry(table, version, state, algorithm, 256, "local", "kek1", "kcv", T, T, T.plus(Duration.ofDays(365)),
        T.plus(Duration.ofDays(1825)), null, null, reserved, 1000, reserved / 1000.0, atRetirement, rows, rows, rows,
        List.of("c"), null, 10, flags);
  }

  private static ColumnEntry column(String table, String column, String classification, long plaintext, String mode,
      String method, String aad) {
    return new ColumnEntry(table, column, "E", "a", "java.lang.String", "TEXT", mode, classification, method,
        "AES-256-GCM", 96, 128, aad, 10, 0, Map.of(1, 10L), plaintext, 1);
  }

  private static KekEntry kek(String id, KekState state, List<String> environments) {
    return new KekEntry("aws-kms", id, "aws-kms us-east-1 1", "SYMMETRIC_DEFAULT", state, T, false, environments, 2, 1);
  }
}
