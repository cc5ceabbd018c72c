package io.colseal.internal.keystore;

import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * colseal's built-in migrator for the key table: applies the pending {@linkplain KeyTableScript
 * key-table scripts} of one database and records them in {@code colseal_schema_history}.
 *
 * <p>Design note. The history table has Flyway's layout and Flyway's checksums ({@link
 * SchemaHistory}, {@link KeyTableScript#checksum}), so a database that earlier colseal releases
 * migrated with Flyway continues here, and an application may switch between this migrator and
 * running the same scripts with its own Flyway ({@code table=colseal_schema_history}) in either
 * direction. One run:
 *
 * <ol>
 *   <li>takes a JVM-wide lock, then opens one connection and takes the {@linkplain MigrationLock
 *       database lock} on it (PostgreSQL advisory lock, MariaDB/MySQL named lock; H2 has only the
 *       JVM lock), so that processes starting together apply each script once;
 *   <li>creates the history table if it is absent, and reads it. It refuses to go on past a failed
 *       row ({@code success = false}), a changed script (checksum or description differs from the
 *       recorded one) or a version that is not one of colseal's; Flyway's {@code BASELINE}, {@code
 *       TABLE} and {@code SCHEMA} marker rows are skipped, and versions newer than this release
 *       knows (written by a newer colseal) are left alone;
 *   <li>runs each pending script, split by {@link StatementSplitter} (plain DDL: {@code ;}-ended
 *       statements, {@code --} comments; its Javadoc lists what is refused), in a transaction of
 *       its own, and records it in that transaction. On PostgreSQL a failing script rolls back
 *       whole. H2, MariaDB and MySQL commit each DDL statement, so a script that fails after its
 *       first statement is recorded as failed and blocks later runs until someone resolves it (see
 *       {@code docs/reference/key-table.md}); one that fails at its first statement left nothing
 *       behind and is not recorded.
 * </ol>
 *
 * <p>The connection comes from the {@link ConnectionSource}, is released exactly once, and gets
 * its auto-commit setting back. Errors are {@link ColsealConfigException}s that name the script or
 * the operation and the SQLState, and keep the {@link SQLException} as cause; they never hold
 * parameter values. Thread-safe; runs are serialised.
 */
final class KeyTableMigrator {
  /**
   * Serialises runs within the JVM (one colseal copy on the class path), and is all that
   * serialises them on H2.
   */
  static final ReentrantLock JVM_LOCK = new ReentrantLock();

  /** How long a run waits for another process's migration before it gives up. */
  static final Duration LOCK_WAIT = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(KeyTableMigrator.class);
  private static final String TABLE = SchemaHistory.TABLE;

  private final ConnectionSource connections;
  private final DatabaseVendor vendor;
  private final Duration lockWait;
  private final List<KeyTableScript> scripts;
  private final SchemaHistory history;

  KeyTableMigrator(ConnectionSource connections, DatabaseVendor vendor) {
    this(connections, vendor, LOCK_WAIT, KeyTableScript.ALL);
  }

  /** A migrator that waits {@code lockWait} for the lock and knows only {@code scripts}, a prefix of {@link KeyTableScript#ALL}. */
  KeyTableMigrator(ConnectionSource connections, DatabaseVendor vendor, Duration lockWait, List<KeyTableScript> scripts) {
    this.connections = connections;
    this.vendor = vendor;
    this.lockWait = lockWait;
    this.scripts = List.copyOf(scripts);
    this.history = new SchemaHistory(vendor);
  }

  /**
   * Applies every pending script.
   *
   * @return the file names of the scripts applied, oldest first; empty when the key table was up to date
   * @throws ColsealConfigException if a script or the history is not as expected, a statement fails,
   *     or the database lock was not free within {@link #LOCK_WAIT}
   */
  List<String> migrate() {
    boolean locked;
    try {
      locked = JVM_LOCK.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ColsealConfigException("interrupted while waiting to migrate the key table", e);
    }
    if (!locked) {
      throw new ColsealConfigException(
          "colseal waited " + lockWait.toSeconds() + " s for another thread of this JVM to finish migrating the key table");
    }
    try {
      return migrateUnderDatabaseLock();
    } finally {
      JVM_LOCK.unlock();
    }
  }

  /**
   * {@link #migrate()} without the JVM lock: serialised by the database lock alone, as runs in
   * separate processes are. For tests that stand in for several processes with threads.
   */
  List<String> migrateUnderDatabaseLock() {
    Connection c = step("open a connection", connections::open);
    RuntimeException failure = null;
    try {
      return migrate(c);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      try {
        connections.release(c);
      } catch (SQLException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else {
          LOG.warn("colseal could not release the connection it migrated the key table with (SQLState {})",
              e.getSQLState());
        }
      }
    }
  }

  private List<String> migrate(Connection c) {
    boolean autoCommit = step("read the connection's auto-commit mode", c::getAutoCommit);
    List<String> applied;
    try {
      if (autoCommit) {
        step("turn off auto-commit", () -> {
          c.setAutoCommit(false);
          return null;
        });
      }
      try (MigrationLock lock = step("acquire the migration lock", () -> MigrationLock.acquire(c, vendor, lockWait))) {
        step("commit", () -> {
          c.commit();
          return null;
        });
        LOG.debug("colseal holds the key-table migration lock: {}", lock.description());
        applied = applyPending(c);
      }
    } catch (RuntimeException e) {
      try {
        if (!c.getAutoCommit()) {
          c.rollback(); // leaves no transaction behind, e.g. one a lock timeout aborted
        }
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      restoreAutoCommit(c, autoCommit, e);
      throw e;
    }
    restoreAutoCommit(c, autoCommit, null);
    return applied;
  }

  private void restoreAutoCommit(Connection c, boolean autoCommit, @Nullable RuntimeException failure) {
    try {
      if (c.getAutoCommit() != autoCommit) {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        throw failure("restore the connection's auto-commit mode", e);
      }
    }
  }

  private List<String> applyPending(Connection c) {
    boolean exists = step("look for " + TABLE, () -> history.exists(c));
    if (!exists) {
      step("create " + TABLE, () -> {
        history.create(c);
        c.commit();
        return null;
      });
      LOG.info("colseal created {}", TABLE);
    }
    List<SchemaHistory.Row> rows = step("read " + TABLE, () -> {
      List<SchemaHistory.Row> read = history.read(c);
      c.commit();
      return read;
    });
    Set<String> done = checkHistory(rows);
    int rank = 1;
    for (SchemaHistory.Row row : rows) {
      rank = Math.max(rank, row.installedRank() + 1);
    }
    List<String> applied = new ArrayList<>();
    String installedBy = null;
    for (KeyTableScript script : scripts) {
      if (done.contains(script.version())) {
        continue;
      }
      if (installedBy == null) {
        String user = step("read the database user", () -> c.getMetaData().getUserName());
        installedBy = user == null || user.isBlank() ? "colseal" : user;
      }
      apply(c, script, rank++, installedBy);
      applied.add(script.fileName());
    }
    if (applied.isEmpty()) {
      LOG.debug("colseal key table is up to date at version {}", scripts.get(scripts.size() - 1).version());
    } else {
      LOG.info("colseal migrated the key table to version {} ({} script(s) applied)",
          scripts.get(scripts.size() - 1).version(), applied.size());
    }
    return applied;
  }

  /** The versions already applied; throws if the history forbids going on. */
  private Set<String> checkHistory(List<SchemaHistory.Row> rows) {
    Set<String> done = new HashSet<>();
    String latest = scripts.get(scripts.size() - 1).version();
    for (SchemaHistory.Row row : rows) {
      if (!row.success()) {
        throw failedRow(row);
      }
      if (row.isMarker()) {
        continue;
      }
      String version = row.version();
      if (!SchemaHistory.TYPE_SQL.equals(row.type()) || version == null || !KeyTableScript.isVersion(version)) {
        throw new ColsealConfigException(TABLE + " row " + row.installedRank() + " (type " + row.type() + ", version "
            + version + ", script " + row.script() + ") is not one colseal writes: only SQL scripts with a version,"
            + " and Flyway's BASELINE, TABLE and SCHEMA markers. Remove it if it does not belong there.");
      }
      KeyTableScript script = find(version);
      if (script == null) {
        if (KeyTableScript.compareVersions(version, latest) > 0) {
          LOG.info("colseal leaves {} version {} ({}) alone: a newer colseal applied it", TABLE, version, row.script());
          continue;
        }
        throw new ColsealConfigException(TABLE + " records version " + version + " (" + row.script() + ", installed_rank "
            + row.installedRank() + "), which is not one of colseal's key-table scripts in " + vendor.migrationFolder()
            + "; colseal does not know what it changed. Remove the row if it does not belong there.");
      }
      verify(row, script);
      done.add(script.version());
    }
    return done;
  }

  private @Nullable KeyTableScript find(String version) {
    for (KeyTableScript s : scripts) {
      if (KeyTableScript.compareVersions(version, s.version()) == 0) {
        return s;
      }
    }
    return null;
  }

  private void verify(SchemaHistory.Row row, KeyTableScript script) {
    int checksum = KeyTableScript.checksum(script.text(vendor));
    Integer recorded = row.checksum();
    if (recorded == null || recorded != checksum) {
      throw new ColsealConfigException("checksum mismatch for key-table script " + script.resource(vendor) + " (version "
          + script.version() + "): " + TABLE + " row " + row.installedRank() + " records " + recorded + ", the script in"
          + " this colseal release has " + checksum + ". A released script never changes, so the script on the class"
          + " path or the history row was altered; restore the original (or the row's checksum) before starting.");
    }
    if (!row.description().equals(script.description())) {
      throw new ColsealConfigException("description mismatch for key-table script " + script.resource(vendor)
          + " (version " + script.version() + "): " + TABLE + " row " + row.installedRank() + " records '"
          + row.description() + "', the script's name gives '" + script.description() + "'.");
    }
  }

  private ColsealConfigException failedRow(SchemaHistory.Row row) {
    return new ColsealConfigException(TABLE + " records that " + row.script() + " (version " + row.version()
        + ", installed_rank " + row.installedRank() + ") failed part-way, so the key table may be half-migrated;"
        + " colseal does not migrate past it. Compare the database with " + vendor.migrationFolder() + "/"
        + row.script() + ", complete or undo that script's statements by hand, then delete the row ("
        + history.deleteStatement(row.installedRank()) + ") and start again. See docs/reference/key-table.md, "
        + "\"A failed script\".");
  }

  private void apply(Connection c, KeyTableScript script, int rank, String installedBy) {
    String text = script.text(vendor);
    int checksum = KeyTableScript.checksum(text);
    List<String> statements;
    try {
      statements = StatementSplitter.split(text);
    } catch (IllegalArgumentException e) {
      throw new ColsealConfigException("colseal cannot split key-table script " + script.resource(vendor) + ": "
          + e.getMessage(), e);
    }
    long start = System.nanoTime();
    int executed = 0;
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
        executed++;
      }
    } catch (SQLException e) {
      rollback(c, e);
      boolean partlyApplied = !vendor.transactionalDdl() && executed > 0;
      if (partlyApplied) {
        try {
          history.insert(c, rank, script, checksum, installedBy, millisSince(start), false);
          c.commit();
        } catch (SQLException recordFailure) {
          e.addSuppressed(recordFailure);
        }
      }
      throw statementFailed(script, executed, statements, partlyApplied, e);
    }
    int millis = millisSince(start);
    step("record " + script.fileName() + " in " + TABLE, () -> {
      history.insert(c, rank, script, checksum, installedBy, millis, true);
      c.commit();
      return null;
    });
    LOG.info("colseal applied key-table script {} ({} statement(s), {} ms)", script.resource(vendor),
        statements.size(), millis);
  }

  private ColsealConfigException statementFailed(KeyTableScript script, int executed, List<String> statements,
      boolean partlyApplied, SQLException e) {
    String outcome;
    if (vendor.transactionalDdl()) {
      outcome = "The script was rolled back and is not recorded; remove the cause and start again.";
    } else if (partlyApplied) {
      outcome = "Its first " + executed + " statement(s) stay applied, as "
          + (vendor == DatabaseVendor.H2 ? "H2 commits" : "MariaDB and MySQL commit") + " each DDL statement, and "
          + TABLE + " records the script as failed: colseal does not migrate past it until that row is resolved (see"
          + " docs/reference/key-table.md, \"A failed script\").";
    } else {
      outcome = "No statement of the script was applied and it is not recorded; remove the cause and start again.";
    }
    return new ColsealConfigException("colseal key-table script " + script.resource(vendor) + " failed at statement "
        + (executed + 1) + " of " + statements.size() + " (" + operation(statements.get(executed)) + "): SQLState "
        + e.getSQLState() + ", vendor code " + e.getErrorCode() + ". " + outcome, e);
  }

  /** The statement's leading words, up to its first parenthesis: {@code ALTER TABLE colseal_column ADD COLUMN x}. */
  static String operation(String sql) {
    String s = sql.replaceAll("\\s+", " ").strip();
    int paren = s.indexOf('(');
    if (paren > 0) {
      s = s.substring(0, paren).strip();
    }
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static void rollback(Connection c, SQLException cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static int millisSince(long startNanos) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
  }

  @FunctionalInterface
  private interface SqlStep<T> {
    T run() throws SQLException;
  }

  private static <T> T step(String operation, SqlStep<T> step) {
    try {
      return step.run();
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private static ColsealConfigException failure(String operation, SQLException e) {
    return new ColsealConfigException("colseal could not " + operation + " while migrating the key table: SQLState "
        + e.getSQLState() + ", vendor code " + e.getErrorCode(), e);
  }
}
