package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.KeyEventEntry;
import io.colseal.operations.report.AuditReport.Lifecycle;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import io.colseal.operations.report.AuditReport.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The KEK register details, data key custody, key command history and protocol inventory (issue 15,
 * part R) in the Markdown, HTML and CSV forms, in both languages; and what each form says when the
 * backup statement or the key command history is missing.
 */
class RegisterRenderingTest {
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final Instant CREATED = Instant.parse("2025-06-01T08:00:00Z");
  private static final String BACKUP = "colseal_data_key in the nightly pg_dump to backup-7";
  private static final String ACTOR = "os ops, db colseal_ops, colseal@5120@bastion";

  private static AuditReport report(@Nullable String backup, @Nullable List<KeyEventEntry> events) {
    KekEntry kek = new KekEntry("aws-kms", "arn:aws:kms:eu-west-1:1:key/k2", "aws-kms eu-west-1 1", "SYMMETRIC_DEFAULT",
        KekState.ENABLED, null, false, List.of(), 2, 1, CREATED, "shop KEK", List.of("alias/shop-kek"),
        List.of("owner=payments"), 256, null, 547L);
    DekEntry destroyed = new DekEntry("customers", 1, "DESTROYED", "AES_256_GCM", 256, "aws-kms",
        "arn:aws:kms:eu-west-1:1:key/k2", "kcv1", CREATED, CREATED, null, CREATED.plus(Duration.ofDays(1825)),
        CREATED.plus(Duration.ofDays(30)), CREATED.plus(Duration.ofDays(90)), 10, 1L << 30, 0.0, 10L, 0, 0, 0,
        List.of("email"), null, 547, List.of(), "colseal@77@app-1", List.of("OTHER_PERSONAL"),
        CREATED.plus(Duration.ofDays(60)), "wrapped key erased (test method)", ACTOR);
    return new AuditReport(AuditReport.FORMAT_VERSION, NOW, "0.1.0-test",
        new Source("PostgreSQL", "16.4", "jdbc:postgresql://db:5432/shop", "public", "aws-kms", "prod"),
        new Policy(Duration.ofDays(365), Duration.ofDays(1825), 1L << 30, Duration.ofMinutes(5), Duration.ofDays(180)),
        List.of(kek), List.of(destroyed), List.of(), List.of(), new Lifecycle(List.of(), List.of(), List.of(), events),
        List.of(), List.of(), HtmlAuditRendererTest.SCOPE, List.of(), backup,
        List.of(new ProtocolEntry("KMS", "HTTPS", "https://kms.eu-west-1.amazonaws.com", true, "endpoint scheme"),
            new ProtocolEntry("JDBC", "TLS TLSv1.3 TLS_AES_256_GCM_SHA384", "jdbc:postgresql://db:5432/shop", true,
                "pg_stat_ssl")),
        null, "ab".repeat(32));
  }

  private static final List<KeyEventEntry> EVENTS = List.of(
      new KeyEventEntry("customers", 1, "REWRAP", CREATED.plus(Duration.ofDays(10)), ACTOR,
          "arn:aws:kms:eu-west-1:1:key/k1", "arn:aws:kms:eu-west-1:1:key/k2", null),
      new KeyEventEntry("customers", 1, "DESTROY", CREATED.plus(Duration.ofDays(90)), ACTOR, null, null,
          "wrapped key erased (test method)"));

  @Test
  void markdown_showsKekDetailsCustodyEventsProtocolsAndBackup() {
    String md = new MarkdownAuditRenderer().render(report(BACKUP, EVENTS), Lang.EN);
    for (String expected : List.of("### KEK register (as the KMS records it)", "alias/shop-kek", "owner=payments",
        "shop KEK", "| 547 |", "KEK cryptoperiod: 180 days", "### Data key custody", "colseal@77@app-1",
        "wrapped key erased (test method)", "Created by (custodian)", BACKUP,
        "| REWRAP | " + ACTOR + " | arn:aws:kms:eu-west-1:1:key/k1 | arn:aws:kms:eu-west-1:1:key/k2 |",
        "## Protocol inventory", "| JDBC | TLS TLSv1.3 TLS_AES_256_GCM_SHA384 |")) {
      assertTrue(md.contains(expected), "no '" + expected + "' in\n" + md);
    }
    assertFalse(md.contains("No statement of where the key table is backed up"), md);
  }

  @Test
  void markdown_withoutBackupStatementOrHistory_saysSo() {
    String md = new MarkdownAuditRenderer().render(report(null, null), Lang.EN);
    assertTrue(md.contains("No statement of where the key table is backed up was given"), md);
    assertTrue(md.contains("The key table has no command history (colseal_key_event, migration V0_8)"), md);
    String ko = new MarkdownAuditRenderer().render(report(null, null), Lang.KO);
    assertTrue(ko.contains("운영자가 키 테이블 백업 위치를 진술하지 않았습니다"), ko);
    assertTrue(ko.contains("데이터 키 관리 이력"), ko);
  }

  @Test
  void html_showsTheSameInBothLanguages_escaped() {
    String en = new HtmlAuditRenderer().render(report(BACKUP + " <b>", EVENTS), Lang.EN);
    for (String expected : List.of("id=\"kek-details\"", "id=\"key-custody\"", "id=\"key-events\"", "id=\"protocols\"",
        "alias/shop-kek", "owner=payments", BACKUP + " &lt;b&gt;", "wrapped key erased (test method)", "REWRAP",
        "TLS TLSv1.3 TLS_AES_256_GCM_SHA384")) {
      assertTrue(en.contains(expected), "no '" + expected + "' in the HTML");
    }
    assertFalse(en.contains(BACKUP + " <b>"), "the backup statement is not escaped");
    String ko = new HtmlAuditRenderer().render(report(null, null), Lang.KO);
    assertTrue(ko.contains("운영자가 키 테이블 백업 위치를 진술하지 않았습니다"), "no Korean backup notice");
    assertTrue(ko.contains("사용 프로토콜 목록"), "no Korean protocol section");
  }

  /**
   * Aliases and tags the KMS refused to list are unknown, not "none": a register must not claim a
   * KEK has no owner tag because kms:ListResourceTags was not granted.
   */
  @Test
  void kekAliasesAndTagsNotRead_unknownNotEmpty() {
    AuditReport r = report(BACKUP, EVENTS);
    KekEntry k = r.keks().get(0);
    KekEntry unread = new KekEntry(k.provider(), k.kekId(), k.location(), k.keySpec(), k.state(), k.deletionDate(),
        k.rotationEnabled(), k.environments(), k.dekVersions(), k.liveDekVersions(), k.createdAt(), k.description(),
        null, List.of(), k.strengthBits(), k.access(), k.ageDays());
    AuditReport report = new AuditReport(r.formatVersion(), r.generatedAt(), r.colsealVersion(), r.source(), r.policy(),
        List.of(unread), r.deks(), r.columns(), r.suspects(), r.lifecycle(), r.algorithms(), r.findings(), r.scope(),
        r.attestations(), r.keyTableBackup(), r.protocols(), r.signature(), r.contentSha256());
    for (Lang lang : Lang.values()) {
      String md = new MarkdownAuditRenderer().render(report, lang);
      assertTrue(md.contains("| shop KEK | " + Labels.unknown(lang) + " | - | 256 |"), md);
      org.jsoup.nodes.Element row = org.jsoup.Jsoup.parse(new HtmlAuditRenderer().render(report, lang))
          .selectFirst("#kek-details tbody tr");
      assertNotNull(row);
      assertEquals(Labels.unknown(lang), row.child(4).text(), row.outerHtml());
      assertEquals("—", row.child(5).text(), row.outerHtml());
    }
  }

  @Test
  void csv_keyRegister_carriesCustodyColumns() {
    String csv = new CsvAuditRenderer().keyRegister(report(BACKUP, EVENTS), Lang.EN);
    assertTrue(csv.contains("colseal@77@app-1,OTHER_PERSONAL,2025-07-31T08:00:00Z,wrapped key erased (test method),"
        + "\"" + ACTOR + "\""), csv);
  }
}
