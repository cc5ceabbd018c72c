package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt} and {@code keys list --count-rows} on DETERMINISTIC columns, through
 * {@code colseal.jar} on H2, PostgreSQL and MariaDB: after a rotation the deterministic values move
 * to the new version and stay deterministic; a RANDOMIZED column registered DETERMINISTIC is
 * converted whole, after which equal values have equal envelopes; the row counts see algorithm-02
 * envelopes.
 */
@Tag("jar")
class ReencryptDeterministicIT {
  private static final int ROWS = 60;
  /** 20 distinct e-mail addresses, each in 3 rows. */
  private static final int DISTINCT = 20;

  @TempDir Path dir;

  private static List<EncryptedColumn> columns(EncryptionMode mode) {
    return List.of(
        new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
            Classification.OTHER_PERSONAL, "customers", "email", mode),
        new EncryptedColumn("Customer", "token", "customers", "token", String.class, Storage.BINARY,
            Classification.OTHER_PERSONAL, "customers", "token", mode));
  }

  private static String email(int i) {
    return "customer" + (i % DISTINCT) + "@example.com";
  }

  @EachDatabase
  void reencrypt_deterministicColumnAfterRotation_movesToNewVersionAndStaysDeterministic(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = cli(db);
      createCustomers(db);
      try (Colseal app = app(db)) {
        app.register(columns(EncryptionMode.DETERMINISTIC));
        insertCustomers(app, db, EncryptionMode.DETERMINISTIC);
      }
      assertEquals(ROWS, count(db, "SELECT COUNT(*) FROM customers WHERE email LIKE 'cs1:02:0000000001:%'"));
      assertEquals(DISTINCT, count(db, "SELECT COUNT(DISTINCT email) FROM customers"));
      cli.run("keys", "rotate", "--table", "customers").ok();
      JsonNode before = keysList(cli);
      assertEquals(2 * ROWS, before.at("/tables/0/versions/0/values").asLong(), before.toString());

      JsonNode summary = last(cli.run("reencrypt", "--table", "customers", "--json").ok());
      assertEquals(2 * ROWS, summary.get("reencrypted").asLong(), summary.toString());
      assertEquals(0, summary.get("failures").asLong());

      assertEquals(ROWS, count(db, "SELECT COUNT(*) FROM customers WHERE email LIKE 'cs1:02:0000000002:%'"));
      assertEquals(DISTINCT, count(db, "SELECT COUNT(DISTINCT email) FROM customers"));
      JsonNode after = keysList(cli);
      assertEquals(0, after.at("/tables/0/versions/0/values").asLong(), after.toString());
      assertEquals(2 * ROWS, after.at("/tables/0/versions/1/values").asLong(), after.toString());
      try (Colseal app = app(db)) {
        ColumnCipher<String, String> email =
            app.textColumn("customers", "email", String.class, EncryptionMode.DETERMINISTIC);
        ColumnCipher<String, byte[]> token =
            app.binaryColumn("customers", "token", String.class, EncryptionMode.DETERMINISTIC);
        for (int i = 1; i <= ROWS; i++) {
          assertEquals(email.encrypt(email(i)), text(db, "email", i), "row " + i);
          assertArrayEquals(token.encrypt("token-" + (i % DISTINCT)), bytes(db, "token", i), "row " + i);
        }
      }
      assertEquals(0, last(cli.run("reencrypt", "--table", "customers", "--json").ok()).get("rowsExamined").asLong());
    }
  }

  @EachDatabase
  void reencrypt_randomizedColumnRegisteredDeterministic_becomesDeterministic(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = cli(db);
      createCustomers(db);
      try (Colseal app = app(db)) {
        app.register(columns(EncryptionMode.RANDOMIZED));
        insertCustomers(app, db, EncryptionMode.RANDOMIZED);
      }
      assertEquals(ROWS, count(db, "SELECT COUNT(DISTINCT email) FROM customers"), "random: all differ");
      assertEquals(0, last(cli.run("reencrypt", "--table", "customers", "--json").ok()).get("rowsExamined").asLong());

      try (Colseal app = app(db)) {
        app.register(columns(EncryptionMode.DETERMINISTIC)); // the application now maps deterministic = true
      }
      JsonNode dry = last(cli.run("reencrypt", "--table", "customers", "--dry-run", "--json").ok());
      assertEquals(2 * ROWS, dry.get("reencrypted").asLong(), dry.toString());
      JsonNode summary = last(cli.run("reencrypt", "--table", "customers", "--json").ok());
      assertEquals(ROWS, summary.get("rowsExamined").asLong(), summary.toString());
      assertEquals(2 * ROWS, summary.get("reencrypted").asLong(), summary.toString());
      assertEquals(0, summary.get("failures").asLong());

      assertEquals(ROWS, count(db, "SELECT COUNT(*) FROM customers WHERE email LIKE 'cs1:02:0000000001:%'"));
      assertEquals(DISTINCT, count(db, "SELECT COUNT(DISTINCT email) FROM customers"));
      try (Colseal app = app(db)) {
        ColumnCipher<String, String> email =
            app.textColumn("customers", "email", String.class, EncryptionMode.DETERMINISTIC);
        ColumnCipher<String, byte[]> token =
            app.binaryColumn("customers", "token", String.class, EncryptionMode.DETERMINISTIC);
        for (int i = 1; i <= ROWS; i++) {
          assertEquals(email.encrypt(email(i)), text(db, "email", i));
          assertEquals(email.encrypt(email(i)), text(db, "email", i + DISTINCT <= ROWS ? i + DISTINCT : i));
          byte[] stored = bytes(db, "token", i);
          assertEquals(2, stored[3], "binary header names algorithm 0x02");
          assertEquals("token-" + (i % DISTINCT), token.decrypt(stored));
        }
        assertNotEquals(text(db, "email", 1), text(db, "email", 2));
      }
      assertEquals(2 * ROWS, keysList(cli).at("/tables/0/versions/0/values").asLong());
      assertEquals(0, last(cli.run("reencrypt", "--table", "customers", "--json").ok()).get("rowsExamined").asLong());
    }
  }

  // --- fixtures

  private static JsonNode keysList(Cli cli) throws Exception {
    return cli.run("keys", "list", "--table", "customers", "--count-rows", "--json").ok().json();
  }

  /** The CLI with the local KEK kek1 created. */
  private Cli cli(CliDatabase db) {
    Cli cli = Accounts.cli(dir, db, dir.resolve("kek.p12"));
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    return cli;
  }

  private Colseal app(CliDatabase db) {
    return Colseal.start(db.connections(), App.localConfig(dir.resolve("kek.p12"), "kek1"));
  }

  private static void createCustomers(CliDatabase db) throws Exception {
    String binary = switch (db.kind()) {
      case POSTGRESQL -> "BYTEA";
      default -> "VARBINARY(2000)";
    };
    exec(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000), token " + binary + ")");
  }

  private static void insertCustomers(Colseal app, CliDatabase db, EncryptionMode mode) throws Exception {
    var email = app.textColumn("customers", "email", String.class, mode);
    var token = app.binaryColumn("customers", "token", String.class, mode);
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?)")) {
      for (int i = 1; i <= ROWS; i++) {
        ps.setInt(1, i);
        ps.setString(2, email.encrypt(email(i)));
        ps.setBytes(3, token.encrypt("token-" + (i % DISTINCT)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static JsonNode last(CliResult r) {
    List<JsonNode> lines = r.jsonLines();
    return lines.get(lines.size() - 1);
  }

  private static void exec(CliDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(CliDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String text(CliDatabase db, String column, int id) throws Exception {
    return (String) value(db, column, id, false);
  }

  private static byte[] bytes(CliDatabase db, String column, int id) throws Exception {
    return (byte[]) value(db, column, id, true);
  }

  private static Object value(CliDatabase db, String column, int id, boolean binary) throws Exception {
    List<Object> out = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM customers WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(binary ? rs.getBytes(1) : rs.getString(1));
        }
      }
    }
    assertEquals(1, out.size());
    return out.get(0);
  }
}
