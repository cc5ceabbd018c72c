package io.colseal.benchmarks.reencrypt;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.KeyAdmin;
import io.colseal.Storage;
import io.colseal.config.Redaction;
import io.colseal.jdbc.ConnectionSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The harness's PostgreSQL schema: created fresh, holding {@code bench_accounts} and colseal's key,
 * column and job tables, and dropped by {@link #close()}. The application side lives here too: it
 * loads the rows encrypted under v1 with colseal's own {@link ColumnCipher}, registers the columns,
 * rotates, runs the plain-JDBC baseline and checks the rows afterwards.
 */
final class BenchDatabase implements AutoCloseable {
  static final String TABLE = "bench_accounts";
  static final List<String> COLUMNS = List.of("holder", "iban");
  /** Rows per INSERT batch and per load transaction. */
  private static final int LOAD_BATCH = 1_000;
  private static final int LOAD_TRANSACTION = 20_000;

  private final String serverUrl;
  private final String user;
  private final String password;
  private final String schema;
  private final HikariDataSource pool;
  private final Colseal colseal;
  private final ColsealConfig config;

  private BenchDatabase(String serverUrl, String user, String password, String schema, HikariDataSource pool,
      Colseal colseal, ColsealConfig config) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.pool = pool;
    this.colseal = colseal;
    this.config = config;
  }

  /**
   * Creates the schema and {@code bench_accounts}, and starts colseal on it with the local KEK
   * {@code kekAlias} in {@code keystore} (created): colseal migrates its tables and makes v1.
   */
  static BenchDatabase create(ReencryptOptions options, Path keystore, String keystorePassword, String kekAlias)
      throws HarnessFailure {
    String schema = ("colseal_reenc_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection c = java.sql.DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      st.execute("CREATE TABLE " + schema + "." + TABLE
          + " (id BIGINT PRIMARY KEY, holder VARCHAR(300), iban VARCHAR(300))");
    } catch (SQLException e) {
      throw new HarnessFailure("cannot create schema " + schema + " on " + options.maskedJdbcUrl() + ": "
          + e.getMessage(), e);
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(schemaUrl(options.jdbcUrl(), schema));
    hc.setUsername(options.user());
    hc.setPassword(options.password());
    hc.setMaximumPoolSize(3);
    hc.setPoolName("reencrypt-harness");
    // PgJDBC sends a batch of inserts as multi-row INSERTs, as a tuned loader would.
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource pool = new HikariDataSource(hc);
    ColsealConfig config = ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", kekAlias,
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.kms.local.keystore-password", keystorePassword,
        "colseal.kms.local.create-if-missing", "true"));
    try {
      Colseal colseal = Colseal.start(ConnectionSource.of(pool), config);
      colseal.register(COLUMNS.stream().map(BenchDatabase::registered).toList());
      return new BenchDatabase(options.jdbcUrl(), options.user(), options.password(), schema, pool, colseal, config);
    } catch (RuntimeException e) {
      pool.close();
      dropSchema(options.jdbcUrl(), options.user(), options.password(), schema);
      throw new HarnessFailure("cannot start colseal in " + schema + ": " + e.getMessage(), e);
    }
  }

  private static EncryptedColumn registered(String column) {
    return new EncryptedColumn("BenchAccount", column, TABLE, column, String.class, Storage.TEXT,
        "iban".equals(column) ? Classification.BANK_ACCOUNT_NUMBER : Classification.OTHER_PERSONAL, TABLE, column);
  }

  private static String schemaUrl(String serverUrl, String schema) {
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The URL the job uses: the server's, with this schema as the current one. */
  String jobUrl() {
    return schemaUrl(serverUrl, schema);
  }

  String schema() {
    return schema;
  }

  static String holder(long id) {
    return "Account holder " + id + (id % 3 == 0 ? " Jr." : "");
  }

  static String iban(long id) {
    return String.format(Locale.ROOT, "DE%02d%018d", 2 + id % 97, (id * 7_919L) % 1_000_000_000_000_000_000L);
  }

  /** Inserts rows {@code 1..rows}, both columns encrypted under the ACTIVE version; returns the millis taken. */
  long load(long rows) throws SQLException {
    long start = System.nanoTime();
    ColumnCipher<String, String> holder = colseal.textColumn(TABLE, "holder", String.class);
    ColumnCipher<String, String> iban = colseal.textColumn(TABLE, "iban", String.class);
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (id, holder, iban) VALUES (?, ?, ?)")) {
      c.setAutoCommit(false);
      for (long id = 1; id <= rows; id++) {
        ps.setLong(1, id);
        ps.setString(2, holder.encrypt(holder(id)));
        ps.setString(3, iban.encrypt(iban(id)));
        ps.addBatch();
        if (id % LOAD_BATCH == 0 || id == rows) {
          ps.executeBatch();
        }
        if (id % LOAD_TRANSACTION == 0 || id == rows) {
          c.commit();
        }
      }
    }
    return millisSince(start);
  }

  /** Rotates the table's data key; returns the new ACTIVE version. */
  int rotate() {
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(pool), config)) {
      return admin.rotate(TABLE).version();
    }
  }

  /**
   * The baseline: the job's I/O without crypto or compare-and-set. Keyset pages of {@code batch}
   * rows by id, each written back unchanged with one JDBC batch UPDATE by id, one transaction per
   * batch. Returns the rows written and the millis taken.
   */
  long[] baseline(int batch) throws SQLException {
    long start = System.nanoTime();
    long rows = 0;
    try (Connection c = pool.getConnection();
        PreparedStatement select = c.prepareStatement(
            "SELECT id, holder, iban FROM " + TABLE + " WHERE id > ? ORDER BY id LIMIT ?");
        PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET holder = ?, iban = ? WHERE id = ?")) {
      c.setAutoCommit(false);
      long after = Long.MIN_VALUE;
      while (true) {
        select.setLong(1, after);
        select.setInt(2, batch);
        int n = 0;
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            after = rs.getLong(1);
            update.setString(1, rs.getString(2));
            update.setString(2, rs.getString(3));
            update.setLong(3, after);
            update.addBatch();
            n++;
          }
        }
        if (n == 0) {
          c.commit();
          break;
        }
        update.executeBatch();
        c.commit();
        rows += n;
      }
    }
    return new long[] {rows, millisSince(start)};
  }

  /** {@code VACUUM (ANALYZE)} of the table, so that every measured phase starts without dead rows. */
  void vacuum() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute("VACUUM (ANALYZE) " + TABLE);
    }
  }

  /** The table's size with its indexes and TOAST, in MiB. */
  long sizeMb() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('" + schema + "." + TABLE + "')")) {
      rs.next();
      return rs.getLong(1) / (1024 * 1024);
    }
  }

  /** Rows whose every encrypted column is an envelope of {@code version}, by SQL over the envelope headers. */
  long rowsOnVersion(int version) throws SQLException {
    String prefix = colseal.textColumn(TABLE, "holder", String.class).envelopePrefix(version) + "%";
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(*) FROM " + TABLE + " WHERE holder LIKE ? AND iban LIKE ?")) {
      ps.setString(1, prefix);
      ps.setString(2, prefix);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Decrypts every row and compares it with what {@link #load} wrote; returns the rows read and the mismatches. */
  long[] verify(int page) throws SQLException {
    ColumnCipher<String, String> holder = colseal.textColumn(TABLE, "holder", String.class);
    ColumnCipher<String, String> iban = colseal.textColumn(TABLE, "iban", String.class);
    long read = 0;
    long mismatched = 0;
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, holder, iban FROM " + TABLE + " WHERE id > ? ORDER BY id LIMIT ?")) {
      long after = Long.MIN_VALUE;
      for (int n = -1; n != 0; ) {
        ps.setLong(1, after);
        ps.setInt(2, page);
        n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            after = rs.getLong(1);
            n++;
            read++;
            try {
              if (!holder(after).equals(holder.decrypt(rs.getString(2))) || !iban(after).equals(iban.decrypt(rs.getString(3)))) {
                mismatched++;
              }
            } catch (RuntimeException e) {
              mismatched++;
            }
          }
        }
      }
    }
    return new long[] {read, mismatched};
  }

  /** The job's rows in {@code colseal_job_partition}: partitions, and leases taken (attempts) in all. */
  List<long[]> partitions() throws SQLException {
    List<long[]> out = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(attempts), 0) FROM colseal_job_partition"
            + " GROUP BY job_id, run_no ORDER BY job_id, run_no")) {
      while (rs.next()) {
        out.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    return out;
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Stops colseal and drops the schema and everything in it. */
  @Override
  public void close() {
    try {
      colseal.close();
    } finally {
      pool.close();
      dropSchema(serverUrl, user, password, schema);
    }
  }

  private static void dropSchema(String url, String user, String password, String schema) {
    try (Connection c = java.sql.DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop schema " + schema + " on " + Redaction.maskUrl(url) + ": " + e.getMessage());
    }
  }
}
