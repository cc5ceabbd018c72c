package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.colseal.BlindIndexer;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.Normalizer;
import io.colseal.RegisteredBlindIndex;
import io.colseal.Storage;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.cli.testing.DocContract;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit} through the jar, on every database, with a local KEK: a fixture with known
 * problems yields exactly the expected findings with exact counts; a clean one none; {@code
 * --fail-on} exits as documented; the JSON validates against its schema, the CSV parses, and no
 * plaintext value the fixture wrote appears in any output. A deterministic column shows as
 * AES-256-GCM-SIV in the column inventory, and with HKDF-SHA-256 in the algorithm inventory.
 */
@Tag("jar")
class AuditIT {
  private static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");
  private static final EncryptedColumn MEMO = new EncryptedColumn("Ledger", "memo", "ledger", "memo",
      String.class, Storage.TEXT, Classification.BANK_ACCOUNT_NUMBER, "ledger", "memo");
  private static final EncryptedColumn NOTE = new EncryptedColumn("Customer", "note", "customers", "note",
      String.class, Storage.TEXT, Classification.UNSPECIFIED, "customers", "note");
  private static final EncryptedColumn DETERMINISTIC_MEMO = new EncryptedColumn("Ledger", "memo", "ledger", "memo",
      String.class, Storage.TEXT, Classification.BANK_ACCOUNT_NUMBER, "ledger", "memo", EncryptionMode.DETERMINISTIC);

  @TempDir Path dir;

  @EachDatabase
  void knownProblems_yieldExactlyTheirFindings_inEveryFormat_withoutPlaintext(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      List<String> plaintexts = new ArrayList<>();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
        st.execute("CREATE TABLE ledger (id INT PRIMARY KEY, memo VARCHAR(1000))");
        st.execute("CREATE TABLE people (id INT PRIMARY KEY, rrn VARCHAR(20), nickname VARCHAR(100))");
      }
      ColsealConfig config = App.localConfig(keystore, "kek1");
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(EMAIL, MEMO));
        insert(app, db, "customers", "email", 1, 3, i -> "canary-v1-" + i + "@example.com", true, plaintexts);
        insert(app, db, "ledger", "memo", 1, 2, i -> "canary-ledger-" + i, true, plaintexts);
      }
      cli.run("keys", "rotate", "--table", "customers").ok();
      cli.run("keys", "rotate", "--table", "ledger").ok();
      cli.run("keys", "destroy", "--table", "ledger", "--version", "1", "--force", "--confirm", "ledger:v1").ok();
      try (Colseal app = Colseal.start(db.connections(), config)) {
        insert(app, db, "customers", "email", 4, 5, i -> "canary-v2-" + i + "@example.com", true, plaintexts);
        // Leftover plaintext: 2 rows written around colseal.
        insert(app, db, "customers", "email", 6, 7, i -> "canary-plain-" + i + "@example.com", false, plaintexts);
      }
      // An unregistered column of 주민등록번호-shaped values with valid check digits.
      List<String> rrns = List.of(rrn("850315212345"), rrn("921201113579"), rrn("010730311224"));
      try (Connection c = db.connect();
          PreparedStatement ps = c.prepareStatement("INSERT INTO people VALUES (?, ?, ?)")) {
        for (int i = 0; i < rrns.size(); i++) {
          ps.setInt(1, i + 1);
          ps.setString(2, rrns.get(i));
          ps.setString(3, "canary-nick-" + i);
          ps.executeUpdate();
          plaintexts.add(rrns.get(i));
          plaintexts.add("canary-nick-" + i);
        }
      }
      // customers v1 (DECRYPT_ONLY) past the validity period (P1825D); v2 ACTIVE past the originator period.
      backdate(db, "customers", 1, 2000);
      backdate(db, "customers", 2, 400);

      JsonNode report = cli.run("audit", "--format", "json").ok().json();
      assertFindings(
          Map.of(
              "KEY_VALIDITY_PERIOD_EXCEEDED|HIGH|customers v1", "3 rows (3 values) are under it",
              "KEY_ORIGINATOR_PERIOD_EXCEEDED|MEDIUM|customers v2", "is ACTIVE past the originator-usage period",
              "LEFTOVER_PLAINTEXT|HIGH|customers.email", "2 non-NULL values of customers.email are not encrypted",
              "ROWS_ON_DESTROYED_VERSION|HIGH|ledger v1", "2 rows (2 values) are under DESTROYED key ledger v1",
              "UNENCRYPTED_PII|HIGH|people.rrn", "3 of 3 sampled values match"),
          report);
      JsonNode suspect = report.get("suspects").get(0);
      assertEquals(1, report.get("suspects").size(), report.get("suspects").toPrettyString());
      assertEquals("RRN", suspect.get("kind").asText());
      assertEquals("NAME_AND_VALUES", suspect.get("reason").asText());
      List<String> masked = new ArrayList<>();
      suspect.get("maskedExamples").forEach(n -> masked.add(n.asText()));
      // The sample is random over the table, so the examples come in no fixed order.
      assertEquals(rrns.stream().map(r -> r.substring(0, 8) + "******").sorted().toList(),
          masked.stream().sorted().toList());
      JsonNode email = column(report, "customers", "email");
      assertEquals(7, email.get("rowsTotal").asLong());
      assertEquals(3, email.at("/rowsByKeyVersion/1").asLong());
      assertEquals(2, email.at("/rowsByKeyVersion/2").asLong());
      assertEquals(2, email.get("rowsNotEncrypted").asLong());
      assertEquals("ENABLED", report.at("/keks/0/state").asText());
      assertEquals(4, report.at("/keks/0/dekVersions").asInt());
      assertEquals(3, report.at("/keks/0/liveDekVersions").asInt());
      JsonNode retired = report.at("/lifecycle/retiredUse/0");
      assertEquals("customers", retired.get("table").asText());
      assertTrue(retired.get("noEncryptionSinceRetirement").asBoolean(), retired.toPrettyString());
      assertEquals(2, report.at("/lifecycle/rotations").size());
      DocContract.assertMatchesExample("audit.md", report);

      // The JSON: valid against the schema, and its hash is the documented one.
      String json = cli.run("audit", "--json").ok().out();
      String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
      var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema, InputFormat.JSON).validate(json, InputFormat.JSON);
      assertEquals(List.of(), errors.stream().map(Object::toString).toList());
      String hash = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("contentSha256").asText();
      String emptied = json.replace("\"contentSha256\": \"" + hash + "\"", "\"contentSha256\": \"\"");
      assertEquals(hash, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(emptied.getBytes(StandardCharsets.UTF_8))),
          "contentSha256 is the SHA-256 of the document with the hash emptied");

      // CSV: two files that a standard parser reads, one row per key version and per column.
      Path csvDir = dir.resolve("csv");
      cli.run("audit", "--format", "csv", "--output", csvDir.toString()).ok();
      List<CSVRecord> keys = csv(csvDir.resolve("key-register.csv"));
      assertEquals(List.of("Table", "Version", "State"), keys.get(0).toList().subList(0, 3));
      assertEquals(List.of("customers|1|DECRYPT_ONLY", "customers|2|ACTIVE", "ledger|1|DESTROYED", "ledger|2|ACTIVE"),
          keys.subList(1, keys.size()).stream().map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).toList());
      List<CSVRecord> cols = csv(csvDir.resolve("column-inventory.csv"));
      assertEquals(List.of("customers|email|2", "ledger|memo|0"), cols.subList(1, cols.size()).stream()
          .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(16)).toList());
      List<CSVRecord> findingRows = csv(csvDir.resolve("findings.csv"));
      assertEquals(report.get("findings").size(), findingRows.size() - 1);
      assertEquals(report.at("/findings/0/code").asText(), findingRows.get(1).get(1));
      List<CSVRecord> suspectRows = csv(csvDir.resolve("pii-suspects.csv"));
      assertEquals(List.of("people|rrn|RRN"), suspectRows.subList(1, suspectRows.size()).stream()
          .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).toList());
      List<CSVRecord> summary = csv(csvDir.resolve("summary.csv"));
      assertEquals("Content SHA-256", summary.get(summary.size() - 1).get(0));
      assertEquals(64, summary.get(summary.size() - 1).get(1).length());

      // Markdown, in both languages, with every section.
      String md = cli.run("audit").ok().out();
      for (String section : List.of("## Summary", "## Findings", "## Key-encryption keys (KEK)",
          "## Data key register", "## Encrypted column inventory", "## Suspected unencrypted personal data",
          "## Key lifecycle", "## Algorithm inventory", "## Attestation notes", "## Integrity")) {
        assertTrue(md.contains(section), "Markdown lacks " + section);
      }
      assertTrue(md.contains("| High | 4 |") && md.contains("| Medium | 1 |") && md.contains("| Low | 0 |"), md);
      String ko = cli.run("audit", "--lang", "ko").ok().out();
      assertTrue(ko.contains("## 데이터 키 관리대장") && ko.contains("주민등록번호"), ko);

      // No plaintext value in any output: only the masked forms of the rrn column.
      StringBuilder csvText = new StringBuilder();
      for (String file : List.of("summary.csv", "findings.csv", "key-register.csv", "column-inventory.csv",
          "pii-suspects.csv")) {
        csvText.append(Files.readString(csvDir.resolve(file)));
      }
      String all = json + md + ko + csvText + cli.run("audit", "--format", "csv").ok().out();
      for (String p : plaintexts) {
        assertFalse(all.contains(p), "output contains a plaintext value");
      }
      for (String r : rrns) {
        assertFalse(all.contains(r.substring(8)), "output contains the serial digits of an rrn");
      }
      assertFalse(all.contains(Cli.CANARY));

      // --fail-on: every level has a finding here.
      for (String level : List.of("high", "medium", "low")) {
        CliResult failed = cli.run("audit", "--fail-on", level, "--json").failed("AUDIT_FINDINGS");
        assertEquals(5, failed.json().get("findings").size(), "the report is still written");
      }
    }
  }

  @EachDatabase
  void cleanDatabase_noFindings_thenOnlyLow_failOnExitsPerSeverity(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000), note VARCHAR(1000))");
      }
      List<String> plaintexts = new ArrayList<>();
      ColsealConfig config = App.localConfig(keystore, "kek1");
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(EMAIL));
        insert(app, db, "customers", "email", 1, 4, i -> "canary-clean-" + i + "@example.com", true, plaintexts);
      }
      JsonNode clean = cli.run("audit", "--fail-on", "low", "--json").ok().json();
      assertEquals(0, clean.get("findings").size(), clean.get("findings").toPrettyString());
      assertEquals(0, clean.get("suspects").size(), clean.get("suspects").toPrettyString());
      assertEquals(4, column(clean, "customers", "email").at("/rowsByKeyVersion/1").asLong());
      assertTrue(cli.run("audit").ok().out().contains("No findings."));

      // Algorithm inventory review dates (PCI DSS 12.3.3) as the operator states them: a review 11
      // months ago is due in a month; one 13 months ago is overdue.
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      JsonNode reviewed = cli.run("audit", "--algorithms-reviewed", today.minusMonths(11).toString(), "--fail-on",
          "low", "--json").ok().json();
      assertEquals(today.minusMonths(11).toString(), reviewed.at("/algorithms/0/lastReview").asText());
      assertEquals(today.minusMonths(11).plusYears(1).toString(), reviewed.at("/algorithms/0/nextReview").asText());
      JsonNode overdue = cli.run("audit", "--algorithms-reviewed", today.minusMonths(13).toString(), "--json").ok()
          .json();
      // One review covers the inventory: one finding, not one per algorithm.
      assertFindings(Map.of("ALGORITHM_REVIEW_OVERDUE|MEDIUM|algorithm inventory", "the algorithm inventory ("
          + overdue.get("algorithms").size() + " entries) was last reviewed on " + today.minusMonths(13)), overdue);
      cli.run("audit", "--algorithms-reviewed", "last spring").failed("USAGE");

      // A rotation and the re-encryption run that moves the rows on show in the lifecycle, with the
      // run's counts as its own summary gave them.
      cli.run("keys", "rotate", "--table", "customers").ok();
      List<JsonNode> lines = cli.run("reencrypt", "--table", "customers", "--json").ok().jsonLines();
      JsonNode summary = lines.get(lines.size() - 1);
      assertEquals(4, summary.get("reencrypted").asLong());
      JsonNode lifecycle = cli.run("audit", "--json").ok().json();
      assertEquals(0, lifecycle.get("findings").size(), lifecycle.get("findings").toPrettyString());
      JsonNode run = lifecycle.at("/lifecycle/jobRuns/0");
      assertEquals(1, lifecycle.at("/lifecycle/jobRuns").size());
      assertEquals(1, run.get("runNo").asInt());
      assertEquals("DONE", run.get("state").asText());
      assertEquals("REENCRYPT", run.get("mode").asText());
      assertEquals(summary.get("rowsExamined").asLong(), run.get("rowsExamined").asLong());
      assertEquals(4, run.get("rowsChanged").asLong());
      assertEquals(0, run.get("failures").asLong());
      assertFalse(run.get("finishedAt").isNull());
      assertEquals("customers|1|2", lifecycle.at("/lifecycle/rotations/0/table").asText() + "|"
          + lifecycle.at("/lifecycle/rotations/0/fromVersion").asInt() + "|"
          + lifecycle.at("/lifecycle/rotations/0/toVersion").asInt());
      assertTrue(lifecycle.at("/lifecycle/retiredUse/0/noEncryptionSinceRetirement").asBoolean());

      // An encrypted column without a classification: one LOW finding.
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(EMAIL, NOTE));
      }
      JsonNode low = cli.run("audit", "--fail-on", "medium", "--json").ok().json();
      assertFindings(Map.of("COLUMN_UNCLASSIFIED|LOW|customers.note", "customers.note is encrypted without a "
          + "classification"), low);
      cli.run("audit", "--fail-on", "high").ok();
      cli.run("audit", "--fail-on", "low").failed("AUDIT_FINDINGS");
      cli.run("audit", "--fail-on", "severe").failed("USAGE");
      String out = cli.run("audit", "--json").ok().out() + cli.run("audit").ok().out();
      for (String p : plaintexts) {
        assertFalse(out.contains(p), "output contains a plaintext value");
      }
    }
  }

  @EachDatabase
  void blindIndexColumn_inInventoryKeyRegisterAndAlgorithms_noFindings_rotateAllSkipsItsKey(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000), email_bidx VARCHAR(64))");
      }
      List<String> plaintexts = new ArrayList<>();
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(List.of(EMAIL));
        app.registerBlindIndexes(List.of(new RegisteredBlindIndex("customers", "email_bidx", "customers",
            "email_bidx", "email", Normalizer.LOWER_TRIM, 256, "Customer", "emailIndex", "customers#bidx", null, null)));
        insert(app, db, "customers", "email", 1, 4, i -> "canary-bidx-" + i + "@example.com", true, plaintexts);
        BlindIndexer index = app.blindIndexer("customers", "email_bidx", Normalizer.LOWER_TRIM, 0);
        try (Connection c = db.connect();
            PreparedStatement ps = c.prepareStatement("UPDATE customers SET email_bidx = ? WHERE id = ?")) {
          for (int i = 1; i <= 3; i++) {
            ps.setString(1, index.compute(plaintexts.get(i - 1)));
            ps.setInt(2, i);
            ps.executeUpdate();
          }
        }
      }
      JsonNode report = cli.run("audit", "--fail-on", "low", "--json").ok().json();
      assertEquals(0, report.get("findings").size(), report.get("findings").toPrettyString());
      JsonNode idx = column(report, "customers", "email_bidx");
      assertEquals("BLIND_INDEX|HMAC-SHA-256|256|OTHER_PERSONAL|4|1", idx.get("mode").asText() + "|"
          + idx.get("algorithm").asText() + "|" + idx.get("tagBits").asInt() + "|" + idx.get("classification").asText()
          + "|" + idx.get("rowsTotal").asLong() + "|" + idx.get("rowsNull").asLong());
      assertEquals(0, column(report, "customers", "email").get("rowsNotEncrypted").asLong());
      JsonNode key = null;
      for (JsonNode d : report.get("deks")) {
        if (d.get("table").asText().equals("customers#bidx")) {
          key = d;
        }
      }
      assertEquals("HMAC_SHA_256|ACTIVE|[\"email_bidx\"]", key.get("algorithm").asText() + "|"
          + key.get("state").asText() + "|" + key.get("columns").toString());
      boolean listed = false;
      for (JsonNode a : report.get("algorithms")) {
        listed |= a.get("name").asText().equals("HMAC-SHA-256 (blind index)")
            && a.get("usedIn").toString().equals("[\"customers.email_bidx\"]");
      }
      assertTrue(listed, report.get("algorithms").toPrettyString());
      assertTrue(cli.run("keys", "list").ok().out().contains("customers#bidx"));

      cli.run("keys", "rotate", "--table", "customers#bidx").failed("KEY_IN_USE");
      cli.run("keys", "retire", "--table", "customers#bidx", "--version", "1").failed("KEY_IN_USE");
      cli.run("keys", "rotate", "--all").ok();
      JsonNode after = cli.run("audit", "--json").ok().json();
      StringBuilder active = new StringBuilder();
      after.get("deks").forEach(d -> active.append(d.get("table").asText()).append(" v").append(d.get("version"))
          .append(' ').append(d.get("state").asText()).append(';'));
      assertEquals("customers v1 DECRYPT_ONLY;customers v2 ACTIVE;customers#bidx v1 ACTIVE;", active.toString());
      String out = cli.run("audit", "--json").ok().out() + cli.run("audit").ok().out();
      for (String p : plaintexts) {
        assertFalse(out.contains(p), "output contains a plaintext value");
      }
    }
  }

  @EachDatabase
  void deterministicColumn_inventoryAndAlgorithms_nameAesGcmSivAndHkdf(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
        st.execute("CREATE TABLE ledger (id INT PRIMARY KEY, memo VARCHAR(1000))");
      }
      List<String> plaintexts = new ArrayList<>();
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(List.of(EMAIL, DETERMINISTIC_MEMO));
        insert(app, db, "customers", "email", 1, 2, i -> "canary-random-" + i + "@example.com", true, plaintexts);
        // Four deterministic values, two distinct: equal values give equal envelopes.
        var memo = app.textColumn("ledger", "memo", String.class, EncryptionMode.DETERMINISTIC);
        try (Connection c = db.connect();
            PreparedStatement ps = c.prepareStatement("INSERT INTO ledger (id, memo) VALUES (?, ?)")) {
          for (int i = 1; i <= 4; i++) {
            String v = "canary-deterministic-" + (i % 2);
            plaintexts.add(v);
            ps.setInt(1, i);
            ps.setString(2, memo.encrypt(v));
            ps.executeUpdate();
          }
        }
      }
      try (Connection c = db.connect(); Statement st = c.createStatement();
          var rs = st.executeQuery("SELECT COUNT(DISTINCT memo), MIN(memo) FROM ledger")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1), "the fixture is deterministic");
        assertTrue(rs.getString(2).startsWith("cs1:02:0000000001:"), "the fixture is algorithm 02");
      }

      JsonNode report = cli.run("audit", "--fail-on", "low", "--json").ok().json();
      assertEquals(0, report.get("findings").size(), report.get("findings").toPrettyString());
      JsonNode memo = column(report, "ledger", "memo");
      assertEquals("DETERMINISTIC", memo.get("mode").asText());
      assertEquals("deterministic AEAD encryption (fixed nonce)", memo.get("method").asText());
      assertEquals("AES-256-GCM-SIV", memo.get("algorithm").asText());
      assertEquals(96, memo.get("nonceBits").asInt());
      assertEquals(128, memo.get("tagBits").asInt());
      assertEquals(4, memo.at("/rowsByKeyVersion/1").asLong(), "cs1:02: headers are counted per key version");
      assertEquals(0, memo.get("rowsNotEncrypted").asLong());
      JsonNode email = column(report, "customers", "email");
      assertEquals("RANDOMIZED", email.get("mode").asText());
      assertEquals("AES-256-GCM", email.get("algorithm").asText());

      Map<String, String> usedIn = new TreeMap<>();
      report.get("algorithms").forEach(a -> usedIn.put(a.get("name").asText(), a.get("usedIn").toString()));
      assertEquals("[\"customers.email\"]", usedIn.get("AES-256-GCM"), usedIn.toString());
      assertEquals("[\"ledger.memo\"]", usedIn.get("AES-256-GCM-SIV"), usedIn.toString());
      assertEquals("[\"ledger.memo\"]", usedIn.get("HKDF-SHA-256"), usedIn.toString());
      assertEquals("[\"RFC 8452\"]", algorithm(report, "AES-256-GCM-SIV").get("standards").toString());
      assertTrue(algorithm(report, "HKDF-SHA-256").get("standards").toString().contains("RFC 5869"));

      String md = cli.run("audit").ok().out();
      assertTrue(md.contains("AES-256-GCM-SIV") && md.contains("HKDF-SHA-256"), md);
      String all = report.toString() + md;
      for (String p : plaintexts) {
        assertFalse(all.contains(p), "output contains a plaintext value");
      }
    }
  }

  static JsonNode algorithm(JsonNode report, String name) {
    for (JsonNode a : report.get("algorithms")) {
      if (a.get("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no algorithm " + name + " in " + report.get("algorithms"));
  }

  @EachDatabase
  void oneKek_prodAndDevKeyRows_isSharedAcrossEnvironments(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
        st.execute("CREATE TABLE ledger (id INT PRIMARY KEY, memo VARCHAR(1000))");
      }
      List<String> plaintexts = new ArrayList<>();
      try (Colseal prod = Colseal.start(db.connections(), withEnvironment(keystore, "prod"))) {
        prod.register(List.of(EMAIL));
        insert(prod, db, "customers", "email", 1, 1, i -> "canary-prod-" + i + "@example.com", true, plaintexts);
      }
      try (Colseal dev = Colseal.start(db.connections(), withEnvironment(keystore, "dev"))) {
        dev.register(List.of(MEMO));
        insert(dev, db, "ledger", "memo", 1, 1, i -> "canary-dev-" + i, true, plaintexts);
      }
      JsonNode report = cli.run("audit", "--json").ok().json();
      assertFindings(Map.of("KEK_SHARED_ACROSS_ENVIRONMENTS|HIGH|kek1", "wraps data keys of 2 environments: dev, prod"),
          report);
      assertEquals("[\"dev\",\"prod\"]", report.at("/keks/0/environments").toString());
      assertEquals("prod", report.at("/deks/0/environment").asText());
      assertEquals("dev", report.at("/deks/1/environment").asText());
    }
  }

  private static ColsealConfig withEnvironment(Path keystore, String environment) {
    return ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", "kek1",
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.kms.local.keystore-password", Cli.CANARY,
        "colseal.environment", environment));
  }

  static Cli cli(CliDatabase db, Path keystore) {
    Cli cli = new Cli(keystore.getParent()).env(Map.of(
        "COLSEAL_JDBC_URL", db.url(),
        "COLSEAL_JDBC_USER", db.user(),
        "COLSEAL_KMS_PROVIDER", "local",
        "COLSEAL_KMS_KEK_ID", "kek1",
        "COLSEAL_KMS_LOCAL_KEYSTORE", keystore.toString(),
        "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY));
    if (!db.childPassword().isEmpty()) {
      cli.env("COLSEAL_JDBC_PASSWORD", db.childPassword());
    }
    return cli;
  }

  /**
   * Inserts rows {@code from..to} into {@code table(id, column)}: the value of {@code value}
   * encrypted by {@code app}, or as plaintext.
   */
  static void insert(Colseal app, CliDatabase db, String table, String column, int from, int to,
      java.util.function.IntFunction<String> value, boolean encrypted, List<String> plaintexts) throws Exception {
    var cipher = app.textColumn(table, column, String.class);
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
      for (int i = from; i <= to; i++) {
        String v = value.apply(i);
        plaintexts.add(v);
        ps.setInt(1, i);
        ps.setString(2, encrypted ? cipher.encrypt(v) : v);
        ps.executeUpdate();
      }
    }
  }

  /** Moves a key version's creation and activation {@code days} into the past. */
  static void backdate(CliDatabase db, String table, int version, int days) throws Exception {
    Instant then = Instant.now().minus(days, ChronoUnit.DAYS);
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
        "UPDATE colseal_data_key SET created_at = ?, activated_at = ?, use_ends_at = ?, valid_until = ?"
            + " WHERE table_name = ? AND key_version = ?")) {
      ps.setObject(1, then.atOffset(ZoneOffset.UTC));
      ps.setObject(2, then.atOffset(ZoneOffset.UTC));
      // As if created then with the default periods (P365D, P1825D), recorded with the key.
      ps.setObject(3, then.plus(365, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
      ps.setObject(4, then.plus(1825, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
      ps.setString(5, table);
      ps.setInt(6, version);
      assertEquals(1, ps.executeUpdate());
    }
  }

  /** {@code YYMMDDGNNNNN} (12 digits) completed with its check digit, as {@code YYMMDD-GNNNNNC}. */
  static String rrn(String twelve) {
    int[] w = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * w[i];
    }
    return twelve.substring(0, 6) + "-" + twelve.substring(6) + (11 - sum % 11) % 10;
  }

  /**
   * The report's findings are exactly {@code expected}'s keys ({@code code|severity|subject}), each
   * message containing the expected fragment.
   */
  static void assertFindings(Map<String, String> expected, JsonNode report) {
    Map<String, String> actual = new TreeMap<>();
    report.get("findings").forEach(f -> actual.put(f.get("code").asText() + "|" + f.get("severity").asText() + "|"
        + f.get("subject").asText(), f.get("message").asText()));
    assertEquals(new TreeMap<>(expected).keySet(), actual.keySet(), report.get("findings").toPrettyString());
    expected.forEach((k, fragment) -> assertTrue(actual.get(k).contains(fragment), k + ": " + actual.get(k)));
  }

  static JsonNode column(JsonNode report, String table, String column) {
    for (JsonNode c : report.get("columns")) {
      if (c.get("table").asText().equals(table) && c.get("column").asText().equals(column)) {
        return c;
      }
    }
    throw new AssertionError("no column " + table + "." + column);
  }

  /** The records of a CSV file of the report, which starts with a UTF-8 byte order mark (Excel needs it). */
  static List<CSVRecord> csv(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF,
        file + " starts with the UTF-8 byte order mark");
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    try (var parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
      return parser.getRecords();
    }
  }
}
