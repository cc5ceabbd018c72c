package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.cli.testing.DocContract;
import io.colseal.exception.DecryptionException;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt} through {@code colseal.jar} on H2, PostgreSQL and MariaDB, with the
 * application writing and reading in this JVM: rotation, plaintext migration with mixed reads,
 * decryption, dry run, verification and composite primary keys.
 */
@Tag("jar")
class ReencryptIT {
  private static final int ROWS = 1000;
  private static final String CANARY_PLAINTEXT = "canary-plaintext-5e1d";

  @TempDir Path dir;

  private static final List<EncryptedColumn> CUSTOMER_COLUMNS = List.of(
      new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "email"),
      new EncryptedColumn("Customer", "photo", "customers", "photo", String.class, Storage.BINARY,
          Classification.OTHER_PERSONAL, "customers", "photo"));

  @EachDatabase
  void reencrypt_afterRotation_movesEveryValueToTheActiveVersion(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = cli(db);
      createCustomers(db);
      try (Colseal app = app(db)) {
        app.register(CUSTOMER_COLUMNS);
        insertCustomers(app, db, ROWS);
      }
      cli.run("keys", "rotate", "--table", "customers").ok();

      CliResult r = cli.run("reencrypt", "--table", "customers", "--json").ok();
      List<JsonNode> lines = r.jsonLines();
      assertEquals("start", lines.get(0).get("event").asText());
      JsonNode summary = lines.get(lines.size() - 1);
      DocContract.assertMatchesExample("reencrypt.md", summary);
      assertEquals(ROWS, summary.get("rowsExamined").asLong());
      assertEquals(ROWS + ROWS - ROWS / 10, summary.get("reencrypted").asLong());
      assertEquals(0, summary.get("failures").asLong());
      assertEquals(0, summary.get("conflicts").asLong());
      assertEquals(1, summary.at("/retirable/0/version").asInt());
      assertEquals("colseal keys retire --table customers --version 1", summary.at("/retirable/0/command").asText());
      long batchRows = lines.stream().filter(l -> l.get("event").asText().equals("batch"))
          .mapToLong(l -> l.get("rows").asLong()).sum();
      assertEquals(ROWS, batchRows);

      assertEquals(ROWS, count(db, "SELECT COUNT(*) FROM customers WHERE email LIKE 'cs1:01:0000000002:%'"));
      try (Colseal app = app(db)) {
        ColumnCipher<String, byte[]> photo = app.binaryColumn("customers", "photo", String.class);
        List<byte[]> photos = column(db, "SELECT photo FROM customers ORDER BY id", true);
        for (byte[] p : photos) {
          if (p != null) {
            assertEquals(2, photo.keyVersionOf(p).getAsInt());
          }
        }
        assertOriginals(app, db, ROWS);
      }
      cli.run("keys", "retire", "--table", "customers", "--version", "1").ok();

      JsonNode again = last(cli.run("reencrypt", "--table", "customers", "--json").ok());
      assertEquals(0, again.get("reencrypted").asLong());
      assertEquals(0, again.get("rowsExamined").asLong());
    }
  }

  @EachDatabase
  void reencrypt_halfPlaintextTable_encryptsThePlaintextAndMixedReadsWorkBefore(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = cli(db);
      exec(db, "CREATE TABLE members (id INT PRIMARY KEY, name VARCHAR(1000), born VARCHAR(1000))");
      List<EncryptedColumn> cols = List.of(
          new EncryptedColumn("Member", "name", "members", "name", String.class, Storage.TEXT,
              Classification.OTHER_PERSONAL, "members", "name"),
          new EncryptedColumn("Member", "born", "members", "born", LocalDate.class, Storage.TEXT,
              Classification.OTHER_PERSONAL, "members", "born"));
      int n = 40;
      try (Colseal app = app(db)) {
        app.register(cols);
        var name = app.textColumn("members", "name", String.class);
        var born = app.textColumn("members", "born", LocalDate.class);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO members VALUES (?, ?, ?)")) {
          for (int i = 1; i <= n; i++) {
            ps.setInt(1, i);
            boolean plain = i % 2 == 0;
            ps.setString(2, plain ? memberName(i) : name.encrypt(memberName(i)));
            ps.setString(3, plain ? birthday(i).toString() : born.encrypt(birthday(i)));
            ps.executeUpdate();
          }
        }
      }
      // Mixed reads: with read-plaintext every row reads; without it, the plaintext rows fail.
      try (Colseal mixed = Colseal.start(db.connections(), config(true))) {
        assertEquals(names(n), decryptAll(mixed.textColumn("members", "name", String.class), db, "name"));
      }
      try (Colseal strict = app(db)) {
        var name = strict.textColumn("members", "name", String.class);
        String plain = column(db, "SELECT name FROM members WHERE id = 2", false).get(0).toString();
        assertThrows(DecryptionException.class, () -> name.decrypt(plain));
      }

      JsonNode summary = last(cli.run("reencrypt", "--table", "members", "--json").ok());
      assertEquals(n, summary.get("encryptedFromPlaintext").asLong());
      // Rows already encrypted under the ACTIVE version are not candidates: nothing examined, nothing skipped.
      assertEquals(n / 2, summary.get("rowsExamined").asLong());
      assertEquals(0, summary.get("skipped").asLong());
      assertEquals(0, summary.at("/columns/0/plaintext").asLong());
      assertEquals(0, summary.at("/columns/1/plaintext").asLong());
      assertEquals(2 * n, count(db, "SELECT COUNT(*) FROM members WHERE name LIKE 'cs1:01:0000000001:%'")
          + count(db, "SELECT COUNT(*) FROM members WHERE born LIKE 'cs1:01:0000000001:%'"));
      try (Colseal strict = app(db)) {
        assertEquals(names(n), decryptAll(strict.textColumn("members", "name", String.class), db, "name"));
        List<Object> dates = new ArrayList<>();
        var born = strict.textColumn("members", "born", LocalDate.class);
        for (Object s : column(db, "SELECT born FROM members ORDER BY id", false)) {
          dates.add(born.decrypt((String) s));
        }
        List<Object> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          expected.add(birthday(i));
        }
        assertEquals(expected, dates);
      }

      // --decrypt: plaintext forms again, no envelope left.
      JsonNode decrypted = last(cli.run("reencrypt", "--table", "members", "--decrypt", "--json").ok());
      assertEquals(2L * n, decrypted.get("decrypted").asLong());
      assertEquals(0, count(db, "SELECT COUNT(*) FROM members WHERE name LIKE 'cs1:%' OR born LIKE 'cs1:%'"));
      assertEquals(memberName(7), column(db, "SELECT name FROM members WHERE id = 7", false).get(0));
      assertEquals(birthday(8).toString(), column(db, "SELECT born FROM members WHERE id = 8", false).get(0));
    }
  }

  @EachDatabase
  void dryRunAndVerify_writeNothing_verifyReportsTheCorruptedValue(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = cli(db);
      createCustomers(db);
      try (Colseal app = app(db)) {
        app.register(CUSTOMER_COLUMNS);
        insertCustomers(app, db, 30);
        var email = app.textColumn("customers", "email", String.class);
        exec(db, "UPDATE customers SET email = '" + email.encrypt(CANARY_PLAINTEXT) + "' WHERE id = 5");
      }
      cli.run("keys", "rotate", "--table", "customers").ok();
      cli.run("reencrypt", "--table", "customers", "--json").ok(); // job tables now hold a finished run
      cli.run("keys", "rotate", "--table", "customers").ok();
      String before = dump(db);

      JsonNode dry = last(cli.run("reencrypt", "--table", "customers", "--dry-run", "--json").ok());
      assertEquals(30 + 27, dry.get("reencrypted").asLong());
      assertEquals(30, dry.get("rowsExamined").asLong());
      assertEquals(before, dump(db));

      // Flip one character of the envelope of row 5 (a character of its ciphertext, not the header).
      String stored = column(db, "SELECT email FROM customers WHERE id = 5", false).get(0).toString();
      int at = stored.length() - 5;
      char flipped = stored.charAt(at) == 'A' ? 'B' : 'A';
      String tampered = stored.substring(0, at) + flipped + stored.substring(at + 1);
      exec(db, "UPDATE customers SET email = '" + tampered + "' WHERE id = 5");
      String corrupted = dump(db);
      CliResult v = cli.run("reencrypt", "--table", "customers", "--verify", "--json").failed("JOB_INCOMPLETE");
      List<JsonNode> failures = v.jsonLines().stream().filter(l -> l.get("event").asText().equals("failure")).toList();
      assertEquals(1, failures.size(), v.out());
      JsonNode f = failures.get(0);
      assertEquals("customers", f.get("table").asText());
      assertEquals("email", f.get("column").asText());
      assertEquals(5, f.at("/primaryKey/id").asInt());
      assertEquals(2, f.get("keyVersion").asInt());
      assertEquals("DECRYPT_FAILED", f.get("code").asText());
      assertEquals(1, last(v).get("failures").asLong());
      assertFalse(v.out().contains(CANARY_PLAINTEXT) || v.err().contains(CANARY_PLAINTEXT), v.toString());
      assertEquals(corrupted, dump(db));

      // The job itself reports the tampered envelope under an older version and leaves it alone: it
      // has an envelope's whole shape, so it is never encrypted as if it were a plaintext (which
      // would make its text read back as the value).
      CliResult job = cli.run("reencrypt", "--table", "customers", "--json").failed("JOB_INCOMPLETE");
      List<JsonNode> jobFailures =
          job.jsonLines().stream().filter(l -> l.get("event").asText().equals("failure")).toList();
      assertEquals(1, jobFailures.size(), job.out());
      assertEquals(5, jobFailures.get(0).at("/primaryKey/id").asInt());
      assertEquals("DECRYPT_FAILED", jobFailures.get(0).get("code").asText());
      assertEquals(0, last(job).get("encryptedFromPlaintext").asLong(), job.out());
      assertEquals(tampered, column(db, "SELECT email FROM customers WHERE id = 5", false).get(0).toString());
    }
  }

  @EachDatabase
  void reencrypt_compositeKeyAndPartitions_everyRowExactlyOnce(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = cli(db);
      exec(db, "CREATE TABLE accounts (tenant_id VARCHAR(20) NOT NULL, id INT NOT NULL, secret VARCHAR(1000), "
          + "PRIMARY KEY (tenant_id, id))");
      List<EncryptedColumn> cols = List.of(new EncryptedColumn("Account", "secret", "accounts", "secret",
          String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "accounts", "secret"));
      int rows = 0;
      try (Colseal app = app(db)) {
        app.register(cols);
        var secret = app.textColumn("accounts", "secret", String.class);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
          for (String tenant : List.of("acme", "beta", "b", "zeta", "a")) {
            for (int i = 1; i <= 23; i++) {
              ps.setString(1, tenant);
              ps.setInt(2, i * (tenant.length() % 2 == 0 ? 1 : -1));
              ps.setString(3, secret.encrypt(tenant + "/" + i));
              ps.executeUpdate();
              rows++;
            }
          }
        }
      }
      cli.run("keys", "rotate", "--table", "accounts").ok();
      CliResult r = cli.run("reencrypt", "--table", "accounts", "--partitions", "4", "--batch-size", "7", "--json").ok();
      JsonNode summary = last(r);
      assertEquals(rows, summary.get("reencrypted").asLong());
      assertEquals(rows, summary.get("rowsExamined").asLong());
      assertEquals(4, r.jsonLines().stream().filter(l -> l.get("event").asText().equals("batch"))
          .map(l -> l.get("partition").asInt()).distinct().count());
      assertEquals(rows, count(db, "SELECT COUNT(*) FROM accounts WHERE secret LIKE 'cs1:01:0000000002:%'"));
    }
  }

  // --- fixtures

  private Cli cli(CliDatabase db) throws Exception {
    Path keystore = dir.resolve("kek.p12");
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
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    return cli;
  }

  private ColsealConfig config(boolean readPlaintext) {
    Map<String, String> m = new HashMap<>(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", "kek1",
        "colseal.kms.local.keystore", dir.resolve("kek.p12").toString(),
        "colseal.kms.local.keystore-password", Cli.CANARY,
        "colseal.keys.refresh-interval", "PT0S"));
    if (readPlaintext) {
      m.put("colseal.migration.read-plaintext", "true");
    }
    return ColsealConfig.fromProperties(m);
  }

  private Colseal app(CliDatabase db) {
    return Colseal.start(db.connections(), config(false));
  }

  private static void createCustomers(CliDatabase db) throws Exception {
    String binary = switch (db.kind()) {
      case POSTGRESQL -> "BYTEA";
      default -> "VARBINARY(2000)";
    };
    exec(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000), photo " + binary + ")");
  }

  private static void insertCustomers(Colseal app, CliDatabase db, int n) throws Exception {
    var email = app.textColumn("customers", "email", String.class);
    var photo = app.binaryColumn("customers", "photo", String.class);
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?)")) {
      for (int i = 1; i <= n; i++) {
        ps.setInt(1, i);
        ps.setString(2, email.encrypt("customer" + i + "@example.com"));
        ps.setBytes(3, i % 10 == 0 ? null : photo.encrypt("photo-" + i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void assertOriginals(Colseal app, CliDatabase db, int n) throws Exception {
    var email = app.textColumn("customers", "email", String.class);
    var photo = app.binaryColumn("customers", "photo", String.class);
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, email, photo FROM customers ORDER BY id")) {
      int seen = 0;
      while (rs.next()) {
        int i = rs.getInt(1);
        assertEquals("customer" + i + "@example.com", email.decrypt(rs.getString(2)));
        assertEquals(i % 10 == 0 ? null : "photo-" + i, photo.decrypt(rs.getBytes(3)));
        seen++;
      }
      assertEquals(n, seen);
    }
  }

  private static String memberName(int i) {
    return "Member " + i + " 김";
  }

  private static LocalDate birthday(int i) {
    return LocalDate.of(1970, 1, 1).plusDays(i * 97L);
  }

  private static List<String> names(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(memberName(i));
    }
    return out;
  }

  private static List<String> decryptAll(ColumnCipher<String, String> cipher, CliDatabase db, String column)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (Object s : column(db, "SELECT " + column + " FROM members ORDER BY id", false)) {
      out.add(cipher.decrypt((String) s));
    }
    return out;
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

  @SuppressWarnings("unchecked")
  private static <T> List<T> column(CliDatabase db, String sql, boolean binary) throws Exception {
    List<Object> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(binary ? rs.getBytes(1) : rs.getString(1));
      }
    }
    return (List<T>) out;
  }

  /** Every row of the customers table and of the job tables, as text. */
  private static String dump(CliDatabase db) throws Exception {
    StringBuilder s = new StringBuilder();
    for (String sql : List.of("SELECT id, email, photo FROM customers ORDER BY id",
        "SELECT * FROM colseal_job ORDER BY job_id",
        "SELECT * FROM colseal_job_partition ORDER BY job_id, run_no, table_name, partition_no")) {
      try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            s.append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
          }
          s.append('\n');
        }
      }
    }
    assertNotEquals(0, s.length());
    return s.toString();
  }
}
