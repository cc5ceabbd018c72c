package io.colseal.operations.audit;

import static io.colseal.operations.audit.Html.count;
import static io.colseal.operations.audit.Html.date;
import static io.colseal.operations.audit.Html.esc;
import static io.colseal.operations.audit.Html.percent;
import static io.colseal.operations.audit.Html.time;

import io.colseal.operations.audit.Labels.Section;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.PiiSampling;
import io.colseal.operations.report.AuditReport.Scope;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.JobRun;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KeyEventEntry;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The audit report as one self-contained HTML5 page, for an auditor's browser or a PDF printer:
 * inline CSS, two inline SVG charts, no executable script and no external resource of any kind, so
 * the file can be archived as evidence and opened offline. Every string from the report is escaped.
 * A signed report also carries its JSON form in a {@code <script type="application/json">} element,
 * which browsers do not run ({@link SignedReports}).
 *
 * <p>Sections: summary (findings per severity), findings, key register (KEKs, data-key versions,
 * the key-age chart), column inventory (with the rows-per-key-version chart), suspected
 * unencrypted personal data (masked examples only), lifecycle, algorithm inventory, attestations,
 * and the report's content hash. Labels come from {@link Labels} in the requested {@link Lang}.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlAuditRenderer {
  /** A renderer; it holds no state and may be shared. */
  public HtmlAuditRenderer() {}

  /** The report as an HTML page in {@code lang}. */
  public String render(AuditReport report, Lang lang) {
    Page p = new Page(report, lang);
    return p.render();
  }

  /** One rendering: the report, the language and the page being written. */
  private static final class Page {
    private final AuditReport r;
    private final Lang lang;
    private final HtmlText t;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    Page(AuditReport r, Lang lang) {
      this.r = r;
      this.lang = lang;
      this.t = HtmlText.of(lang);
    }

    private String h(String field) {
      return Labels.header(field, lang);
    }

    private String s(Section section) {
      return Labels.section(section, lang);
    }

    String render() {
      out.append("<!DOCTYPE html>\n<html lang=\"").append(lang.tag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<meta name=\"generator\" content=\"colseal ").append(esc(r.colsealVersion())).append("\">\n")
          .append("<title>").append(esc(s(Section.TITLE))).append(" · ").append(esc(time(r.generatedAt()))).append("</title>\n")
          .append("<style>\n").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
      header();
      scope();
      summary();
      findings();
      keyRegister();
      registerDetails();
      columns();
      suspects();
      lifecycle();
      keyEvents();
      algorithms();
      protocols();
      attestations();
      integrity();
      out.append("</main>\n</body>\n</html>\n");
      return out.toString();
    }

    private void header() {
      out.append("<header>\n<h1>").append(esc(s(Section.TITLE))).append("</h1>\n<dl class=\"meta\">\n");
      var s = r.source();
      def(h("generatedAt"), time(r.generatedAt()));
      def(h("colsealVersion"), r.colsealVersion() + " · " + Labels.partB("word.format", lang) + " " + r.formatVersion());
      def(h("databaseProduct"), s.databaseProduct() + " " + s.databaseVersion());
      def(h("jdbcUrlMasked"), s.jdbcUrlMasked());
      if (s.schema() != null) {
        def(h("schema"), s.schema());
      }
      def(h("kmsProvider"), s.kmsProvider());
      if (s.environment() != null) {
        def(h("environment"), s.environment());
      }
      var p = r.policy();
      def(h("originatorPeriod"), days(p.originatorPeriod()));
      def(h("validityPeriod"), days(p.validityPeriod()));
      def(h("usageCap"), count(p.usageCap()));
      def(h("keyCacheTtl"), Labels.duration(p.keyCacheTtl(), lang));
      out.append("</dl>\n");
      // Issue 15, defect 4: the periods above are for new keys; each key's own ends are in the register.
      out.append("<p class=\"note\">").append(esc(Labels.partB("cryptoperiod.policyNote", lang))).append("</p>\n");
      out.append("</header>\n");
    }

    private String days(Duration d) {
      return Labels.duration(d, lang);
    }

    /** The scope, on the first screen: a banner when tables were left out, then what was covered. */
    private void scope() {
      Scope sc = r.scope();
      section("scope", s(Section.SCOPE));
      if (sc.partial()) {
        out.append("<p class=\"partial\" role=\"alert\"><strong>").append(esc(Labels.partB("scope.partial", lang)))
            .append("</strong> ").append(esc(String.format(java.util.Locale.ROOT, Labels.partB("scope.banner", lang),
                sc.tablesExcluded().size()))).append("</p>\n");
      }
      if (!sc.options().schemas().isEmpty()) {
        out.append("<p class=\"partial\" role=\"alert\"><strong>").append(esc(Labels.partB("scope.schemasOnly", lang)))
            .append("</strong> ").append(esc(String.format(java.util.Locale.ROOT, Labels.partB("scope.schemasBanner",
                lang), String.join(", ", sc.options().schemas())))).append("</p>\n");
      }
      out.append("<dl class=\"meta\">\n");
      def(Labels.partB("scope.schemas", lang), list(sc.schemas()));
      def(Labels.partB("scope.tablesIncluded", lang), sc.partial() ? list(sc.tablesIncluded())
          : Labels.partB("scope.all", lang) + " (" + sc.tablesIncluded().size() + ")");
      def(Labels.partB("scope.tablesExcluded", lang), list(sc.tablesExcluded()));
      PiiSampling ps = sc.piiSampling();
      def(Labels.partB("scope.piiSampling", lang), ps.method() + " · " + (lang == Lang.KO ? ps.descriptionKo()
          : ps.description()));
      def(Labels.partB("scope.options", lang), MarkdownAuditRenderer.options(sc.options()).replace("`", ""));
      def(Labels.partB("scope.partial", lang), Labels.partB(sc.partial() ? "scope.yes" : "scope.no", lang));
      def(Labels.partB("scope.tablesNotRead", lang), list(sc.tablesNotRead()));
      out.append("</dl>\n</section>\n");
    }

    private String list(List<String> items) {
      return items.isEmpty() ? Labels.partB("scope.none", lang) : String.join(", ", items);
    }

    private void def(String term, String value) {
      out.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private void summary() {
      section("summary", s(Section.SUMMARY));
      out.append("<div class=\"cards\">\n");
      for (Severity s : Severity.values()) {
        long n = r.findings().stream().filter(f -> f.severity() == s).count();
        out.append("<div class=\"card sev-").append(s.name().toLowerCase(java.util.Locale.ROOT))
            .append(n == 0 ? " zero" : "").append("\" data-severity=\"").append(s.name()).append("\"><span class=\"n\">")
            .append(n).append("</span><span class=\"what\">").append(esc(Labels.severity(s, lang))).append("</span></div>\n");
      }
      out.append("</div>\n<p class=\"counts\">").append(esc(s(Section.KEY_REGISTER))).append(": ")
          .append(r.keks().size()).append(" KEK · ").append(r.deks().size()).append(" DEK · ")
          .append(esc(s(Section.COLUMN_INVENTORY))).append(": ").append(r.columns().size()).append("</p>\n</section>\n");
    }

    private void findings() {
      section("findings", s(Section.FINDINGS));
      if (r.findings().isEmpty()) {
        out.append("<p class=\"clean\">").append(esc(t.get("findingsNone"))).append("</p>\n</section>\n");
        return;
      }
      table(List.of(h("severity"), h("code"), h("subject"), h("message"), h("references")));
      for (Finding f : r.findings()) {
        out.append("<tr class=\"finding\">");
        out.append("<td>").append(badge(f.severity())).append("</td>");
        out.append("<td><code>").append(esc(f.code())).append("</code><br><span class=\"sub\">")
            .append(esc(Labels.finding(f.code(), lang))).append("</span></td>");
        cell(f.subject());
        cell(f.message(lang == Lang.KO));
        cell(references(f.references()));
        out.append("</tr>\n");
      }
      endTable();
      out.append("</section>\n");
    }

    private String badge(Severity s) {
      return "<span class=\"badge sev-" + s.name().toLowerCase(java.util.Locale.ROOT) + "\">"
          + esc(Labels.severity(s, lang)) + "</span>";
    }

    private void keyRegister() {
      section("kek-register", s(Section.KEK_REGISTER));
      table(List.of(h("provider"), h("kekId"), h("location"), h("keySpec"), h("state"),
          h("rotationEnabled"), h("environments"), h("dekVersions")));
      for (KekEntry k : r.keks()) {
        out.append("<tr>");
        cell(k.provider());
        out.append("<td><code>").append(esc(k.kekId())).append("</code></td>");
        cell(k.location());
        cell(k.keySpec() == null ? "—" : k.keySpec());
        out.append("<td class=\"state-").append(esc(k.state().name())).append("\">")
            .append(esc(state(k.state().name(), Labels.kekState(k.state(), lang))))
            .append(k.deletionDate() == null ? "" : " (" + esc(time(k.deletionDate())) + ")").append("</td>");
        cell(k.rotationEnabled() == null ? "—" : Labels.partB(k.rotationEnabled() ? "scope.yes" : "scope.no", lang));
        cell(k.environments().isEmpty() ? "—" : String.join(", ", k.environments()));
        cell(k.liveDekVersions() + " / " + k.dekVersions());
        out.append("</tr>\n");
      }
      endTable();
      out.append("</section>\n");
      section("key-register", s(Section.KEY_REGISTER));
      table(List.of(h("table"), h("version"), h("state"), h("algorithm"), h("kekId"), "KCV",
          h("createdAt"), h("retiredAt"), h("encryptionsReserved"),
          h("values"), h("rowsWithAnyValue"), h("rowsWithAllValues"), h("environment"), h("flags")));
      for (DekEntry d : r.deks()) {
        out.append("<tr>");
        cell(d.table());
        cell("v" + d.version());
        cell(state(d.state(), Labels.keyState(d.state(), lang)));
        out.append("<td><span class=\"nw\">").append(esc(d.algorithm())).append("</span> (")
            .append(d.strengthBits()).append(' ').append(esc(Labels.partB("word.bits", lang))).append(")</td>");
        out.append("<td title=\"").append(esc(d.kekId())).append("\"><code>").append(esc(shortKek(d.kekId())))
            .append("</code></td>");
        out.append("<td><code>").append(esc(d.keyCheckValue())).append("</code></td>");
        dateCell(d.createdAt());
        if (d.destroyedAt() != null) {
          out.append("<td title=\"").append(esc(time(d.destroyedAt()))).append("\">")
              .append(esc(day(d.destroyedAt()) + " (DESTROYED)")).append("</td>");
        } else {
          dateCell(d.retiredAt());
        }
        out.append("<td class=\"num\">").append(count(d.encryptionsReserved())).append("<br><span class=\"sub\">")
            .append(esc(percent(d.usageRatio()) + " /")).append(' ').append(esc(count(d.usageCap()))).append("</span></td>");
        numberCell(d.values());
        numberCell(d.rowsWithAnyValue());
        numberCell(d.rowsWithAllValues());
        cell(d.environment() == null ? "—" : d.environment());
        out.append("<td>");
        for (int i = 0; i < d.flags().size(); i++) {
          out.append(i == 0 ? "" : ",<br>").append(esc(d.flags().get(i)).replace("_", "_<wbr>"));
        }
        out.append("</td>");
        out.append("</tr>\n");
      }
      endTable();
      cryptoperiods();
      out.append("<figure>").append(AuditCharts.keyAges(r.deks(), r.generatedAt(), t)).append("<figcaption>")
          .append(esc(t.get("chart.keyAges"))).append("</figcaption></figure>\n</section>\n");
    }

    private void columns() {
      section("columns", s(Section.COLUMN_INVENTORY));
      table(List.of(h("column"), h("attribute"), h("classification"), h("method"),
          h("algorithm"), "AAD", h("rowsTotal"), "NULL", h("rowsByKeyVersion"), h("rowsNotEncrypted"),
          h("activeVersion")));
      for (ColumnEntry c : r.columns()) {
        out.append("<tr>");
        out.append("<td><code>").append(esc(c.table() + "." + c.column())).append("</code></td>");
        cell(c.entity() + "." + c.attribute() + " : " + c.javaType());
        out.append("<td>").append(esc(c.classification())).append("<br><span class=\"sub\">")
            .append(esc(Labels.classification(c.classification(), lang))).append("</span></td>");
        cell(Labels.method(c.method(), lang) + " · " + c.mode() + " · " + c.storage());
        cell(c.algorithm() + " · " + Labels.partB("word.nonce", lang) + " " + c.nonceBits() + " · "
            + Labels.partB("word.tag", lang) + " " + c.tagBits());
        cell(Labels.aad(c.aad(), lang));
        numberCell(c.rowsTotal());
        numberCell(c.rowsNull());
        StringBuilder byVersion = new StringBuilder();
        for (Map.Entry<Integer, Long> e : new TreeMap<>(c.rowsByKeyVersion()).entrySet()) {
          byVersion.append(byVersion.isEmpty() ? "" : " · ").append('v').append(e.getKey()).append(' ')
              .append(count(e.getValue()));
        }
        cell(byVersion.isEmpty() ? "—" : byVersion.toString());
        out.append("<td class=\"num").append(c.rowsNotEncrypted() > 0 ? " alert" : "").append("\">")
            .append(count(c.rowsNotEncrypted())).append("</td>");
        cell(c.activeVersion() == null ? "—" : "v" + c.activeVersion());
        out.append("</tr>\n");
      }
      endTable();
      out.append("<figure>").append(AuditCharts.keyVersions(r.columns(), t)).append("<figcaption>")
          .append(esc(t.get("chart.keyVersions"))).append("</figcaption></figure>\n</section>\n");
    }

    private void suspects() {
      section("pii-suspects", s(Section.PII_SUSPECTS));
      out.append("<p class=\"note\">").append(esc(t.get("maskedOnly"))).append("</p>\n");
      if (r.suspects().isEmpty()) {
        out.append("<p>").append(esc(t.get("none"))).append("</p>\n</section>\n");
        return;
      }
      table(List.of(h("column"), h("kind"), h("reason"), h("matches"), h("confidence"), h("maskedExamples")));
      for (PiiSuspect s : r.suspects()) {
        out.append("<tr>");
        out.append("<td><code>").append(esc(s.table() + "." + s.column())).append("</code></td>");
        cell(s.kind() + " · " + Labels.piiKind(s.kind(), lang));
        cell(Labels.piiReason(s.reason(), lang));
        cell(count(s.matches()) + " / " + count(s.sampled())
            + String.format(java.util.Locale.ROOT, " (%.1f%%)", s.matchRate() * 100));
        cell(Labels.piiConfidence(s.confidence(), lang));
        out.append("<td><code>").append(esc(String.join("  ", s.maskedExamples()))).append("</code></td>");
        out.append("</tr>\n");
      }
      endTable();
      out.append("</section>\n");
    }

    private void lifecycle() {
      section("lifecycle", s(Section.LIFECYCLE));
      out.append("<h3>").append(esc(s(Section.ROTATIONS))).append("</h3>\n");
      rows(r.lifecycle().rotations(), List.of(h("table"), h("fromVersion"), h("toVersion"), h("at")),
          (Rotation x) -> List.of(x.table(), "v" + x.fromVersion(), "v" + x.toVersion(), time(x.at())));
      out.append("<h3>").append(esc(s(Section.JOB_RUNS))).append("</h3>\n");
      rows(r.lifecycle().jobRuns(), List.of(h("jobId"), h("mode"), h("state"), h("startedAt"),
          h("finishedAt"), h("rowsExamined"), h("rowsChanged"), h("conflicts"), h("failures")),
          (JobRun j) -> List.of(j.jobId() + " #" + j.runNo(), j.mode(), j.state(), time(j.startedAt()),
              time(j.finishedAt()), count(j.rowsExamined()), count(j.rowsChanged()), count(j.conflicts()),
              count(j.failures())));
      out.append("<h3>").append(esc(s(Section.RETIRED_USE))).append("</h3>\n");
      rows(r.lifecycle().retiredUse(), List.of(h("table"), h("version"), h("state"),
          h("encryptionsAtRetirement"), h("encryptionsReserved"), h("noEncryptionSinceRetirement"),
          h("evidenceMethod"), h("encryptionsAfterRetirementRange"), h("lastEncryptionAt"), h("writers"),
          h("unknownReason")),
          (RetiredUse u) -> List.of(u.table(), "v" + u.version(), u.state(),
              u.encryptionsAtRetirement() == null ? "—" : count(u.encryptionsAtRetirement()),
              count(u.encryptionsReserved()), u.noEncryptionSinceRetirement() == null ? Labels.unknown(lang)
              : u.noEncryptionSinceRetirement() ? "✓" : "✗", Labels.evidenceMethod(u.evidenceMethod(), lang),
              afterRetirement(u), time(u.lastEncryptionAt()), u.writers().isEmpty() ? "—" : String.join(", ", u.writers()),
              dash(lang == Lang.KO ? u.reasonKo() : u.reason())));
      out.append("</section>\n");
    }

    private void algorithms() {
      section("algorithms", s(Section.ALGORITHMS));
      rows(r.algorithms(), List.of(h("name"), h("purpose"), h("usedIn"), h("strengthBits"),
          h("standards"), h("lastReview"), h("nextReview")),
          (AlgorithmEntry a) -> List.of(Labels.algorithmName(a.name(), lang)
              + Labels.providerNote(a.provider(), a.kcmvpCertificate(), lang), Labels.prose(a.purpose(), lang),
              String.join(", ", a.usedIn()), a.strengthBits() + " " + Labels.partB("word.bits", lang),
              String.join(", ", a.standards()), date(a.lastReview()), date(a.nextReview())));
      out.append("</section>\n");
    }

    private void attestations() {
      section("attestations", s(Section.ATTESTATION));
      if (r.attestations().isEmpty()) {
        out.append("<p>").append(esc(t.get("none"))).append("</p>\n</section>\n");
        return;
      }
      out.append("<ul class=\"attest\">\n");
      for (Attestation a : r.attestations()) {
        out.append("<li id=\"attest-").append(esc(a.id())).append("\" data-id=\"").append(esc(a.id()))
            .append("\"><code>").append(esc(a.id())).append("</code> <span class=\"text\">")
            .append(esc(a.text(lang == Lang.KO))).append("</span>");
        if (!a.facts().isEmpty()) {
          out.append("<br><span class=\"sub\">").append(esc(Labels.partB("attestation.facts", lang))).append(": ");
          boolean first = true;
          for (Map.Entry<String, String> e : a.facts().entrySet()) {
            out.append(first ? "" : ", ").append("<code>").append(esc(e.getKey())).append("</code> = <code>")
                .append(esc(e.getValue())).append("</code>");
            first = false;
          }
          out.append("</span>");
        }
        if (!a.references().isEmpty()) {
          out.append("<br><span class=\"sub\">").append(esc(Labels.partB("attestation.references", lang)))
              .append(": ").append(esc(references(a.references()))).append("</span>");
        }
        out.append("</li>\n");
      }
      out.append("</ul>\n</section>\n");
    }

    private String references(List<String> references) {
      return String.join(", ", references.stream().map(x -> Labels.prose(x, lang)).toList());
    }

    private void integrity() {
      section("integrity", s(Section.INTEGRITY));
      out.append("<p class=\"hash\"><span>SHA-256</span> <code id=\"content-sha256\">").append(esc(r.contentSha256()))
          .append("</code></p>\n<p class=\"note\">").append(esc(t.get("hashNote"))).append("</p>\n");
      if (r.signature() != null) {
        signature(r.signature());
      }
      out.append("</section>\n");
    }

    /** The signature's facts, how to check it, and the signed JSON (not executable). */
    private void signature(AuditReport.Signature g) {
      table(List.of(h("signature"), h("value")));
      for (List<String> row : List.of(List.of(h("provider"), g.provider()), List.of(h("keyId"), g.keyId()),
          List.of(h("algorithm"), g.algorithm()), List.of(h("signedAt"), time(g.signedAt())),
          List.of(h("publicKey"), g.publicKey()), List.of(h("signatureValue"), g.value()))) {
        out.append("<tr>");
        row.forEach(this::cell);
        out.append("</tr>\n");
      }
      endTable();
      out.append("<p class=\"note\">").append(esc(SignedReports.note(lang))).append("</p>\n")
          .append("<script type=\"application/json\" id=\"").append(SignedReports.HTML_ID).append("\">")
          .append(SignedReports.embedded(r)).append("</script>\n");
    }

    /** A KMS list: unknown when it could not be read, a dash when empty. */
    private String names(@Nullable List<String> names) {
      return names == null ? Labels.unknown(lang) : names.isEmpty() ? "—" : String.join(", ", names);
    }

    // Part R (issue 15): KEK register details, data key custody, key events, protocol inventory.
    private void registerDetails() {
      section("kek-details", s(Section.KEK_DETAILS));
      rows(r.keks(), List.of(h("kekId"), h("createdAt"), h("ageDays"), h("description"), h("aliases"), h("tags"),
          h("strengthBits"), h("rotationEnabled"), h("access")),
          (KekEntry k) -> List.of(k.kekId(), time(k.createdAt()), k.ageDays() == null ? "—" : count(k.ageDays()),
              dash(k.description()), names(k.aliases()), names(k.tags()),
              k.strengthBits() == null ? "—" : k.strengthBits() + " bit",
              k.rotationEnabled() == null ? Labels.unknown(lang)
                  : Labels.partB(k.rotationEnabled() ? "scope.yes" : "scope.no", lang),
              dash(k.access())));
      out.append("<p class=\"note\">").append(esc(h("kekPeriod") + ": " + days(r.policy().kekPeriod())))
          .append("</p>\n</section>\n");
      section("key-custody", s(Section.KEY_CUSTODY));
      rows(r.deks(), List.of(h("version"), h("createdBy"), h("activatedAt"), h("retiredAt"), h("movedToRetiredAt"),
          h("destroyedAt"), h("destroyMethod"), h("destroyedBy"), h("columns"), h("purposes")),
          (DekEntry d) -> List.of(d.table() + " v" + d.version(), dash(d.createdBy()), day(d.activatedAt()),
              day(d.retiredAt()), day(d.movedToRetiredAt()), day(d.destroyedAt()), dash(d.destroyMethod()),
              dash(d.destroyedBy()), String.join(", ", d.columns()), d.purposes().stream()
                  .map(p -> Labels.classification(p, lang)).collect(java.util.stream.Collectors.joining(", "))));
      out.append("<p class=\"note\"><strong>").append(esc(h("keyTableBackup"))).append("</strong>: ")
          .append(esc(r.keyTableBackup() == null ? Labels.noBackupStatement(lang) : r.keyTableBackup()))
          .append("</p>\n</section>\n");
    }

    /**
     * Issue 15, defect 4: each version's cryptoperiod as recorded with the key, in a small table of its
     * own so the register keeps to 1,400 px.
     */
    private void cryptoperiods() {
      out.append("<h3>").append(esc(Labels.partB("cryptoperiod.title", lang))).append("</h3>\n");
      rows(r.deks(), List.of(h("table"), h("version"), h("state"), h("useEndsAt"), h("validUntil"),
          h("cryptoperiodSource")), (DekEntry d) -> List.of(d.table(), "v" + d.version(),
          state(d.state(), Labels.keyState(d.state(), lang)), Labels.cryptoperiodEnd(d.useEndsAt(), lang),
          Labels.cryptoperiodEnd(d.validUntil(), lang), Labels.cryptoperiodSource(d.cryptoperiodSource(), lang)));
    }

    private void keyEvents() {
      section("key-events", s(Section.KEY_EVENTS));
      List<KeyEventEntry> events = r.lifecycle().keyEvents();
      if (events == null) {
        out.append("<p>").append(esc(Labels.noKeyEventHistory(lang))).append("</p>\n");
      } else {
        rows(events, List.of(h("at"), h("version"), h("event"), h("actor"), h("fromKekId"), h("toKekId"),
            h("detail")), (KeyEventEntry e) -> List.of(time(e.at()), e.table() + " v" + e.version(), e.event(),
            e.actor(), dash(e.fromKekId()), dash(e.toKekId()), dash(e.detail())));
      }
      out.append("</section>\n");
    }

    private void protocols() {
      section("protocols", s(Section.PROTOCOLS));
      rows(r.protocols(), List.of(h("channel"), h("protocol"), h("endpoint"), h("encrypted"), h("howEstablished")),
          (ProtocolEntry p) -> List.of(p.channel(), p.protocol(), p.endpoint(),
              p.encrypted() == null ? "—" : p.encrypted() ? "✓" : "✗", p.method()));
      out.append("</section>\n");
    }

    /** At least and at most, as one cell: {@code 2,150 – 2,150}; a dash when not recorded. */
    private static String afterRetirement(RetiredUse u) {
      Long least = u.encryptionsAfterRetirement();
      Long most = u.encryptionsPossiblyAfterRetirement();
      return least == null || most == null ? "—" : count(least) + " – " + count(most);
    }

    private static String dash(@Nullable String s) {
      return s == null ? "—" : s;
    }

    private <T> void rows(List<T> items, List<String> headers, Function<T, List<String>> cells) {
      if (items.isEmpty()) {
        out.append("<p>").append(esc(t.get("none"))).append("</p>\n");
        return;
      }
      table(headers);
      for (T item : items) {
        out.append("<tr>");
        cells.apply(item).forEach(this::cell);
        out.append("</tr>\n");
      }
      endTable();
    }

    private void section(String id, String title) {
      out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
    }

    private void table(List<String> headers) {
      out.append("<div class=\"scroll\"><table>\n<thead><tr>");
      headers.forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
      out.append("</tr></thead>\n<tbody>\n");
    }

    private void endTable() {
      out.append("</tbody>\n</table></div>\n");
    }

    private void cell(String text) {
      out.append("<td>").append(esc(text)).append("</td>");
    }

    /** A day, with the exact time as the cell's tooltip. */
    private void dateCell(@Nullable Instant t) {
      out.append("<td class=\"date\" title=\"").append(esc(time(t))).append("\">").append(esc(day(t))).append("</td>");
    }

    private static String day(@Nullable Instant t) {
      return t == null ? "—" : t.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** A state code, followed by its translation when the page is not in English. */
    private String state(String code, String label) {
      return lang == Lang.EN ? code : code + " · " + label;
    }

    /** The last part of a KEK id (an alias or key id of an ARN); the full id is the cell's tooltip. */
    private static String shortKek(String kekId) {
      int cut = Math.max(kekId.lastIndexOf('/'), kekId.lastIndexOf(':'));
      return cut < 0 || cut == kekId.length() - 1 ? kekId : "…" + kekId.substring(cut);
    }

    private void numberCell(long n) {
      out.append("<td class=\"num\">").append(count(n)).append("</td>");
    }
  }
}
