package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.fail;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Shared set-up of the key-table migration tests. */
final class MigrationTesting {
  static final List<String> ALL_SCRIPTS = KeyTableScript.ALL.stream().map(KeyTableScript::fileName).toList();

  private MigrationTesting() {}

  static DatabaseVendor vendor(TestDatabase db) {
    return DatabaseVendor.fromProductName(db.kind().name());
  }

  static KeyTableMigrator migrator(TestDatabase db) {
    return new KeyTableMigrator(ConnectionSource.of(db.dataSource()), vendor(db));
  }

  /** A migrator that knows only the first {@code scripts} scripts, as an older colseal does. */
  static KeyTableMigrator migrator(TestDatabase db, int scripts) {
    return new KeyTableMigrator(ConnectionSource.of(db.dataSource()), vendor(db), KeyTableMigrator.LOCK_WAIT,
        KeyTableScript.ALL.subList(0, scripts));
  }

  /**
   * Flyway as colseal configured it before it had its own migrator (and as an application running
   * colseal's scripts into colseal's history would).
   */
  static FluentConfiguration colsealFlyway(TestDatabase db) {
    return Flyway.configure()
        .dataSource(db.dataSource())
        .locations(vendor(db).migrationLocation())
        .table(SchemaHistory.TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("colseal baseline")
        .cleanDisabled(true);
  }

  static List<SchemaHistory.Row> history(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      return new SchemaHistory(vendor(db)).read(c);
    }
  }

  /** The history's rows that record scripts, without Flyway's marker rows. */
  static List<SchemaHistory.Row> scriptRows(TestDatabase db) throws SQLException {
    return history(db).stream().filter(r -> !r.isMarker()).toList();
  }

  /** {@code name} quoted as the history table's names are. */
  static String q(TestDatabase db, String name) {
    return db.kind() == Kind.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
  }

  static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static boolean tableExists(TestDatabase db, String table) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.executeQuery("SELECT COUNT(*) FROM " + table).close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Holds what serialises migrations of {@code db} for the test: the database lock on PostgreSQL and
   * MariaDB, the JVM lock on H2 (which has none other). Runs that start meanwhile wait for it.
   */
  static final class HeldLock implements AutoCloseable {
    private final TestDatabase db;
    private final Connection connection;
    private final MigrationLock lock;

    private HeldLock(TestDatabase db, Connection connection, MigrationLock lock) {
      this.db = db;
      this.connection = connection;
      this.lock = lock;
    }

    /** Takes the lock, waiting at most {@code wait}; on H2 the calling thread holds the JVM lock. */
    static HeldLock take(TestDatabase db, Duration wait) throws Exception {
      if (db.kind() == Kind.H2 && !KeyTableMigrator.JVM_LOCK.tryLock(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the JVM lock is not free");
      }
      Connection c = db.connect();
      try {
        return new HeldLock(db, c, MigrationLock.acquire(c, vendor(db), wait));
      } catch (Exception e) {
        c.close();
        throw e;
      }
    }

    /** The database lock, as the migrator's messages name it. */
    String description() {
      return lock.description();
    }

    /** Number of sessions (H2: threads) waiting for this lock. */
    int waiters() throws SQLException {
      return switch (db.kind()) {
        case H2 -> KeyTableMigrator.JVM_LOCK.getQueueLength();
        case POSTGRESQL -> {
          long key = MigrationLock.postgresKey(connection.getSchema());
          yield count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
              + " AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1", key >>> 32, key & 0xFFFFFFFFL);
        }
        case MARIADB -> count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND STATE = 'User lock'",
            connection.getCatalog());
      };
    }

    /** Returns once {@code n} sessions wait for the lock; fails after 30 s. */
    void awaitWaiters(int n) throws SQLException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (waiters() < n) {
        if (System.nanoTime() > deadline) {
          fail(n + " migrations did not come to wait for the lock within 30 s; waiting: " + waiters());
        }
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // polls the condition; not a timing assumption
      }
    }

    private int count(String sql, Object... params) throws SQLException {
      try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          ps.setObject(i + 1, params[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        lock.close();
        connection.close();
      } finally {
        if (db.kind() == Kind.H2) {
          KeyTableMigrator.JVM_LOCK.unlock();
        }
      }
    }
  }
}
