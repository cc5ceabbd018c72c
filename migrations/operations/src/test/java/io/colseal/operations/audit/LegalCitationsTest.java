package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import io.colseal.operations.internal.audit.Findings;
import io.colseal.operations.internal.audit.PiiDetectors;
import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15 defect 7: each category's finding cites the provisions that require it (guide, "Legal
 * basis per category"), in the findings and in the JSON, Markdown and HTML reports in every language;
 * none cites the Act's Article 7 ("PIPA 제7조"), and only card numbers cite PCI DSS 3.5.1.
 */
class LegalCitationsTest {
  /** The legal categories the guide's table states, by finding subject. */
  private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
      Map.entry("scan.rrn", List.of("개인정보 보호법 제24조의2 ②", "개인정보의 안전성 확보조치 기준 제7조 ② 1호, ③")),
      Map.entry("scan.passport", List.of("개인정보 보호법 제24조 ③, 시행령 제19조·제21조",
          "개인정보의 안전성 확보조치 기준 제7조 ② 2호, ③")),
      Map.entry("scan.drivers_license", List.of("개인정보 보호법 제24조 ③, 시행령 제19조·제21조",
          "개인정보의 안전성 확보조치 기준 제7조 ② 3호, ③")),
      Map.entry("scan.alien_rrn", List.of("개인정보 보호법 제24조 ③, 시행령 제19조·제21조",
          "개인정보의 안전성 확보조치 기준 제7조 ② 4호, ③")),
      Map.entry("scan.card_number", List.of("개인정보의 안전성 확보조치 기준 제7조 ② 5호", "PCI DSS v4.0.1 3.5.1")),
      Map.entry("scan.bank_account", List.of("개인정보의 안전성 확보조치 기준 제7조 ② 6호")),
      Map.entry("scan.phone", List.of("not legally required; recommended (ISMS-P 2.7.1)")),
      Map.entry("scan.email", List.of("not legally required; recommended (ISMS-P 2.7.1)")),
      Map.entry("enc.resident_registration_number",
          List.of("개인정보 보호법 제24조의2 ②", "개인정보의 안전성 확보조치 기준 제7조 ② 1호, ③")),
      Map.entry("enc.card_number", List.of("개인정보의 안전성 확보조치 기준 제7조 ② 5호", "PCI DSS v4.0.1 3.5.1")),
      Map.entry("enc.biometric", List.of("개인정보의 안전성 확보조치 기준 제7조 ① (인증정보), ② 7호")),
      Map.entry("enc.password", List.of("개인정보의 안전성 확보조치 기준 제7조 ① (일방향 암호화)")),
      Map.entry("enc.other_personal", List.of("not legally required; recommended (ISMS-P 2.7.1)")));

  /** One suspect per PII kind and one column with leftover plaintext per classification. */
  private static List<Finding> findings() {
    List<PiiSuspect> suspects = PiiDetectors.KINDS.stream()
        .map(k -> new PiiSuspect("scan", k.toLowerCase(), k, "NAME_AND_VALUES", 100, 90, List.of())).toList();
    List<ColumnEntry> columns = Arrays.stream(Classification.values())
        .map(c -> new ColumnEntry("enc", c.name().toLowerCase(), "E", "a", "java.lang.String", "TEXT", "RANDOMIZED",
            c.name(), "AEAD encryption", "AES-256-GCM", 96, 128, "aad", 10, 0, Map.of(1, 9L), 1L, 1))
        .toList();
    return Findings.derive(HtmlAuditRendererTest.report("x", "E").policy(), List.of(), List.of(), columns, suspects,
        List.of(), List.of(), LocalDate.parse("2026-11-20"));
  }

  private static AuditReport report() {
    AuditReport r = HtmlAuditRendererTest.report("x", "E");
    return new AuditReport(r.formatVersion(), r.generatedAt(), r.colsealVersion(), r.source(), r.policy(), r.keks(),
        r.deks(), r.columns(), r.suspects(), r.lifecycle(), r.algorithms(), findings(), r.scope(), r.attestations(),
        r.keyTableBackup(), r.protocols(), null, r.contentSha256());
  }

  private static List<Finding> legal(List<Finding> all) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : all) {
      if (EXPECTED.containsKey(f.subject()) && !f.code().equals("COLUMN_UNCLASSIFIED")) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void derive_eachCategory_citesItsMappedProvisions() {
    List<Finding> legal = legal(findings());
    for (String subject : EXPECTED.keySet()) {
      List<Finding> of = legal.stream().filter(f -> f.subject().equals(subject)).toList();
      assertFalse(of.isEmpty(), "no finding for " + subject);
      for (Finding f : of) {
        assertEquals(EXPECTED.get(subject), f.references(), f.code() + " " + subject);
      }
    }
  }

  @Test
  void derive_severity_highOnlyWhereALawRequiresEncryption() {
    for (Finding f : findings()) {
      if (f.code().equals("UNENCRYPTED_PII")) {
        boolean required = !EXPECTED.get(f.subject()).get(0).startsWith("not legally required");
        assertEquals(required ? Severity.HIGH : Severity.LOW, f.severity(), f.subject());
      }
    }
  }

  @Test
  void derive_noFinding_citesTheActsArticle7OrPciForNonPan() {
    for (Finding f : findings()) {
      for (String ref : f.references()) {
        assertFalse(ref.startsWith("PIPA"), f.code() + " " + f.subject() + " cites " + ref);
        assertFalse(ref.contains("3.5.1") && !f.subject().endsWith("card_number"),
            f.code() + " " + f.subject() + " cites " + ref);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void json_eachFinding_carriesItsCitations(Lang lang) {
    String json = new JsonAuditRenderer().render(report(), lang);
    assertFalse(json.contains("PIPA"), "JSON cites PIPA");
    for (Finding f : legal(report().findings())) {
      String refs = "\"references\":[" + String.join(",",
          f.references().stream().map(r -> "\"" + r + "\"").toList()) + "]";
      assertTrue(json.replaceAll("\\s", "").contains(refs.replaceAll("\\s", "")), f.subject() + ": no " + refs);
    }
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void markdown_eachFindingRow_citesItsProvisionsOnly(Lang lang) {
    String md = new MarkdownAuditRenderer().render(report(), lang);
    assertFalse(md.contains("PIPA"), "Markdown cites PIPA");
    for (Finding f : legal(report().findings())) {
      String row = md.lines().filter(l -> l.contains("`" + f.code() + "`") && l.contains("| " + f.subject() + " |"))
          .findFirst().orElseThrow(() -> new AssertionError("no Markdown row for " + f.code() + " " + f.subject()));
      assertTrue(row.endsWith("| " + String.join("; ", expected(f.subject(), lang)) + " |"), row);
    }
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void html_eachFindingRow_citesItsProvisionsOnly(Lang lang) {
    var doc = Jsoup.parse(new HtmlAuditRenderer().render(report(), lang));
    assertFalse(doc.text().contains("PIPA"), "HTML cites PIPA");
    for (Finding f : legal(report().findings())) {
      Element row = doc.select("tr.finding").stream()
          .filter(tr -> tr.child(1).text().startsWith(f.code()) && tr.child(2).text().equals(f.subject()))
          .findFirst().orElseThrow(() -> new AssertionError("no HTML row for " + f.code() + " " + f.subject()));
      assertEquals(String.join(", ", expected(f.subject(), lang)), row.child(4).text(), f.subject());
    }
  }

  /** The expected citations as rendered in {@code lang}: "not legally required" is translated, provisions are not. */
  private static List<String> expected(String subject, Lang lang) {
    return EXPECTED.get(subject).stream().map(r -> Labels.prose(r, lang)).toList();
  }
}
