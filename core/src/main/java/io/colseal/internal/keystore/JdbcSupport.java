package io.colseal.internal.keystore;

import io.colseal.exception.KeyTableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How colseal talks to its own tables: every operation borrows one connection from the {@link
 * ConnectionSource}, runs in a transaction of its own, and gives the connection back exactly once,
 * as it found it.
 *
 * <p>Design note. colseal shares the application's connection pool but never its transactions: a
 * key created while the application's transaction is open must survive that transaction's
 * rollback, and a rolled-back application transaction must leave nothing of colseal's behind. So
 * each operation switches auto-commit off if it was on, commits on success, rolls back on failure,
 * restores auto-commit and releases the connection in a {@code finally} that runs once. A pool
 * that hands out connections with auto-commit off (Hibernate's built-in pool) therefore never gets
 * back a connection with an open colseal transaction, and no connection is returned twice.
 *
 * <p>A transaction the database rolls back as a deadlock victim or a serialization failure (SQLState
 * class 40) is run again, up to {@link #TRANSIENT_ATTEMPTS} times in all: several instances of an
 * application starting at once register the same columns and create the same keys, and MariaDB
 * resolves such collisions by rolling one of them back.
 *
 * <p>Failures become {@link KeyTableException}s that name the operation, the table and the
 * SQLState, with the {@link SQLException} as their cause. Thread safe.
 */
public final class JdbcSupport {
  /** Runs of one operation when the database rolls it back as a deadlock victim. */
  static final int TRANSIENT_ATTEMPTS = 5;

  private final ConnectionSource connections;
  private final Clock clock;
  private volatile @Nullable DatabaseVendor vendor;

  public JdbcSupport(ConnectionSource connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /** The database vendor, detected from the first connection used. */
  public DatabaseVendor vendor() {
    DatabaseVendor v = vendor;
    if (v == null) {
      v = inTransaction("detect the database", DataKeyTable.TABLE, c -> vendorOf(c));
    }
    return v;
  }

  /** Work on a borrowed connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** What to do with an {@link SQLException} of an operation: a result, or a rethrow. */
  @FunctionalInterface
  public interface SqlFailure<T> {
    T handle(SQLException e) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own on one borrowed connection: committed when it
   * returns, rolled back when it throws.
   *
   * @param operation what is done, for the error message: "create key customers v1"
   * @param table the table it is done in, for the error message
   * @throws KeyTableException naming the operation, the table and the SQLState
   */
  public <T> T inTransaction(String operation, String table, SqlWork<T> work) {
    return inTransaction(operation, table, work, e -> {
      throw e;
    });
  }

  /**
   * Like {@link #inTransaction(String, String, SqlWork)}, but an {@link SQLException} of {@code
   * work} (after the rollback) first goes to {@code onFailure}, which may turn it into a result,
   * for instance a lost race into {@code false}.
   */
  public <T> T inTransaction(String operation, String table, SqlWork<T> work, SqlFailure<T> onFailure) {
    Connection c;
    try {
      c = connections.open();
    } catch (SQLException e) {
      throw connectionFailed(operation, table, e);
    }
    try {
      if (vendor == null) {
        vendor = vendorOf(c);
      }
      boolean restoreAutoCommit = c.getAutoCommit();
      if (restoreAutoCommit) {
        c.setAutoCommit(false);
      }
      try {
        for (int attempt = 1; ; attempt++) {
          try {
            T result = work.run(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            if (!(e instanceof SQLException sql)) {
              throw (RuntimeException) e;
            }
            if (attempt < TRANSIENT_ATTEMPTS && isTransactionRollback(sql)) {
              continue; // the database chose this transaction as a deadlock victim; it advises a retry
            }
            return onFailure.handle(sql);
          }
        }
      } finally {
        if (restoreAutoCommit) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw failed(operation, table, e);
    } finally {
      try {
        connections.release(c);
      } catch (SQLException ignored) {
        // The outcome is decided and reported; a failed release is the pool's concern.
      }
    }
  }

  /**
   * Whether the database rolled {@code e}'s transaction back as a deadlock victim or a
   * serialization failure (SQLState class 40: 40001 on MariaDB, MySQL and H2, 40P01 on
   * PostgreSQL). Every colseal operation is one short transaction that can be run again from the
   * start.
   */
  static boolean isTransactionRollback(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollback) {
      cause.addSuppressed(rollback);
    }
  }

  /**
   * No connection: says so, with where to (never credentials) and the SQLState, rather than naming
   * the operation as if the database had refused it.
   */
  private KeyTableException connectionFailed(String operation, String table, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String why = state.startsWith("28") ? "the database refused the user or password"
        : state.startsWith("08") ? "the connection could not be established" : "opening a connection failed";
    return new KeyTableException("could not connect to " + connections.describe() + ": " + why + " (while about to "
        + operation + " in " + table + ")", e);
  }

  private static KeyTableException failed(String operation, String table, SQLException e) {
    return new KeyTableException("could not " + operation + " in " + table, e);
  }

  private static DatabaseVendor vendorOf(Connection c) throws SQLException {
    return DatabaseVendor.of(c);
  }

  /**
   * Whether {@code e} is a unique or primary-key violation of a constraint whose name appears in
   * its message ({@code constraintNames}, case-insensitive), and nothing else: a check, not-null or
   * foreign-key violation, or a unique violation of another index, is not.
   */
  public static boolean isUniqueViolationOf(SQLException e, String... constraintNames) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          if (isUniqueViolation(n) && mentions(n.getMessage(), constraintNames)) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    // 23505: PostgreSQL and H2. MariaDB and MySQL report 23000 with vendor code 1062 (ER_DUP_ENTRY).
    return "23505".equals(state) || ("23000".equals(state) && e.getErrorCode() == 1062);
  }

  private static boolean mentions(@Nullable String message, String... names) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    for (String n : names) {
      if (m.contains(n.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** Reads a timestamp column as an {@link Instant} (UTC {@code DATETIME} on MariaDB and MySQL). */
  public @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (vendor().zonedTimestamps()) {
      OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  /** {@link #getInstant} for a NOT NULL column. */
  public Instant requireInstant(ResultSet rs, String column, String table) throws SQLException {
    Instant i = getInstant(rs, column);
    if (i == null) {
      throw new SQLException(column + " is NULL in " + table, "22004");
    }
    return i;
  }

  /** Binds an {@link Instant} (or NULL) as the vendor's timestamp type. */
  public void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
    boolean zoned = vendor().zonedTimestamps();
    if (value == null) {
      ps.setNull(index, zoned ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
    } else if (zoned) {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    } else {
      ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }
}
