package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.colseal.keys.KeyEvent;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit}'s registers through the jar, on every database, with a local KEK (issue 15,
 * "Register and inventory gaps"): the KEK register shows what the keystore knows of the KEK
 * (creation date, strength, file owner and permissions) and the KEK cryptoperiod; the data-key
 * register shows the creator, purposes, when a version moved to RETIRED, how and by whom it was
 * destroyed, and the operator's backup statement (or says that there is none); the key command
 * history shows each rewrap from KEK to KEK, the retirement and the destruction; the protocol
 * inventory says how the database connection is protected, as the server itself reports it; a KEK
 * weaker than the data keys it wraps is {@code WEAK_ALGORITHM}; a review date in the future is refused.
 */
@Tag("jar")
class AuditRegistersIT {
  private static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");
  private static final String BACKUP = "colseal_data_key in the nightly dump to backup-host:/srv/dumps, 30 days";

  @TempDir Path dir;

  @EachDatabase
  void registers_showKekCustodyKeyEventsAndProtocols(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = AuditIT.cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
      List<String> plaintexts = new ArrayList<>();
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(List.of(EMAIL));
        AuditIT.insert(app, db, "customers", "email", 1, 3, i -> "canary-register-" + i + "@example.com", true,
            plaintexts);
      }
      cli.run("keys", "rotate", "--table", "customers").ok();
      cli.run("reencrypt", "--table", "customers").ok();
      cli.run("kek", "create", "--provider", "local", "--alias", "kek2").ok();
      cli.run("keys", "rewrap", "--table", "customers", "--to-kek", "kek2").ok();
      cli.run("keys", "retire", "--table", "customers", "--version", "1").ok();
      cli.run("keys", "destroy", "--table", "customers", "--version", "1").ok();

      JsonNode report = cli.run("audit", "--json", "--set", "colseal.audit.key-table-backup=" + BACKUP).ok().json();
      assertValid(report);
      assertEquals(0, report.get("findings").size(), report.get("findings").toPrettyString());

      // KEK register: what the keystore knows.
      assertEquals(1, report.get("keks").size(), report.get("keks").toPrettyString());
      JsonNode kek = report.at("/keks/0");
      assertEquals("kek2", kek.get("kekId").asText());
      assertFalse(kek.get("createdAt").isNull());
      assertEquals(0, kek.get("ageDays").asLong());
      assertEquals(256, kek.get("strengthBits").asInt());
      assertEquals("PKCS12 secret-key entry 'kek2'", kek.get("description").asText());
      assertEquals("owner " + Files.getOwner(keystore).getName() + ", permissions rw-------",
          kek.get("access").asText());
      assertTrue(kek.get("rotationEnabled").isNull());
      assertEquals(Duration.ofDays(365), Duration.parse(report.at("/policy/kekPeriod").asText()));

      // Data-key register: creator, purposes, retirement and destruction as recorded.
      JsonNode v1 = dek(report, 1);
      assertTrue(v1.get("createdBy").asText().startsWith("colseal@"), v1.get("createdBy").asText());
      assertEquals("[\"OTHER_PERSONAL\"]", v1.get("purposes").toString());
      assertEquals("DESTROYED", v1.get("state").asText());
      assertEquals(KeyEvent.DESTROY_METHOD, v1.get("destroyMethod").asText());
      assertTrue(v1.get("destroyedBy").asText().startsWith("os " + System.getProperty("user.name") + ", db "),
          v1.get("destroyedBy").asText());
      assertTrue(dek(report, 2).get("destroyMethod").isNull());
      assertEquals(BACKUP, report.get("keyTableBackup").asText());

      // Key command history: both versions rewrapped from kek1 to kek2, then v1 retired and destroyed.
      List<String> events = new ArrayList<>();
      report.at("/lifecycle/keyEvents").forEach(e -> events.add(e.get("event").asText() + " v"
          + e.get("version").asInt() + " " + e.get("fromKekId").asText() + ">" + e.get("toKekId").asText()));
      assertEquals(List.of("REWRAP v1 kek1>kek2", "REWRAP v2 kek1>kek2", "RETIRE v1 null>null", "DESTROY v1 null>null"),
          events);
      JsonNode retire = report.at("/lifecycle/keyEvents/2");
      assertEquals(retire.get("at").asText(), v1.get("movedToRetiredAt").asText());

      // Protocols: the keystore is a file; the JDBC channel as the server reports it.
      assertEquals("KMS|file|null", protocol(report, "KMS"));
      assertEquals(expectedJdbc(db, kind), protocol(report, "JDBC"));

      // The Markdown shows the statement, and says so when there is none.
      String markdown = cli.run("audit", "--set", "colseal.audit.key-table-backup=" + BACKUP).ok().out();
      assertTrue(markdown.contains(BACKUP), markdown);
      String bare = cli.run("audit", "--set", "colseal.keys.kek-period=P30D").ok().out();
      assertTrue(bare.contains("No statement of where the key table is backed up was given"), bare);
      JsonNode thirtyDays = cli.run("audit", "--json", "--set", "colseal.keys.kek-period=P30D").ok().json();
      assertEquals(Duration.ofDays(30), Duration.parse(thirtyDays.at("/policy/kekPeriod").asText()));
      assertTrue(thirtyDays.get("keyTableBackup").isNull());
      String korean = cli.run("audit", "--lang", "ko", "--format", "html").ok().out();
      assertTrue(korean.contains("키 테이블 백업 위치를 진술하지 않았습니다"), "no Korean backup notice");

      // A review date in the future is refused.
      String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
      assertTrue(cli.run("audit", "--algorithms-reviewed", tomorrow).failed("USAGE").err().contains("in the future"));

      // A KEK weaker than the data keys it wraps: an AES-128 entry named by the ACTIVE version's row.
      addAes128Entry(keystore, "weak128");
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        assertEquals(1, st.executeUpdate("UPDATE colseal_data_key SET kek_id = 'weak128'"
            + " WHERE table_name = 'customers' AND key_version = 2"));
      }
      JsonNode weak = cli.run("audit", "--json").ok().json();
      AuditIT.assertFindings(Map.of("WEAK_ALGORITHM|HIGH|weak128",
          "local KEK weak128 (AES_128) has 128-bit security strength, less than the 256-bit data keys it wraps"), weak);
      boolean listed = false;
      for (JsonNode a : weak.get("algorithms")) {
        if (a.get("name").asText().equals("AES-128-GCM (local keystore wrap)")) {
          assertEquals(128, a.get("strengthBits").asInt());
          listed = true;
        }
      }
      assertTrue(listed, weak.get("algorithms").toPrettyString());

      String out = report.toString() + markdown + bare + korean;
      for (String p : plaintexts) {
        assertFalse(out.contains(p), "output contains a plaintext value");
      }
      assertFalse(out.contains(Cli.CANARY), "output contains the keystore password");
    }
  }

  private static JsonNode dek(JsonNode report, int version) {
    for (JsonNode d : report.get("deks")) {
      if (d.get("table").asText().equals("customers") && d.get("version").asInt() == version) {
        return d;
      }
    }
    throw new AssertionError("no customers v" + version);
  }

  /** {@code channel|protocol|encrypted} of the report's entry for {@code channel}. */
  private static String protocol(JsonNode report, String channel) {
    for (JsonNode p : report.get("protocols")) {
      if (p.get("channel").asText().equals(channel)) {
        return channel + "|" + p.get("protocol").asText() + "|" + p.get("encrypted").asText();
      }
    }
    throw new AssertionError("no " + channel + " protocol in " + report.get("protocols"));
  }

  /**
   * What the report should say of the JDBC channel, asked here of a connection made the same way
   * (same URL and driver): H2 embedded runs in-process; PostgreSQL and MariaDB say whether TLS is on.
   */
  private static String expectedJdbc(CliDatabase db, TestDatabase.Kind kind) throws Exception {
    if (kind == TestDatabase.Kind.H2) {
      return "JDBC|in-process|null";
    }
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      if (kind == TestDatabase.Kind.POSTGRESQL) {
        try (ResultSet rs = st.executeQuery(
            "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
          assertTrue(rs.next());
          return rs.getBoolean(1) ? "JDBC|TLS " + rs.getString(2) + " " + rs.getString(3) + "|true"
              : "JDBC|TCP without TLS|false";
        }
      }
      String cipher;
      try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
        cipher = rs.next() ? rs.getString(2) : "";
      }
      if (cipher == null || cipher.isEmpty()) {
        return "JDBC|TCP without TLS|false";
      }
      try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
        rs.next();
        return "JDBC|TLS " + rs.getString(2) + " " + cipher + "|true";
      }
    }
  }

  private static void addAes128Entry(Path keystore, String alias) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      ks.load(in, Cli.CANARY.toCharArray());
    }
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(128);
    ks.setEntry(alias, new KeyStore.SecretKeyEntry(gen.generateKey()),
        new KeyStore.PasswordProtection(Cli.CANARY.toCharArray()));
    try (var out = Files.newOutputStream(keystore)) {
      ks.store(out, Cli.CANARY.toCharArray());
    }
  }

  private static void assertValid(JsonNode report) throws Exception {
    String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schema, InputFormat.JSON).validate(report.toString(), InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
  }
}
