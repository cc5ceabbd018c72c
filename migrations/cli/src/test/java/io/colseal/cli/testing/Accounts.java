package io.colseal.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The table of the re-encryption tests, {@code accounts(id BIGINT PRIMARY KEY, holder, iban)}:
 * created, filled with JDBC batches of values the library encrypts in this JVM, and read back as
 * checksums. Plaintexts are derived from a seed and the id, so a test can recompute any of them.
 */
public final class Accounts {
  public static final String TABLE = "accounts";
  public static final EncryptedColumn HOLDER = new EncryptedColumn("Account", "holder", TABLE, "holder",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, TABLE, "holder");
  public static final EncryptedColumn IBAN = new EncryptedColumn("Account", "iban", TABLE, "iban",
      String.class, Storage.TEXT, Classification.BANK_ACCOUNT_NUMBER, TABLE, "iban");
  private static final int INSERT_BATCH = 1_000;
  private static final int FETCH = 2_000;

  private Accounts() {}

  /**
   * A CLI on {@code db} with a local KEK {@code kek1} in {@code keystore}, settings from the
   * environment, the canary as keystore password, and a child heap of 256 MiB.
   */
  public static Cli cli(Path dir, CliDatabase db, Path keystore) {
    Cli cli = new Cli(dir).javaOptions("-Xmx256m").env(Map.of(
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

  public static void create(CliDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, holder VARCHAR(300), iban VARCHAR(300))");
    }
  }

  /** The holder of account {@code id}: 8 to 60 characters, some of them not ASCII. */
  public static String holder(long seed, long id) {
    SplittableRandom r = new SplittableRandom(seed * 31 + id);
    StringBuilder b = new StringBuilder("Holder ").append(id).append(' ');
    int n = r.nextInt(0, 45);
    for (int i = 0; i < n; i++) {
      b.append(i % 11 == 10 ? 'ß' : (char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  /** The IBAN of account {@code id}: DE and 20 digits. */
  public static String iban(long seed, long id) {
    SplittableRandom r = new SplittableRandom(seed * 17 + id + 0x5EED);
    StringBuilder b = new StringBuilder("DE");
    for (int i = 0; i < 20; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  /**
   * Inserts accounts 1..rows, encrypting the iban and, if {@code holderEncrypted}, the holder with
   * {@code colseal}; commits every {@value #INSERT_BATCH} rows.
   */
  public static void insert(Colseal colseal, CliDatabase db, long seed, int rows, boolean holderEncrypted)
      throws SQLException {
    ColumnCipher<String, String> holder = colseal.textColumn(TABLE, "holder", String.class);
    ColumnCipher<String, String> iban = colseal.textColumn(TABLE, "iban", String.class);
    try (Connection c = connectForBulk(db);
        PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, holder, iban) VALUES (?, ?, ?)")) {
      c.setAutoCommit(false);
      for (long id = 1; id <= rows; id++) {
        ps.setLong(1, id);
        ps.setString(2, holderEncrypted ? holder.encrypt(holder(seed, id)) : holder(seed, id));
        ps.setString(3, iban.encrypt(iban(seed, id)));
        ps.addBatch();
        if (id % INSERT_BATCH == 0 || id == rows) {
          ps.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** PostgreSQL sends a batch of single-row inserts as multi-row inserts only when asked to. */
  private static Connection connectForBulk(CliDatabase db) throws SQLException {
    if (db.kind() != TestDatabase.Kind.POSTGRESQL) {
      return db.connect();
    }
    Properties p = new Properties();
    p.setProperty("user", db.user());
    p.setProperty("password", db.password());
    p.setProperty("reWriteBatchedInserts", "true");
    return DriverManager.getConnection(db.url(), p);
  }

  /**
   * What a re-encryption must keep: the number of rows, a SHA-256 over their ids in order, and a
   * SHA-256 over {@code id|holder|iban} lines in id order with every encrypted value decrypted.
   * Only the hashes are ever printed.
   */
  public record Snapshot(long rows, String idsSha256, String plaintextSha256) {}

  public static Snapshot snapshot(Colseal colseal, CliDatabase db, boolean holderEncrypted) throws SQLException {
    ColumnCipher<String, String> holder = colseal.textColumn(TABLE, "holder", String.class);
    ColumnCipher<String, String> iban = colseal.textColumn(TABLE, "iban", String.class);
    MessageDigest ids = sha256();
    MessageDigest plain = sha256();
    long rows = 0;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (Statement st = c.createStatement()) {
        st.setFetchSize(FETCH);
        try (ResultSet rs = st.executeQuery("SELECT id, holder, iban FROM accounts ORDER BY id")) {
          while (rs.next()) {
            long id = rs.getLong(1);
            String h = holderEncrypted ? holder.decrypt(rs.getString(2)) : rs.getString(2);
            String i = iban.decrypt(rs.getString(3));
            ids.update((id + "\n").getBytes(StandardCharsets.UTF_8));
            plain.update((id + "|" + h + "|" + i + "\n").getBytes(StandardCharsets.UTF_8));
            rows++;
          }
        }
      }
      c.commit();
    }
    return new Snapshot(rows, HexFormat.of().formatHex(ids.digest()), HexFormat.of().formatHex(plain.digest()));
  }

  /** Every iban, decrypted, by id (index 0 unused). */
  public static String[] ibans(Colseal colseal, CliDatabase db, int rows) throws SQLException {
    ColumnCipher<String, String> iban = colseal.textColumn(TABLE, "iban", String.class);
    String[] out = new String[rows + 1];
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(FETCH);
        try (ResultSet rs = st.executeQuery("SELECT id, iban FROM accounts ORDER BY id")) {
          while (rs.next()) {
            out[(int) rs.getLong(1)] = iban.decrypt(rs.getString(2));
          }
        }
      }
      c.commit();
    }
    return out;
  }

  /** How many values of {@code column} start with {@code prefix} (an envelope header, no wildcards). */
  public static long countWithPrefix(CliDatabase db, String column, String prefix) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM accounts WHERE " + column + " LIKE ?")) {
      ps.setString(1, prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The text-envelope header of key version {@code version}: {@code cs1:01:0000000002:}. */
  public static String prefix(Colseal colseal, int version) {
    String p = colseal.textColumn(TABLE, "iban", String.class).envelopePrefix(version);
    assertEquals(String.format("cs1:01:%010d:", version), p, "the documented text header");
    return p;
  }

  public static List<EncryptedColumn> both() {
    return List.of(HOLDER, IBAN);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
