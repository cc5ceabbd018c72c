package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit --format html} through the jar on H2, with a local KEK: the page written to
 * {@code --output} is the report of the database (its charts count the rows that are there), in the
 * language asked for, and holds no value the fixture wrote; {@code --fail-on} still writes it.
 */
@Tag("jar")
@OneDatabase(because = "renders the HTML report through the jar; its figures come from the queries AuditIT runs on every database")
class AuditHtmlIT {
  private static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");

  @TempDir Path dir;

  @Test
  void auditHtml_fixtureWithLeftoversAndTwoVersions_chartsCountItsRowsWithoutValues() throws Exception {
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = AuditIT.cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      List<String> plaintexts = new ArrayList<>();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
      ColsealConfig config = App.localConfig(keystore, "kek1");
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(EMAIL));
        AuditIT.insert(app, db, "customers", "email", 1, 3, i -> "canary-v1-" + i + "@example.com", true, plaintexts);
      }
      cli.run("keys", "rotate", "--table", "customers").ok();
      try (Colseal app = Colseal.start(db.connections(), config)) {
        AuditIT.insert(app, db, "customers", "email", 4, 5, i -> "canary-v2-" + i + "@example.com", true, plaintexts);
        AuditIT.insert(app, db, "customers", "email", 6, 6, i -> "canary-plain-" + i + "@example.com", false,
            plaintexts);
      }

      Path file = dir.resolve("audit.html");
      cli.run("audit", "--format", "html", "--lang", "ko", "--output", file.toString(), "--fail-on", "high")
          .failed("AUDIT_FINDINGS");
      String html = Files.readString(file, StandardCharsets.UTF_8);
      Document doc = Jsoup.parse(html);

      assertEquals("ko", doc.selectFirst("html").attr("lang"));
      assertEquals("컬럼 암호화 감사 보고서", doc.selectFirst("h1").text());
      Element bar = doc.selectFirst("svg#chart-key-versions g.bar[data-column=customers.email]");
      assertTrue(bar != null, doc.select("svg#chart-key-versions").outerHtml());
      assertEquals(List.of("v1", "v2", "plain"), bar.select("rect.segment").eachAttr("data-part"));
      assertTrue(bar.text().contains("v1 3 · v2 2 · 암호화되지 않음 1"), bar.text());
      assertEquals(2, doc.select("svg#chart-key-ages g.bar").size());
      assertTrue(doc.select("#findings code").eachText().contains("LEFTOVER_PLAINTEXT"));
      assertTrue(doc.getElementById("content-sha256").text().matches("[0-9a-f]{64}"));
      for (String p : plaintexts) {
        assertFalse(html.contains(p), "the page contains a plaintext value");
      }
      assertFalse(html.contains(Cli.CANARY));

      String english = cli.run("audit", "--format", "html").ok().out();
      assertEquals("en", Jsoup.parse(english).selectFirst("html").attr("lang"));
    }
  }
}
