package io.colseal.operations.internal.job;

import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * What differs between the databases the job runs on: null-safe equality, row locking of the job
 * tables, the database clock (leases use it, so processes on hosts with different clocks agree) and
 * session timeouts.
 */
public final class Dialect {
  /** MariaDB's and MySQL's ER_UNKNOWN_SYSTEM_VARIABLE. */
  private static final int UNKNOWN_SYSTEM_VARIABLE = 1193;

  private final DatabaseVendor vendor;

  private Dialect(DatabaseVendor vendor) {
    this.vendor = vendor;
  }

  /** The dialect of the database {@code connection} talks to. */
  public static Dialect of(Connection connection) throws SQLException {
    return of(DatabaseVendor.of(connection));
  }

  public static Dialect of(DatabaseVendor vendor) {
    return new Dialect(vendor);
  }

  /** The database, as colseal-core detects it. */
  public DatabaseVendor vendor() {
    return vendor;
  }

  /** {@code expr} equals the parameter, NULL matching NULL. */
  public String nullSafeEquals(String expr) {
    return vendor == DatabaseVendor.MYSQL ? expr + " <=> ?" : expr + " IS NOT DISTINCT FROM ?";
  }

  /** Locks the selected rows, skipping rows other transactions hold (H2: waits for them). */
  String forUpdateSkipLocked() {
    return vendor == DatabaseVendor.H2 ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED";
  }

  /** The database's current time, as the job tables store it (UTC DATETIME on MariaDB). */
  public String now() {
    return vendor == DatabaseVendor.MYSQL ? "UTC_TIMESTAMP(6)" : "CURRENT_TIMESTAMP";
  }

  /** The database's current time plus {@code d}; a literal, so it can stand anywhere. */
  String nowPlus(Duration d) {
    long ms = d.toMillis();
    return switch (vendor) {
      case H2 -> "DATEADD(MILLISECOND, " + ms + ", CURRENT_TIMESTAMP)";
      case POSTGRESQL -> "(CURRENT_TIMESTAMP + INTERVAL '" + ms + " milliseconds')";
      case MYSQL -> "TIMESTAMPADD(MICROSECOND, " + ms * 1000 + ", UTC_TIMESTAMP(6))";
    };
  }

  /** The character that quotes identifiers. */
  char quote() {
    return vendor == DatabaseVendor.MYSQL ? '`' : '"';
  }

  /** An identifier as read from database metadata, quoted when its spelling needs it. */
  String identifier(String name) {
    boolean plain = name.matches("[A-Za-z_][A-Za-z0-9_]*");
    boolean foldsRight = switch (vendor) {
      case H2 -> name.equals(name.toUpperCase(Locale.ROOT));
      case POSTGRESQL -> name.equals(name.toLowerCase(Locale.ROOT));
      case MYSQL -> true;
    };
    return plain && foldsRight ? name : quote() + name.replace(String.valueOf(quote()), "" + quote() + quote()) + quote();
  }

  /**
   * Timeouts for a worker connection: a batch waits at most {@code lock} for a row an application
   * holds, no statement runs longer than {@code statement}, and a batch transaction left idle (its
   * process frozen, paused or cut off while holding row locks) is ended by the database after
   * {@code idle}, which rolls it back and frees its locks. PostgreSQL: {@code
   * idle_in_transaction_session_timeout}; MariaDB 10.3 and later: {@code idle_transaction_timeout}
   * (whole seconds, rounded up); MySQL and H2 have no such setting.
   */
  void applyTimeouts(Connection c, Duration lock, Duration statement, Duration idle) throws SQLException {
    try (Statement st = c.createStatement()) {
      switch (vendor) {
        case H2 -> st.execute("SET LOCK_TIMEOUT " + lock.toMillis());
        case POSTGRESQL -> {
          st.execute("SET lock_timeout = " + lock.toMillis());
          st.execute("SET statement_timeout = " + statement.toMillis());
          st.execute("SET idle_in_transaction_session_timeout = " + idle.toMillis());
        }
        case MYSQL -> {
          st.execute("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, ceilSeconds(lock)));
          st.execute("SET SESSION max_statement_time = " + ceilSeconds(statement));
          try {
            st.execute("SET SESSION idle_transaction_timeout = " + Math.max(1, ceilSeconds(idle)));
          } catch (SQLException e) {
            if (e.getErrorCode() != UNKNOWN_SYSTEM_VARIABLE) {
              throw e;
            }
            // MySQL, or MariaDB before 10.3: no idle-transaction timeout (documented)
          }
        }
      }
    }
  }

  /** Whether {@code e}, or an exception it chains, is a lock-wait timeout or a deadlock. */
  boolean isLockWait(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState() == null ? "" : x.getSQLState();
      boolean lock = switch (vendor) {
        case H2 -> x.getErrorCode() == 50200 || x.getErrorCode() == 40001;
        case POSTGRESQL -> state.equals("55P03") || state.equals("40P01");
        case MYSQL -> x.getErrorCode() == 1205 || x.getErrorCode() == 1213;
      };
      if (lock || x.getCause() instanceof SQLException cause && cause != e && isLockWait(cause)) {
        return true;
      }
    }
    return false;
  }

  /** Generous lock waits for the connection that creates a run, while another process plans one. */
  void applyCoordinatorTimeouts(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      switch (vendor) {
        case H2 -> st.execute("SET LOCK_TIMEOUT 300000");
        case POSTGRESQL -> st.execute("SET lock_timeout = 0");
        case MYSQL -> st.execute("SET SESSION innodb_lock_wait_timeout = 300");
      }
    }
  }

  @Override
  public String toString() {
    return vendor.name();
  }

  private static long ceilSeconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }
}
