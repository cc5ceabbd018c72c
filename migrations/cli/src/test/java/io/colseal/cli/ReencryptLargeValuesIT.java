package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt} with the default batch size (500 rows) on values of 10 MiB, in the
 * documented heap of {@code -Xmx256m} (issue 13, point 4): batches are cut by bytes too ({@code
 * --batch-bytes}, default 8 MiB, at least one row), and the database cuts the page, so the job
 * never holds 500 such values (the 40 rows here are 530 MiB of stored text) and finishes.
 *
 * <p>Each stored value is a text envelope of about 13.3 MiB (Base64 of 10 MiB plus the header).
 * The job's compare-and-set UPDATE sends the old and the new value, about 27 MiB: above MariaDB's
 * default {@code max_allowed_packet} of 16 MiB, so, as the guide tells users to, the test raises it
 * (to 64 MiB, globally, for the connections the job opens) and sets it back afterwards.
 */
@Tag("jar")
class ReencryptLargeValuesIT {
  private static final int ROWS = 40;
  private static final int VALUE_CHARS = 10 << 20;
  private static final EncryptedColumn BODY = new EncryptedColumn("Document", "body", "documents", "body",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "documents", "body");

  private static final long PACKET = 64L << 20;

  @TempDir Path dir;

  @EachDatabase(except = TestDatabase.Kind.H2, because = "an embedded H2 file of 1 GiB of LOBs adds minutes and"
      + " nothing the server databases' drivers do not show")
  void reencrypt_tenMebibyteValuesAtDefaultBatchSize_finishesInTheDocumentedHeap(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Runnable restorePacket = maxAllowedPacket(db, PACKET);
      try {
        run(kind, db);
      } finally {
        restorePacket.run();
      }
    }
  }

  private void run(TestDatabase.Kind kind, CliDatabase db) throws Exception {
    Path keystore = dir.resolve("kek.p12");
    Cli cli = Accounts.cli(dir, db, keystore); // -Xmx256m, the documented heap
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE documents (id BIGINT PRIMARY KEY, body "
          + (kind == TestDatabase.Kind.MARIADB ? "LONGTEXT" : "TEXT") + ")");
    }
    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
      app.register(List.of(BODY));
      ColumnCipher<String, String> body = app.textColumn("documents", "body", String.class);
      try (Connection c = db.connect();
          PreparedStatement ps = c.prepareStatement("INSERT INTO documents (id, body) VALUES (?, ?)")) {
        for (int id = 1; id <= ROWS; id++) {
          ps.setLong(1, id);
          ps.setString(2, body.encrypt(value(id)));
          ps.executeUpdate();
        }
      }
    }
    cli.run("keys", "rotate", "--table", "documents").ok();

    CliResult job = cli.run("reencrypt", "--table", "documents", "--json").ok();
    List<JsonNode> events = job.jsonLines();
    JsonNode summary = events.get(events.size() - 1);
    assertEquals(ROWS, summary.path("reencrypted").asLong(), summary.toString());
    assertEquals(0, summary.path("failures").asLong(), summary.toString());

    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"));
        Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT body FROM documents WHERE id = ?")) {
      ColumnCipher<String, String> body = app.textColumn("documents", "body", String.class);
      String v2 = body.envelopePrefix(2);
      for (int id = 1; id <= ROWS; id++) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "row " + id);
          String stored = rs.getString(1);
          assertTrue(stored.startsWith(v2), "row " + id + " on v2");
          assertTrue(value(id).equals(body.decrypt(stored)), "row " + id + " keeps its value");
        }
      }
    }
  }

  /** MariaDB: raises the server's max_allowed_packet to at least {@code bytes} until closed. */
  private static Runnable maxAllowedPacket(CliDatabase db, long bytes) throws SQLException {
    if (db.kind() != TestDatabase.Kind.MARIADB) {
      return () -> {};
    }
    long before;
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
      rs.next();
      before = rs.getLong(1);
      if (before < bytes) {
        st.execute("SET GLOBAL max_allowed_packet = " + bytes);
      }
    }
    return () -> {
      if (before < bytes) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
          st.execute("SET GLOBAL max_allowed_packet = " + before);
        } catch (SQLException e) {
          throw new AssertionError("cannot set max_allowed_packet back to " + before, e);
        }
      }
    };
  }

  /** The 10 MiB plaintext of row {@code id}: letters derived from the id. */
  private static String value(int id) {
    SplittableRandom r = new SplittableRandom(id);
    char[] chars = new char[VALUE_CHARS];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('a' + r.nextInt(26));
    }
    return new String(chars);
  }
}
