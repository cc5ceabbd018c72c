package io.colseal.internal.keystore;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.DatabaseVendor;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database lock that lets one process at a time migrate the key table of one schema: a
 * session-level lock held by the migrating connection from before it reads the history until
 * after its last script, so that a process that waited reads the history the other one completed.
 *
 * <ul>
 *   <li>PostgreSQL: the advisory lock {@code pg_advisory_lock(key)}, where {@code key} is the first
 *       8 bytes of SHA-256 over {@code colseal_schema_history.<current_schema()>}, so that schemas of
 *       one database migrate independently. The wait is bounded with the statement's query timeout.
 *   <li>MariaDB, MySQL: the named lock {@code GET_LOCK('colseal_schema_history.<database>', wait)}
 *       (a hash stands for a database name that would make it longer than 64 characters).
 *   <li>H2: none. An in-memory or embedded H2 database belongs to one JVM, where the migrator's
 *       JVM-wide lock serialises migrations. H2 in server or {@code AUTO_SERVER} mode shared by
 *       several JVMs is not serialised.
 * </ul>
 *
 * Both database locks end with the session, so a process that dies while migrating does not leave
 * one behind. They are not Flyway's locks: Flyway and the built-in migrator running at the same
 * moment on one history table do not wait for each other.
 */
final class MigrationLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
  private static final int MYSQL_MAX_LOCK_NAME = 64;

  private final Connection connection;
  private final DatabaseVendor vendor;
  private final String description;
  private final long key;
  private final String name;

  private MigrationLock(Connection connection, DatabaseVendor vendor, String description, long key, String name) {
    this.connection = connection;
    this.vendor = vendor;
    this.description = description;
    this.key = key;
    this.name = name;
  }

  /**
   * Waits up to {@code wait} for the lock of the connection's current schema.
   *
   * @throws ColsealConfigException if another session held it for the whole wait
   * @throws SQLException if the database fails otherwise
   */
  static MigrationLock acquire(Connection c, DatabaseVendor vendor, Duration wait) throws SQLException {
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toSeconds()));
    return switch (vendor) {
      case POSTGRESQL -> {
        long key = postgresKey(c.getSchema());
        MigrationLock lock = new MigrationLock(c, vendor, "PostgreSQL advisory lock " + key, key, "");
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
          ps.setLong(1, key);
          ps.setQueryTimeout(seconds);
          ps.execute();
        } catch (SQLException e) {
          if ("57014".equals(e.getSQLState())) { // query_canceled: the timeout
            throw lock.timedOut(seconds, e);
          }
          throw e;
        }
        yield lock;
      }
      case MYSQL -> {
        String name = mysqlName(c.getCatalog());
        MigrationLock lock = new MigrationLock(c, vendor, "named lock '" + name + "'", 0, name);
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
          ps.setString(1, name);
          ps.setInt(2, seconds);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            int got = rs.getInt(1);
            if (rs.wasNull() || got != 1) {
              throw lock.timedOut(seconds, null);
            }
          }
        }
        yield lock;
      }
      case H2 -> new MigrationLock(c, vendor, "none (H2: the JVM lock only)", 0, "");
    };
  }

  /** The PostgreSQL advisory lock key of {@code schema}. */
  static long postgresKey(@Nullable String schema) {
    return ByteBuffer.wrap(sha256(SchemaHistory.TABLE + "." + (schema == null ? "" : schema))).getLong();
  }

  /** The MariaDB/MySQL lock name of {@code database}, at most 64 characters. */
  static String mysqlName(@Nullable String database) {
    String name = SchemaHistory.TABLE + "." + (database == null ? "" : database);
    return name.length() <= MYSQL_MAX_LOCK_NAME
        ? name
        : SchemaHistory.TABLE + "." + HexFormat.of().formatHex(sha256(name), 0, 16);
  }

  /** What is locked, for messages: never more than a key or a lock name. */
  String description() {
    return description;
  }

  /**
   * Releases the lock. Outside auto-commit, first rolls back whatever the migrator left uncommitted
   * (nothing, unless it is failing; a PostgreSQL transaction aborted by an error would refuse the
   * unlock), and commits the unlock's own transaction after. A failure is logged, not thrown: the
   * migration's outcome is decided, and the database drops the lock when the session ends.
   */
  @Override
  public void close() {
    if (vendor == DatabaseVendor.H2) {
      return;
    }
    String sql = vendor == DatabaseVendor.POSTGRESQL ? "SELECT pg_advisory_unlock(?)" : "SELECT RELEASE_LOCK(?)";
    try {
      boolean inTransaction = !connection.getAutoCommit();
      if (inTransaction) {
        connection.rollback();
      }
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
          ps.setLong(1, key);
        } else {
          ps.setString(1, name);
        }
        ps.execute();
      }
      if (inTransaction) {
        connection.commit();
      }
    } catch (SQLException e) {
      LOG.warn("colseal could not release the key-table migration lock, {} (SQLState {}); the database releases it"
          + " when the connection closes", description, e.getSQLState());
    }
  }

  private ColsealConfigException timedOut(int seconds, @Nullable SQLException cause) {
    return new ColsealConfigException("colseal waited " + seconds + " s for the key-table migration lock (" + description
        + ") that another session holds while it migrates " + SchemaHistory.TABLE + "; it may be stuck waiting for"
        + " a table lock of its own. Start again once it is done, or end that session.", cause);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
