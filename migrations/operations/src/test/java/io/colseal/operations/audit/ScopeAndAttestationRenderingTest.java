package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.Options;
import io.colseal.operations.report.AuditReport.Scope;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scope and the attestations render from the report, the same in Markdown, HTML and CSV as in
 * the JSON: a partial report carries a banner before anything else, and every attestation's text
 * appears in every format.
 */
class ScopeAndAttestationRenderingTest {
  private static AuditReport partial() {
    AuditReport r = HtmlAuditRendererTest.report("s", "E");
    Scope s = r.scope();
    Scope filtered = new Scope(s.schemas(), List.of("customers"), List.of("members", "orders"), s.piiSampling(),
        new Options(List.of("customers"), 50, true, null, List.of("sales", "shop")), true, List.of("audit.ledger"));
    return new AuditReport(r.formatVersion(), r.generatedAt(), r.colsealVersion(), r.source(), r.policy(), r.keks(),
        r.deks(), r.columns(), r.suspects(), r.lifecycle(), r.algorithms(), r.findings(), filtered, r.attestations(),
        r.keyTableBackup(), r.protocols(), r.signature(), r.contentSha256());
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void markdown_partialReport_bannerAndScopeBeforeTheSummary(Lang lang) {
    String md = new MarkdownAuditRenderer().render(partial(), lang);
    int banner = md.indexOf("> **" + Labels.partB("scope.partial", lang) + "**");
    int summary = md.indexOf("## " + Labels.section(Labels.Section.SUMMARY, lang));
    assertTrue(banner > 0 && banner < summary, md);
    assertTrue(md.indexOf("## " + Labels.section(Labels.Section.SCOPE, lang)) < summary, md);
    assertTrue(md.contains("members, orders"), md);
    assertTrue(md.contains("| " + Labels.partB("scope.tablesNotRead", lang) + " | audit.ledger |"), md);
    assertTrue(md.contains("`--table customers`") && md.contains("`--pii-sample-rows 50`") && md.contains("`--no-kms`"),
        md);
    int schemasBanner = md.indexOf("> **" + Labels.partB("scope.schemasOnly", lang) + "**");
    assertTrue(schemasBanner > 0 && schemasBanner < summary, md);
    assertTrue(md.substring(schemasBanner).startsWith("> **" + Labels.partB("scope.schemasOnly", lang) + "**: "
        + String.format(java.util.Locale.ROOT, Labels.partB("scope.schemasBanner", lang), "sales, shop")), md);
    assertTrue(md.contains("`--schema sales,shop`"), md);
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void html_schemaOption_secondBannerAndTheOption(Lang lang) {
    Element first = Jsoup.parse(new HtmlAuditRenderer().render(partial(), lang)).selectFirst("main > section");
    assertNotNull(first);
    assertEquals(2, first.select("p.partial").size(), first.outerHtml());
    assertTrue(first.select("p.partial").get(1).text().contains("sales, shop"), first.outerHtml());
    assertTrue(first.text().contains("--schema sales,shop"), first.text());
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void html_partialReport_bannerInTheFirstSection(Lang lang) {
    Document doc = Jsoup.parse(new HtmlAuditRenderer().render(partial(), lang));
    Element first = doc.selectFirst("main > section");
    assertNotNull(first);
    assertEquals("scope", first.id());
    assertNotNull(first.selectFirst("p.partial"), first.outerHtml());
    assertTrue(first.text().contains("members, orders"), first.text());
    assertTrue(first.text().contains(Labels.partB("scope.tablesNotRead", lang) + " audit.ledger"), first.text());
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void wholeDatabase_noBanner(Lang lang) {
    AuditReport r = HtmlAuditRendererTest.report("s", "E");
    assertFalse(new MarkdownAuditRenderer().render(r, lang).contains("> **"));
    assertTrue(Jsoup.parse(new HtmlAuditRenderer().render(r, lang)).select("p.partial").isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void attestations_sameTextInEveryFormat(Lang lang) {
    AuditReport r = HtmlAuditRendererTest.report("s", "E");
    String md = new MarkdownAuditRenderer().render(r, lang);
    Document html = Jsoup.parse(new HtmlAuditRenderer().render(r, lang));
    String csv = new CsvAuditRenderer().attestations(r, lang);
    String json = new JsonAuditRenderer().render(r, lang);
    assertFalse(r.attestations().isEmpty());
    List<String> htmlTexts = html.select("#attestations li span.text").eachText();
    assertEquals(r.attestations().stream().map(a -> a.text(lang == Lang.KO)).toList(), htmlTexts);
    for (Attestation a : r.attestations()) {
      String text = a.text(lang == Lang.KO);
      assertTrue(md.contains("**`" + a.id() + "`** " + text), a.id());
      assertTrue(csv.contains(text.contains(",") || text.contains("\"") ? CsvAuditRenderer.field(text) : text), a.id());
      assertTrue(json.contains(a.text()) && json.contains(a.textKo()), a.id());
    }
  }
}
