package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.RowKey;
import io.colseal.Storage;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.exception.DecryptionException;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt} on a row-bound column ({@link EncryptionMode#ROW_BOUND}, envelope
 * algorithm 05): values the application bound to their rows, some plaintext rows, and one value
 * copied into another row by raw SQL. The copied value does not decrypt in its new row (a typed
 * error naming table, column and key version); the job moves every other value to the new key
 * version still bound to its row, encrypts the plaintext bound to its row, reports the copied one
 * by primary key and leaves it; {@code --verify} names it again; every other value decrypts with
 * its own row's key only.
 */
@Tag("jar")
class ReencryptRowBoundIT {
  private static final int ROWS = 600;
  private static final EncryptedColumn IBAN = new EncryptedColumn("BoundAccount", "iban", "bound_accounts", "iban",
      String.class, Storage.TEXT, Classification.BANK_ACCOUNT_NUMBER, "bound_accounts", "iban",
      EncryptionMode.ROW_BOUND);

  @TempDir Path dir;

  @EachDatabase
  void rowBoundColumn_reencryptedBoundToItsRows_copiedValueReported(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir);
        Connection hold = db.owner() == null ? db.connect() : null) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      String copied;
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE bound_accounts (id BIGINT PRIMARY KEY, iban VARCHAR(512))");
      }
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(List.of(IBAN));
        ColumnCipher<String, String> iban = app.textColumn("bound_accounts", "iban", String.class,
            EncryptionMode.ROW_BOUND);
        try (Connection c = db.connect();
            PreparedStatement ps = c.prepareStatement("INSERT INTO bound_accounts VALUES (?, ?)")) {
          for (long id = 1; id <= ROWS; id++) {
            ps.setLong(1, id);
            // Every 10th row still holds plaintext, as before the column was encrypted.
            ps.setString(2, id % 10 == 0 ? iban(id) : iban.encrypt(iban(id), RowKey.of(id)));
            ps.addBatch();
          }
          ps.executeBatch();
        }
        // Row 2 gets row 1's value: it is a valid envelope of the column, but not of row 2.
        execute(db, "UPDATE bound_accounts SET iban = (SELECT iban FROM (SELECT iban FROM bound_accounts WHERE id = 1) t)"
            + " WHERE id = 2");
        copied = stored(db).get(2L);
        String copiedValue = copied;
        assertEquals(iban(1), iban.decrypt(stored(db).get(1L), RowKey.of(1L)), "row 1 reads as before");
        DecryptionException e = assertThrows(DecryptionException.class,
            () -> iban.decrypt(copiedValue, RowKey.of(2L)));
        assertEquals("bound_accounts", e.table());
        assertEquals("iban", e.column());
        assertEquals(1, e.keyVersion());
        assertFalse(e.getMessage().contains(iban(1)), "the message quotes the value");
        assertThrows(DecryptionException.class, () -> iban.decrypt(copiedValue),
            "a row-bound value needs its row's key");
      }

      cli.run("keys", "rotate", "--table", "bound_accounts").ok();
      JsonNode dry = summary(cli.run("reencrypt", "--table", "bound_accounts", "--dry-run", "--json").ok());
      assertEquals(ROWS - ROWS / 10, dry.path("reencrypted").asLong(), dry.toString());
      assertEquals(ROWS / 10, dry.path("encryptedFromPlaintext").asLong(), dry.toString());

      CliResult run = cli.run("reencrypt", "--table", "bound_accounts", "--json", "--batch-size", "100");
      assertEquals(50, run.exit(), "JOB_INCOMPLETE for the copied value: " + run);
      JsonNode summary = summary(run);
      assertEquals(1, summary.path("failures").asLong(), summary.toString());
      assertEquals(ROWS - ROWS / 10 - 1, summary.path("reencrypted").asLong(), summary.toString());
      assertEquals(ROWS / 10, summary.path("encryptedFromPlaintext").asLong(), summary.toString());
      JsonNode failure = run.jsonLines().stream().filter(l -> "failure".equals(l.path("event").asText()))
          .findFirst().orElseThrow();
      assertEquals(2, failure.path("primaryKey").path("id").asLong(), failure.toString());
      assertEquals(1, failure.path("keyVersion").asInt(), failure.toString());
      assertEquals("DECRYPT_FAILED", failure.path("code").asText(), failure.toString());

      Map<Long, String> after = stored(db);
      assertEquals(copied, after.get(2L), "the copied value is left as it was");
      CliResult verify = cli.run("reencrypt", "--table", "bound_accounts", "--verify", "--json");
      assertEquals(50, verify.exit(), verify.toString());
      assertEquals(1, summary(verify).path("failures").asLong(), verify.toString());

      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        ColumnCipher<String, String> iban = app.textColumn("bound_accounts", "iban", String.class,
            EncryptionMode.ROW_BOUND);
        String v2 = iban.envelopePrefix(2);
        assertEquals("cs1:05:0000000002:", v2);
        for (Map.Entry<Long, String> row : after.entrySet()) {
          long id = row.getKey();
          if (id == 2) {
            continue;
          }
          assertTrue(row.getValue().startsWith(v2), "row " + id + " is on v2, bound: " + row.getValue());
          assertEquals(iban(id), iban.decrypt(row.getValue(), RowKey.of(id)), "row " + id);
          long other = id == 1 ? 3 : 1;
          assertThrows(DecryptionException.class, () -> iban.decrypt(row.getValue(), RowKey.of(other)),
              "row " + id + "'s value does not decrypt as row " + other + "'s");
        }
      }
      // The audit says which columns are row-bound, and how.
      JsonNode report = cli.run("audit", "--json").ok().json();
      JsonNode column = null;
      for (JsonNode c : report.get("columns")) {
        if ("bound_accounts".equals(c.path("table").asText()) && "iban".equals(c.path("column").asText())) {
          column = c;
        }
      }
      assertTrue(column != null, report.toString());
      assertEquals("ROW_BOUND", column.path("mode").asText(), column.toString());
      assertEquals("AEAD encryption bound to the row", column.path("method").asText(), column.toString());
      assertTrue(column.path("aad").asText().endsWith("primary key of the row"), column.toString());
      boolean listed = false;
      for (JsonNode a : report.get("algorithms")) {
        listed |= a.path("name").asText().equals("AES-256-GCM (row-bound, envelope algorithm 05)")
            && a.path("usedIn").toString().equals("[\"bound_accounts.iban\"]");
      }
      assertTrue(listed, report.get("algorithms").toString());
      assertTrue(hold == null || hold.isValid(5), "the H2 database stayed served from this JVM");
    }
  }

  private static String iban(long id) {
    return String.format("KR%02d-0000-%08d", id % 97, id);
  }

  private static void execute(CliDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static Map<Long, String> stored(CliDatabase db) throws SQLException {
    Map<Long, String> out = new TreeMap<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, iban FROM bound_accounts")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  private static JsonNode summary(CliResult r) {
    List<JsonNode> lines = r.jsonLines();
    JsonNode last = lines.get(lines.size() - 1);
    assertEquals("summary", last.path("event").asText(), r.toString());
    return last;
  }
}
