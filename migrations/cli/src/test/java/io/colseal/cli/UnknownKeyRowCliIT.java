package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.cli.internal.Terminal;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.cli.testing.DocContract;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UPDATE colseal_data_key SET algorithm = 'BOGUS' WHERE table_name = 'customers'}, as an
 * older release would meet a newer release's key row: every command still does its work for
 * {@code orders}, names {@code customers v1} and the value, and exits with the documented
 * {@code KEY_UNSUPPORTED} (25) where it had to leave that key out. The commands run in this JVM.
 */
class UnknownKeyRowCliIT {
  private static final int ROWS = 3;

  @TempDir Path dir;

  private Map<String, String> env(CliDatabase db, Path keystore) {
    return Map.of(
        "COLSEAL_JDBC_URL", db.url(),
        "COLSEAL_JDBC_USER", db.user(),
        "COLSEAL_JDBC_PASSWORD", db.childPassword(),
        "COLSEAL_KMS_PROVIDER", "local",
        "COLSEAL_KMS_KEK_ID", "kek1",
        "COLSEAL_KMS_LOCAL_KEYSTORE", keystore.toString(),
        "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY);
  }

  static CliResult run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ColsealCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Terminal.none());
    CliResult r = new CliResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    Cli.check(r, args);
    return r;
  }

  /** customers and orders with ROWS encrypted rows each under v1; then customers v1 gets algorithm BOGUS. */
  private Map<String, String> setUp(CliDatabase db) throws Exception {
    Path keystore = dir.resolve("kek.p12");
    Map<String, String> env = env(db, keystore);
    run(env, "kek", "create", "--provider", "local", "--alias", "kek1").ok();
    App.createTables(db);
    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
      app.register(App.COLUMNS);
      App.insertCustomers(app, db, ROWS);
      var note = app.textColumn("orders", "note", String.class);
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        for (int i = 1; i <= ROWS; i++) {
          st.executeUpdate("INSERT INTO orders VALUES (" + i + ", '" + note.encrypt("note " + i) + "')");
        }
      }
    }
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE colseal_data_key SET algorithm = 'BOGUS' WHERE table_name = 'customers'");
    }
    return env;
  }

  private static void assertNamesTheBadKey(CliResult r) {
    assertTrue(r.err().contains("customers v1 has algorithm 'BOGUS'"), r.err());
    assertTrue(r.err().contains("written by a newer colseal?"), r.err());
  }

  private static List<String> tables(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("tables").forEach(t -> out.add(t.get("table").asText()));
    return out;
  }

  @EachDatabase
  void keysList_unknownAlgorithm_listsTheOtherTablesAndExits25(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Map<String, String> env = setUp(db);
      CliResult r = run(env, "keys", "list", "--count-rows", "--json").failed("KEY_UNSUPPORTED");
      assertNamesTheBadKey(r);
      JsonNode json = r.json();
      DocContract.assertMatchesExample("keys-list.md", json);
      assertEquals(List.of("customers", "orders"), tables(json)); // customers: registered, its only key unreadable
      assertEquals(ROWS, json.at("/tables/1/versions/0/rows").asLong());
      assertEquals("customers", json.at("/unreadable/0/table").asText());
      assertEquals(1, json.at("/unreadable/0/version").asInt());
      assertEquals("BOGUS", json.at("/unreadable/0/value").asText());
      assertTrue(run(env, "keys", "list").failed("KEY_UNSUPPORTED").out().contains("orders"));
    }
  }

  @EachDatabase
  void keysRotateAll_unknownAlgorithm_rotatesTheOtherTablesAndExits25(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Map<String, String> env = setUp(db);
      CliResult r = run(env, "keys", "rotate", "--all", "--json").failed("KEY_UNSUPPORTED");
      assertNamesTheBadKey(r);
      JsonNode json = r.json();
      DocContract.assertMatchesExample("keys-rotate.md", json);
      assertEquals(List.of("orders"), tables(json));
      assertEquals(2, json.at("/tables/0/newVersion").asInt());
      assertNamesTheBadKey(run(env, "keys", "rotate", "--table", "customers").failed("KEY_UNSUPPORTED"));
    }
  }

  @EachDatabase
  void keysRetire_unknownAlgorithm_retiresOtherTablesKeysAndNamesTheBadOne(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Map<String, String> env = setUp(db);
      run(env, "keys", "rotate", "--table", "orders").ok();
      run(env, "keys", "retire", "--table", "orders", "--version", "1", "--force").ok();
      assertNamesTheBadKey(run(env, "keys", "retire", "--table", "customers", "--version", "1", "--force")
          .failed("KEY_UNSUPPORTED"));
    }
  }

  @EachDatabase
  void reencryptAll_unknownAlgorithm_movesTheOtherTablesAndReportsTheBadRows(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Map<String, String> env = setUp(db);
      run(env, "keys", "rotate", "--table", "orders").ok();
      CliResult r = run(env, "reencrypt", "--all").failed("KEY_UNSUPPORTED");
      assertNamesTheBadKey(r);
      assertTrue(r.out().contains("Left out: data key customers v1"), r.out());
      JsonNode list = run(env, "keys", "list", "--table", "orders", "--count-rows", "--json").ok().json();
      assertEquals(0, list.at("/tables/0/versions/0/rows").asLong()); // v1
      assertEquals(ROWS, list.at("/tables/0/versions/1/rows").asLong()); // v2
    }
  }

  @EachDatabase
  void audit_unknownAlgorithm_reportsTheOtherTablesAndAFinding(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Map<String, String> env = setUp(db);
      JsonNode report = run(env, "audit", "--format", "json", "--no-kms").ok().json();
      List<String> findings = new ArrayList<>();
      report.get("findings").forEach(f -> findings.add(f.get("code").asText() + " " + f.get("subject").asText()));
      assertTrue(findings.contains("KEY_UNSUPPORTED customers v1"), findings.toString());
      assertTrue(findings.stream().noneMatch(f -> f.startsWith("ENCRYPTED_TABLE_WITHOUT_KEY")), findings.toString());
      List<String> deks = new ArrayList<>();
      report.get("deks").forEach(d -> deks.add(d.get("table").asText() + " v" + d.get("version").asInt()));
      assertEquals(List.of("orders v1"), deks);
    }
  }

  @EachDatabase
  void keysList_tableWithoutKeys_exits20LikeRotateAndRetire(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Map<String, String> env = setUp(db);
      assertTrue(run(env, "keys", "list", "--table", "nope").failed("KEY_NOT_FOUND").err().contains("nope"));
      run(env, "keys", "rotate", "--table", "nope").failed("KEY_NOT_FOUND");
      run(env, "keys", "retire", "--table", "nope", "--version", "1").failed("KEY_NOT_FOUND");
    }
  }
}
