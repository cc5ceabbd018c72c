package io.colseal.benchmarks.audit;

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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The audit harness's PostgreSQL schema, created fresh and dropped by {@link #close()}: {@code
 * bench_audit(id, doc)} with {@code doc} registered as encrypted, and {@code bench_members(id,
 * phone)}, unregistered, for the report's PII sampling. Rows are split into three equal id ranges
 * loaded under key versions 1, 2 and 3 (colseal restarted after each rotation, so that its
 * encryptions use the new version at once); every {@value #NULL_EVERY}th row is NULL and every
 * {@value #PLAIN_EVERY}th a plaintext leftover. What was loaded is known exactly, so the report's
 * counts can be checked.
 */
final class AuditDatabase implements AutoCloseable {
  static final String TABLE = "bench_audit";
  static final String COLUMN = "doc";
  static final String MEMBERS = "bench_members";
  static final int NULL_EVERY = 50;
  static final int PLAIN_EVERY = 997;
  static final int MEMBERS_ROWS = 10_000;
  private static final int LOAD_BATCH = 1_000;
  private static final int LOAD_TRANSACTION = 20_000;

  private final AuditOptions options;
  private final String schema;
  private final HikariDataSource pool;
  private final ColsealConfig config;

  private AuditDatabase(AuditOptions options, String schema, HikariDataSource pool, ColsealConfig config) {
    this.options = options;
    this.schema = schema;
    this.pool = pool;
    this.config = config;
  }

  static AuditDatabase create(AuditOptions options, Path keystore, String keystorePassword, String kekAlias)
      throws SQLException {
    String schema = ("colseal_audit_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      st.execute("CREATE TABLE " + schema + "." + TABLE + " (id BIGINT PRIMARY KEY, " + COLUMN + " VARCHAR(300))");
      st.execute("CREATE TABLE " + schema + "." + MEMBERS + " (id BIGINT PRIMARY KEY, phone VARCHAR(20))");
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(options.jdbcUrl() + (options.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema);
    hc.setUsername(options.user());
    hc.setPassword(options.password());
    hc.setMaximumPoolSize(3);
    hc.setPoolName("audit-harness");
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    ColsealConfig config = ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", kekAlias,
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.kms.local.keystore-password", keystorePassword,
        "colseal.kms.local.create-if-missing", "true",
        "colseal.environment", "bench"));
    return new AuditDatabase(options, schema, new HikariDataSource(hc), config);
  }

  String schema() {
    return schema;
  }

  ConnectionSource connections() {
    return ConnectionSource.of(pool);
  }

  ColsealConfig config() {
    return config;
  }

  /** The operator CLI's settings for this schema (no secrets: those go in environment variables). */
  Map<String, String> cliSettings(String kekAlias, java.nio.file.Path keystore) {
    return Map.of(
        "colseal.jdbc.url", options.jdbcUrl() + (options.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema,
        "colseal.jdbc.user", options.user(),
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", kekAlias,
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.environment", "bench");
  }

  /** What {@link #load} wrote, per key version, with the NULL and plaintext rows. */
  record Loaded(long rows, Map<Integer, Long> byVersion, long nulls, long plaintext, long millis) {}

  /** Loads rows {@code 1..rows} in three id ranges under v1, v2 and v3, and the members table. */
  Loaded load(long rows) throws SQLException {
    long start = System.nanoTime();
    long[] encrypted = new long[4];
    long nulls = 0;
    long plain = 0;
    long third = rows / 3;
    long[] ends = {third, 2 * third, rows};
    long id = 1;
    for (int version = 1; version <= 3; version++) {
      if (version > 1) {
        try (KeyAdmin admin = KeyAdmin.open(connections(), config)) {
          admin.rotate(TABLE);
        }
      }
      // A fresh colseal per range: it reads the new ACTIVE version at start.
      try (Colseal colseal = Colseal.start(connections(), config)) {
        colseal.register(List.of(new EncryptedColumn("BenchAudit", COLUMN, TABLE, COLUMN, String.class, Storage.TEXT,
            Classification.OTHER_PERSONAL, TABLE, COLUMN)));
        ColumnCipher<String, String> cipher = colseal.textColumn(TABLE, COLUMN, String.class);
        try (Connection c = pool.getConnection();
            PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES (?, ?)")) {
          c.setAutoCommit(false);
          for (; id <= ends[version - 1]; id++) {
            ps.setLong(1, id);
            if (id % NULL_EVERY == 0) {
              ps.setString(2, null);
              nulls++;
            } else if (id % PLAIN_EVERY == 0) {
              ps.setString(2, "legacy note " + id);
              plain++;
            } else {
              ps.setString(2, cipher.encrypt("Order note " + id + " for customer " + (id * 7_919L % 100_000)));
              encrypted[version]++;
            }
            ps.addBatch();
            if (id % LOAD_BATCH == 0 || id == ends[version - 1]) {
              ps.executeBatch();
            }
            if (id % LOAD_TRANSACTION == 0 || id == ends[version - 1]) {
              c.commit();
            }
          }
        }
      }
    }
    loadMembers();
    return new Loaded(rows, Map.of(1, encrypted[1], 2, encrypted[2], 3, encrypted[3]), nulls, plain,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Made-up mobile numbers of the 010-0000-xxxx form, which no subscriber has. */
  private void loadMembers() throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + MEMBERS + " (id, phone) VALUES (?, ?)")) {
      c.setAutoCommit(false);
      for (int i = 1; i <= MEMBERS_ROWS; i++) {
        ps.setLong(1, i);
        ps.setString(2, String.format(Locale.ROOT, "010-0000-%04d", i % 10_000));
        ps.addBatch();
        if (i % LOAD_BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  void vacuum() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute("VACUUM (ANALYZE) " + TABLE);
      st.execute("VACUUM (ANALYZE) " + MEMBERS);
    }
  }

  long sizeMb() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('" + schema + "." + TABLE + "')")) {
      rs.next();
      return rs.getLong(1) / (1024 * 1024);
    }
  }

  /**
   * The baseline: the one aggregate the report cannot do without, grouped by the first 18
   * characters (the text envelope's header {@code cs1:01:0000000003:}). Returns the groups.
   */
  long plainGroupBy() throws SQLException {
    long groups = 0;
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT SUBSTRING(" + COLUMN + ", 1, 18), COUNT(*) FROM " + TABLE + " GROUP BY 1")) {
      while (rs.next()) {
        groups++;
      }
    }
    return groups;
  }

  /** {@code KeyAdmin.countRows} alone: the report's share of the table scan. */
  long countRows() {
    try (KeyAdmin admin = KeyAdmin.open(connections(), config)) {
      return admin.countRows(TABLE).stream().mapToLong(c -> c.total()).sum();
    }
  }

  @Override
  public void close() {
    pool.close();
    try (Connection c = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop schema " + schema + " on " + Redaction.maskUrl(options.jdbcUrl()) + ": "
          + e.getMessage());
    }
  }
}
