package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.DocContract;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit} through the jar on every database, with the local PKCS12 KEK: the report
 * records its scope ({@code --table} makes it partial, with the excluded tables and a banner), its
 * attestations follow the facts (the KEK is in a keystore file, not a KMS; split knowledge is the
 * operator's; the key-sharing check could not be made without environment tags) and read the same
 * in JSON, Markdown and HTML, and {@code --lang ko} prints finding messages, durations and times in
 * Korean form.
 */
@Tag("jar")
class AuditScopeAndAttestationsIT {
  private static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");
  private static final EncryptedColumn NOTE = new EncryptedColumn("Order", "note", "orders", "note",
      String.class, Storage.TEXT, Classification.UNSPECIFIED, "orders", "note");

  @TempDir Path dir;

  /** customers (one plaintext value left over), orders (unclassified), people (unregistered RRNs). */
  private Cli fixture(CliDatabase db, Path keystore) throws Exception {
    Cli cli = AuditIT.cli(db, keystore);
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    App.createTables(db);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE people (id INT PRIMARY KEY, rrn VARCHAR(20))");
      st.execute("INSERT INTO people VALUES (1, '" + AuditIT.rrn("850315212345") + "')");
    }
    List<String> plaintexts = new ArrayList<>();
    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
      app.register(List.of(EMAIL, NOTE));
      AuditIT.insert(app, db, "customers", "email", 1, 2, i -> "scope-" + i + "@example.com", true, plaintexts);
      AuditIT.insert(app, db, "customers", "email", 3, 3, i -> "plain-" + i + "@example.com", false, plaintexts);
      AuditIT.insert(app, db, "orders", "note", 1, 1, i -> "note-" + i, true, plaintexts);
    }
    return cli;
  }

  @EachDatabase
  void tableFilter_partialScope_recordedInJsonAndShownFirst(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = fixture(db, dir.resolve("kek.p12"));

      JsonNode whole = cli.run("audit", "--json").ok().json();
      assertFalse(whole.at("/scope/partial").asBoolean(), whole.get("scope").toPrettyString());
      assertEquals(0, whole.at("/scope/tablesExcluded").size());
      assertTrue(texts(whole.at("/scope/tablesIncluded")).containsAll(List.of("customers", "orders", "people")));
      assertEquals(1, whole.at("/scope/schemas").size(), whole.get("scope").toPrettyString());
      assertEquals(200, whole.at("/scope/options/piiSampleRows").asInt());
      String only = whole.at("/scope/schemas").get(0).asText();
      JsonNode narrowed = cli.run("audit", "--schema", only, "--json").ok().json();
      assertEquals(List.of(only), texts(narrowed.at("/scope/options/schemas")), narrowed.get("scope").toPrettyString());
      assertTrue(cli.run("audit", "--schema", only).ok().out().contains("`--schema " + only + "`"));
      // people has unregistered character columns: sampled at random, as the scan reports it.
      assertEquals("RANDOM_ORDER", whole.at("/scope/piiSampling/method").asText(), whole.get("scope").toPrettyString());

      String json = cli.run("audit", "--table", "customers", "--pii-sample-rows", "50", "--json").ok().out();
      JsonNode partial = cli.run("audit", "--table", "customers", "--pii-sample-rows", "50", "--json").ok().json();
      JsonNode scope = partial.get("scope");
      assertTrue(scope.get("partial").asBoolean(), scope.toPrettyString());
      assertEquals(List.of("customers"), texts(scope.get("tablesIncluded")));
      assertTrue(texts(scope.get("tablesExcluded")).containsAll(List.of("orders", "people")), scope.toPrettyString());
      assertEquals(List.of("customers"), texts(scope.at("/options/tables")));
      assertEquals(50, scope.at("/options/piiSampleRows").asInt());
      assertEquals(50, scope.at("/piiSampling/rowsPerColumn").asInt());
      // Only customers, whose character column is registered: nothing was sampled, and the scope says so.
      assertEquals("NONE", scope.at("/piiSampling/method").asText(), scope.toPrettyString());
      String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
      var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema, InputFormat.JSON).validate(json, InputFormat.JSON);
      assertEquals(List.of(), errors.stream().map(Object::toString).toList());

      String md = cli.run("audit", "--table", "customers").ok().out();
      int banner = md.indexOf("> **Partial report**");
      assertTrue(banner > 0 && banner < md.indexOf("## Summary"), md);
      String ko = cli.run("audit", "--table", "customers", "--lang", "ko").ok().out();
      assertTrue(ko.indexOf("> **부분 보고서**") > 0 && ko.indexOf("> **부분 보고서**") < ko.indexOf("## 요약"), ko);
      Document html = Jsoup.parse(cli.run("audit", "--table", "customers", "--format", "html").ok().out());
      assertEquals("scope", html.selectFirst("main > section").id());
      assertNotNull(html.selectFirst("#scope p.partial"));
      assertTrue(html.selectFirst("#scope").text().contains("orders"), html.selectFirst("#scope").text());
      assertFalse(cli.run("audit").ok().out().contains("> **Partial report**"));
    }
  }

  @EachDatabase
  void localKeystore_attestationsFromFacts_sameInEveryFormat(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = fixture(db, keystore);
      JsonNode report = cli.run("audit", "--json").ok().json();
      JsonNode custody = attestation(report, "KEK_CUSTODY");
      assertEquals("local", custody.at("/facts/provider").asText());
      assertEquals(keystore.toAbsolutePath().normalize().toString(), custody.at("/facts/keystore").asText());
      assertTrue(custody.get("text").asText().contains("not in a KMS"), custody.toPrettyString());
      assertEquals("environment", attestation(report, "KEK_ACCESS").at("/facts/passwordSource").asText());
      assertTrue(attestation(report, "SPLIT_KNOWLEDGE").get("text").asText().contains("operator's responsibility"));
      JsonNode env = attestation(report, "ENVIRONMENT_SEPARATION");
      assertEquals("unset", env.at("/facts/colseal.environment").asText(), env.toPrettyString());
      assertTrue(env.get("text").asText().contains("was not made"), env.toPrettyString());

      String md = cli.run("audit").ok().out();
      String mdKo = cli.run("audit", "--lang", "ko").ok().out();
      Document html = Jsoup.parse(cli.run("audit", "--format", "html").ok().out());
      Document htmlKo = Jsoup.parse(cli.run("audit", "--format", "html", "--lang", "ko").ok().out());
      List<String> en = new ArrayList<>();
      List<String> ko = new ArrayList<>();
      report.get("attestations").forEach(a -> {
        en.add(a.get("text").asText());
        ko.add(a.get("textKo").asText());
      });
      assertEquals(en, html.select("#attestations li span.text").eachText());
      assertEquals(ko, htmlKo.select("#attestations li span.text").eachText());
      en.forEach(t -> assertTrue(md.contains(t), t));
      ko.forEach(t -> assertTrue(mdKo.contains(t), t));
      for (String text : List.of(md, html.text())) {
        assertFalse(text.contains("stays in the KMS") || text.contains("keys come from the KMS")
            || text.contains("not applicable"), text);
      }
    }
  }

  @EachDatabase
  void korean_findingMessagesDurationsAndTimes(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = fixture(db, dir.resolve("kek.p12"));
      JsonNode report = cli.run("audit", "--json").ok().json();
      assertTrue(report.get("findings").size() >= 3, report.get("findings").toPrettyString());
      String ko = cli.run("audit", "--lang", "ko").ok().out();
      for (JsonNode f : report.get("findings")) {
        String message = f.get("message").asText();
        assertFalse(f.get("messageKo").isNull(), f.toPrettyString());
        assertFalse(ko.contains(message), "English message in the Korean report: " + message);
        assertTrue(ko.contains(f.get("messageKo").asText()), f.toPrettyString());
      }
      assertTrue(ko.contains("365일") && ko.contains("1825일") && ko.contains("5분"), ko);
      assertFalse(Pattern.compile("\\bPT?\\d+[DHMS]\\b").matcher(ko).find(), ko);
      assertFalse(Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d").matcher(ko).find(), "a time with fractions: " + ko);
      assertTrue(ko.contains(" UTC"), ko);
      assertTrue(report.get("generatedAt").asText().startsWith("20"), "the JSON keeps ISO-8601");
    }
  }

  private static JsonNode attestation(JsonNode report, String id) {
    for (JsonNode a : report.get("attestations")) {
      if (a.get("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no attestation " + id + ": " + report.get("attestations").toPrettyString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
