package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.cli.testing.DocContract;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command through {@code colseal.jar} with a local KEK, on H2, PostgreSQL and MariaDB: a key's
 * life from KEK creation to crypto-shredding and rewrapping, with the application writing and
 * reading in this JVM. Settings come from all three places: a --config file (URL, user, provider,
 * keystore, KEK), the environment (passwords, which are the canary) and flags.
 */
@Tag("jar")
class LocalKekLifecycleIT {
  private static final int ROWS = 3;

  @TempDir Path dir;

  @EachDatabase
  void keyLifecycle_throughTheJar_behavesAsDocumented(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore);

      // KEK: created, and never replaced.
      JsonNode kek = cli.run("kek", "create", "--provider", "local", "--alias", "kek1", "--json").ok().json();
      DocContract.assertMatchesExample("kek-create.md", kek);
      assertEquals("kek1", kek.get("alias").asText());
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").failed("KMS_REJECTED");

      // The application registers its columns and writes rows under v1.
      App.createTables(db);
      String savedV1;
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(App.COLUMNS);
        App.insertCustomers(app, db, ROWS);
        savedV1 = App.storedEmails(db).get(0);
      }

      JsonNode columns = cli.run("columns", "list", "--json").ok().json();
      DocContract.assertMatchesExample("columns-list.md", columns);
      assertEquals(List.of("customers.email", "orders.note"), columnNames(columns));
      assertTrue(cli.run("columns", "list").ok().out().contains("Customer.email"));

      // init --all with auto-create off: orders had no key yet, customers had one.
      JsonNode init = cli.run("keys", "init", "--all", "--set", "colseal.keys.auto-create=false", "--json").ok().json();
      DocContract.assertMatchesExample("keys-init.md", init);
      assertEquals("customers", init.at("/tables/0/table").asText());
      assertFalse(init.at("/tables/0/created").asBoolean());
      assertEquals("orders", init.at("/tables/1/table").asText());
      assertTrue(init.at("/tables/1/created").asBoolean());

      JsonNode list = cli.run("keys", "list", "--count-rows", "--json").ok().json();
      DocContract.assertMatchesExample("keys-list.md", list);
      JsonNode customers = table(list, "customers");
      assertEquals("ACTIVE", customers.at("/versions/0/state").asText());
      assertEquals(ROWS, customers.at("/versions/0/rows").asLong());
      assertEquals(0, customers.get("notEncrypted").asLong());
      assertTrue(cli.run("keys", "list", "--count-rows").ok().out().contains("ROWS"));

      // Rotation: v2 ACTIVE, v1 DECRYPT_ONLY.
      JsonNode rotated = cli.run("keys", "rotate", "--table", "customers", "--json").ok().json();
      DocContract.assertMatchesExample("keys-rotate.md", rotated);
      assertEquals(1, rotated.at("/tables/0/previousVersion").asInt());
      assertEquals(2, rotated.at("/tables/0/newVersion").asInt());
      JsonNode afterRotate = table(cli.run("keys", "list", "--table", "customers", "--json").ok().json(), "customers");
      assertEquals("DECRYPT_ONLY", afterRotate.at("/versions/0/state").asText());
      assertEquals("ACTIVE", afterRotate.at("/versions/1/state").asText());

      // v1 still holds every row: destroying it is refused, and says how many.
      CliResult refused = cli.run("keys", "destroy", "--table", "customers", "--version", "1", "--json")
          .failed("KEY_IN_USE");
      assertTrue(refused.err().contains(ROWS + " values are still encrypted"), refused.err());
      assertEquals("KEY_IN_USE", refused.json().at("/error/code").asText());
      cli.run("keys", "destroy", "--table", "customers", "--version", "1", "--force").failed("USAGE");
      cli.run("keys", "destroy", "--table", "customers", "--version", "1", "--force", "--confirm", "customers:v2")
          .failed("USAGE");
      cli.run("keys", "retire", "--table", "customers", "--version", "1").failed("KEY_IN_USE");

      // The application moves its rows to v2.
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        App.reencryptCustomers(app, db);
      }
      JsonNode counted = table(cli.run("keys", "list", "--table", "customers", "--count-rows", "--json").ok().json(),
          "customers");
      assertEquals(0, counted.at("/versions/0/rows").asLong());
      assertEquals(ROWS, counted.at("/versions/1/rows").asLong());

      JsonNode retired = cli.run("keys", "retire", "--table", "customers", "--version", "1", "--json").ok().json();
      DocContract.assertMatchesExample("keys-retire.md", retired);
      assertEquals("RETIRED", retired.get("state").asText());
      JsonNode reactivated = cli.run("keys", "reactivate", "--table", "customers", "--version", "1", "--json").ok().json();
      DocContract.assertMatchesExample("keys-reactivate.md", reactivated);
      assertEquals("DECRYPT_ONLY", reactivated.get("state").asText());
      JsonNode destroyed = cli.run("keys", "destroy", "--table", "customers", "--version", "1", "--json").ok().json();
      DocContract.assertMatchesExample("keys-destroy.md", destroyed);
      assertEquals("DESTROYED", destroyed.get("state").asText());

      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        var email = app.textColumn("customers", "email", String.class);
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> email.decrypt(savedV1));
        assertEquals(ErrorCode.KEY_DESTROYED, e.code());
      }

      // The ACTIVE version is never destroyed, confirmed or not; a table without a key is not rotated.
      cli.run("keys", "destroy", "--table", "customers", "--version", "2").failed("KEY_IN_USE");
      cli.run("keys", "destroy", "--table", "customers", "--version", "2", "--force", "--confirm", "customers:v2")
          .failed("KEY_IN_USE");
      cli.run("keys", "rotate", "--table", "nokeys").failed("KEY_NOT_FOUND");

      // Rewrap everything under a second KEK of the same keystore.
      cli.run("kek", "create", "--provider", "local", "--alias", "kek2").ok();
      JsonNode rewrapped = cli.run("keys", "rewrap", "--to-kek", "kek2", "--all", "--json").ok().json();
      DocContract.assertMatchesExample("keys-rewrap.md", rewrapped);
      assertEquals(List.of("customers v2 kek1>kek2", "orders v1 kek1>kek2"), rewraps(rewrapped));
      assertEquals(List.of("kek2"), kekIdsOfUndestroyedKeys(db));

      try (Colseal fresh = Colseal.start(db.connections(), App.localConfig(keystore, "kek2"))) {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
          expected.add(App.plainEmail(i));
        }
        assertEquals(expected, App.decryptedEmails(fresh, db));
      }
    }
  }

  private Cli cli(CliDatabase db, Path keystore) throws Exception {
    Path config = dir.resolve("colseal.properties");
    Files.writeString(config, String.join("\n",
        "colseal.jdbc.url=" + db.url().replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="),
        "colseal.jdbc.user=" + db.user(),
        "colseal.kms.provider=local",
        "colseal.kms.local.keystore=" + keystore.toString().replace("\\", "\\\\"),
        "colseal.kms.kek-id=kek1", ""), StandardCharsets.UTF_8);
    Cli cli = new Cli(dir).env(Map.of(
        "COLSEAL_CONFIG", config.toString(),
        "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY));
    if (!db.childPassword().isEmpty()) {
      cli.env("COLSEAL_JDBC_PASSWORD", db.childPassword());
    }
    return cli;
  }

  private static List<String> columnNames(JsonNode columns) {
    List<String> out = new ArrayList<>();
    columns.get("columns").forEach(c -> out.add(c.get("table").asText() + "." + c.get("column").asText()));
    return out;
  }

  private static List<String> rewraps(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("versions").forEach(v -> out.add(v.get("table").asText() + " v" + v.get("version").asInt() + " "
        + v.get("fromKek").asText() + ">" + v.get("toKek").asText()));
    return out;
  }

  private static JsonNode table(JsonNode list, String name) {
    for (JsonNode t : list.get("tables")) {
      if (t.get("table").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no table " + name + " in " + list.toPrettyString());
  }

  private static List<String> kekIdsOfUndestroyedKeys(CliDatabase db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT DISTINCT kek_id FROM colseal_data_key WHERE state <> 'DESTROYED'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
