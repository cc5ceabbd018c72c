package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.KeyAdmin;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.DocContract;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.MutableClock;
import io.colseal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit} through the jar, on every database: "no encryption since retirement"
 * (PCI DSS 3.7.5) comes from the encryptions the writers recorded, not from the reservation counter
 * (issue 15, defect 1). A writer holding a large usage block keeps encrypting under v1 after
 * another process rotated it; the reservation counter cannot grow after retirement, so the report
 * used to say {@code true}. Time is a clock the test moves; flushes are explicit calls.
 */
@Tag("jar")
class AuditRetiredUseIT {
  private static final Duration REFRESH = Duration.ofHours(1);

  @TempDir Path dir;

  private static final class Setup implements AutoCloseable {
    final CliDatabase db;
    final Cli cli;
    final Path keystore;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    Setup(TestDatabase.Kind kind, Path dir) throws Exception {
      db = CliDatabase.create(kind, dir);
      keystore = dir.resolve("kek.p12");
      cli = AuditIT.cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
    }

    /** A writer that follows rotations only every hour and reserves 100,000 encryptions at a time. */
    ColsealConfig config() {
      return ColsealConfig.builder().setting("colseal.kms.provider", "local").setting("colseal.kms.kek-id", "kek1")
          .setting("colseal.kms.local.keystore", keystore.toString())
          .setting("colseal.kms.local.keystore-password", Cli.CANARY)
          .keyRefreshInterval(REFRESH).usageBlock(100_000).clock(clock).build();
    }

    /** Rotates customers from another process's key ring (the key admin API, as {@code keys rotate}). */
    void rotate() {
      try (KeyAdmin admin = KeyAdmin.open(db.connections(), config())) {
        admin.rotate("customers");
      }
    }

    JsonNode retiredUse(JsonNode report, int version) {
      for (JsonNode u : report.at("/lifecycle/retiredUse")) {
        if (u.get("table").asText().equals("customers") && u.get("version").asInt() == version) {
          return u;
        }
      }
      throw new AssertionError("no retiredUse entry for customers v" + version + ": " + report.get("lifecycle"));
    }

    @Override
    public void close() {
      db.close();
    }
  }

  private static void encrypt(ColumnCipher<String, String> cipher, int n) {
    for (int i = 0; i < n; i++) {
      cipher.encrypt("canary-" + i + "@example.com");
    }
  }

  private static List<JsonNode> findings(JsonNode report, String code) {
    return StreamSupport.stream(report.get("findings").spliterator(), false)
        .filter(f -> f.get("code").asText().equals(code)).toList();
  }

  @EachDatabase
  void audit_writerKeptEncryptingAfterRotation_reportsFalseWithLowerBoundAndHighFinding(TestDatabase.Kind kind)
      throws Exception {
    try (Setup s = new Setup(kind, dir)) {
      Instant retiredAt;
      Instant lastFlush;
      try (Colseal writer = Colseal.start(s.db.connections(), s.config())) {
        ColumnCipher<String, String> email = writer.textColumn("customers", "email", String.class);
        encrypt(email, 100);
        assertTrue(writer.reportKeyUsage());
        s.clock.advance(Duration.ofMinutes(1));
        retiredAt = s.clock.instant();
        s.rotate();
        s.clock.advance(Duration.ofSeconds(1));
        // Still within its refresh interval and its reserved block: v1 goes on encrypting.
        encrypt(email, 2_150);
        assertEquals(1, writer.stats().table("customers").activeVersion(), "the writer still encrypts under v1");
        s.clock.advance(Duration.ofSeconds(1));
        lastFlush = s.clock.instant();
        assertTrue(writer.reportKeyUsage());
        s.clock.advance(Duration.ofSeconds(1));
      }
      String json = s.cli.run("audit", "--json").ok().out();
      JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      JsonNode v1 = s.retiredUse(report, 1);
      assertEquals(retiredAt, Instant.parse(report.at("/deks/0/retiredAt").asText()), report.get("deks").toString());
      assertFalse(v1.get("noEncryptionSinceRetirement").isNull(), v1.toPrettyString());
      assertFalse(v1.get("noEncryptionSinceRetirement").asBoolean(), v1.toPrettyString());
      assertEquals("RECORDED_ENCRYPTIONS", v1.get("evidenceMethod").asText());
      assertEquals(2_150, v1.get("encryptionsAfterRetirement").asLong(), v1.toPrettyString());
      assertEquals(2_150, v1.get("encryptionsPossiblyAfterRetirement").asLong(), v1.toPrettyString());
      assertEquals(lastFlush, Instant.parse(v1.get("lastEncryptionAt").asText()));
      assertEquals(1, v1.get("writers").size(), v1.toPrettyString());
      List<JsonNode> high = findings(report, "ENCRYPTION_AFTER_RETIREMENT");
      assertEquals(1, high.size(), report.get("findings").toPrettyString());
      assertEquals("HIGH", high.get(0).get("severity").asText());
      assertEquals("customers v1", high.get(0).get("subject").asText());
      assertTrue(high.get(0).get("message").asText().contains("at least 2150 and at most 2150 values"),
          high.get(0).toPrettyString());
      assertFalse(json.contains("canary-"), "no plaintext in the report");
      assertValid(json);

      String md = s.cli.run("audit").ok().out();
      // The use-after-retirement row: reservations at retirement and now, then the claim and its evidence.
      String row = md.lines().filter(l -> l.startsWith("| customers | 1 | decrypt only | 100000 | 100000 | "))
          .findFirst().orElseThrow(() -> new AssertionError(md));
      assertTrue(row.contains(" | recorded encryptions | 2150 | 2150 | "), row);
      assertFalse(row.contains(" | unknown | "), row);
      String ko = s.cli.run("audit", "--lang", "ko").ok().out();
      String koRow = ko.lines().filter(l -> l.startsWith("| customers | 1 | 복호화 전용 | 100000 | 100000 | "))
          .findFirst().orElseThrow(() -> new AssertionError(ko));
      assertTrue(koRow.contains(" | 기록된 암호화 횟수 | 2150 | 2150 | "), koRow);
      Path csvDir = dir.resolve("csv");
      s.cli.run("audit", "--format", "csv", "--output", csvDir.toString()).ok();
      List<CSVRecord> rows = AuditIT.csv(csvDir.resolve("retired-use.csv"));
      int at = rows.get(0).toList().indexOf("Encryptions after retirement (at least)");
      assertEquals("2150", rows.get(1).get(at), rows.toString());
    }
  }

  @EachDatabase
  void audit_writerStoppedCleanlyBeforeRotation_reportsTrue(TestDatabase.Kind kind) throws Exception {
    try (Setup s = new Setup(kind, dir)) {
      try (Colseal writer = Colseal.start(s.db.connections(), s.config())) {
        encrypt(writer.textColumn("customers", "email", String.class), 10);
      }
      s.clock.advance(Duration.ofMinutes(1));
      s.rotate();
      JsonNode report = s.cli.run("audit", "--json").ok().json();
      JsonNode v1 = s.retiredUse(report, 1);
      assertTrue(v1.get("noEncryptionSinceRetirement").asBoolean(), v1.toPrettyString());
      assertEquals("RECORDED_ENCRYPTIONS", v1.get("evidenceMethod").asText());
      assertEquals(0, v1.get("encryptionsAfterRetirement").asLong());
      assertTrue(v1.get("reason").isNull(), v1.toPrettyString());
      assertEquals(List.of(), findings(report, "ENCRYPTION_AFTER_RETIREMENT"));
    }
  }

  @EachDatabase
  void audit_writerRunningWithoutReportSinceRotation_reportsUnknownNamingIt(TestDatabase.Kind kind) throws Exception {
    try (Setup s = new Setup(kind, dir)) {
      try (Colseal writer = Colseal.start(s.db.connections(), s.config())) {
        encrypt(writer.textColumn("customers", "email", String.class), 10);
        assertTrue(writer.reportKeyUsage());
        s.clock.advance(Duration.ofMinutes(1));
        s.rotate();
        // The writer still runs and holds budget of v1; it has not reported since the rotation.
        JsonNode report = s.cli.run("audit", "--json").ok().json();
        JsonNode v1 = s.retiredUse(report, 1);
        assertTrue(v1.get("noEncryptionSinceRetirement").isNull(), "unknown, neither true nor false: " + v1);
        assertEquals("RECORDED_ENCRYPTIONS", v1.get("evidenceMethod").asText());
        assertTrue(v1.get("reason").asText().contains("has not reported since"), v1.toPrettyString());
        assertTrue(v1.get("reasonKo").asText().contains("보고하지 않았습니다"), v1.toPrettyString());
        assertEquals(List.of(), findings(report, "ENCRYPTION_AFTER_RETIREMENT"));
      }
    }
  }

  @EachDatabase
  void audit_versionWithoutUsageRecords_reportsUnknownNotRecorded(TestDatabase.Kind kind) throws Exception {
    try (Setup s = new Setup(kind, dir)) {
      try (Colseal writer = Colseal.start(s.db.connections(), s.config())) {
        encrypt(writer.textColumn("customers", "email", String.class), 10);
      }
      s.clock.advance(Duration.ofMinutes(1));
      s.rotate();
      // As a version used before colseal 0.9 left it: no usage records.
      try (Connection c = s.db.connect(); Statement st = c.createStatement()) {
        assertTrue(st.executeUpdate("DELETE FROM colseal_key_usage") >= 1);
      }
      JsonNode report = s.cli.run("audit", "--json").ok().json();
      JsonNode v1 = s.retiredUse(report, 1);
      assertTrue(v1.get("noEncryptionSinceRetirement").isNull(), v1.toPrettyString());
      assertEquals("NOT_RECORDED", v1.get("evidenceMethod").asText());
      assertTrue(v1.get("encryptionsAfterRetirement").isNull(), v1.toPrettyString());
      assertTrue(v1.get("reason").asText().contains("no process recorded encryptions"), v1.toPrettyString());
      assertEquals(List.of(), findings(report, "ENCRYPTION_AFTER_RETIREMENT"));
    }
  }

  private static void assertValid(String json) throws Exception {
    String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schema, InputFormat.JSON).validate(json, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
  }
}
