package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code colseal reencrypt} process frozen with SIGSTOP while its batch transaction holds row
 * locks (issue 13, point 2): the database ends the idle transaction after {@code
 * --transaction-timeout}, so an application UPDATE of a locked row completes instead of waiting
 * for the frozen process; a second process takes the partition over and finishes the job; the frozen
 * one, continued, reconnects and ends normally; every value is on the ACTIVE version with its
 * original plaintext, and the application's update is kept.
 *
 * <p>The truest form: the job runs in a child JVM and is stopped by the kernel, not by a hook in
 * the code. To stop it at a moment it holds row locks, the test holds one row of the first batch
 * itself ({@code SELECT ... FOR UPDATE}): the job's batch UPDATE locks the rows before it and then
 * waits, which the test sees in the database's lock tables; the test then stops the process and
 * releases its row, so the batch completes on the server and its transaction sits idle, holding the
 * locks of all its rows, with a client that will not answer.
 *
 * <p>The application's UPDATE runs with a lock wait of 30 s (far above the 2 s bound): on a job
 * without the transaction timeout it fails with the database's lock-wait error.
 */
@Tag("jar")
class ReencryptFrozenWorkerIT {
  private static final int ROWS = 50;
  private static final long LOCKED_BY_TEST = 10;
  private static final long UPDATED_BY_APP = 5;
  /** A guard against a hung condition, never a synchronisation. */
  private static final long GUARD_NANOS = Duration.ofMinutes(2).toNanos();

  @TempDir Path dir;

  @EachDatabase(except = TestDatabase.Kind.H2, because = "H2 has no idle-transaction timeout (documented), and two"
      + " processes share its file only through AUTO_SERVER")
  void reencrypt_workerFrozenHoldingRowLocks_applicationUpdateCompletesAndSecondWorkerFinishes(TestDatabase.Kind kind)
      throws Exception {
    long seed = 13;
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(List.of(Accounts.IBAN));
        Accounts.insert(app, db, seed, ROWS, false);
      }
      cli.run("keys", "rotate", "--table", "accounts").ok();

      String[] args = {"reencrypt", "--table", "accounts", "--partitions", "1", "--batch-size", "20",
          "--lock-timeout", "PT60S", "--transaction-timeout", "PT2S", "--lease", "PT3S", "--json"};
      String appValue = "DE00APPLICATION0000005";
      // The test's lock is taken before the job starts, so the job's first batch always waits for it.
      Connection holder = db.connect();
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("SELECT iban FROM accounts WHERE id = ? FOR UPDATE")) {
        lock.setLong(1, LOCKED_BY_TEST);
        lock.executeQuery().close();
      }
      try (holder; Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"));
          CliProcess frozen = cli.start(args)) {
        ColumnCipher<String, String> iban = app.textColumn(Accounts.TABLE, "iban", String.class);
        awaitBlockedBy(kind, holder);
        signal("-STOP", frozen.pid());
        awaitStopped(frozen.pid());
        holder.rollback(); // the frozen job's batch now completes on the server and sits idle, holding its locks
        try (Connection probe = db.connect()) {
          SQLException held = assertThrows(SQLException.class, () -> {
            try (Statement st = probe.createStatement()) {
              st.executeQuery("SELECT iban FROM accounts WHERE id = " + UPDATED_BY_APP + " FOR UPDATE NOWAIT").close();
            }
          }, "the frozen job holds the row's lock");
          System.out.println("ReencryptFrozenWorkerIT " + kind + ": row locked by the frozen job (SQLState "
              + held.getSQLState() + ", vendor code " + held.getErrorCode() + ")");
        }

        try (Connection application = db.connect(); Statement st = application.createStatement()) {
          st.execute(kind == TestDatabase.Kind.POSTGRESQL ? "SET lock_timeout = '30s'"
              : "SET SESSION innodb_lock_wait_timeout = 30");
          try (PreparedStatement ps = application.prepareStatement("UPDATE accounts SET iban = ? WHERE id = ?")) {
            ps.setString(1, iban.encrypt(appValue));
            ps.setLong(2, UPDATED_BY_APP);
            assertEquals(1, ps.executeUpdate(), "the application's update completes once the database ended the"
                + " frozen job's transaction");
          }
        }

        CliProcess.Finished second;
        try (CliProcess takeOver = cli.start(args)) {
          second = takeOver.waitFor().ok();
        }
        assertEquals(0, second.summary().path("failures").asLong(), second.toString());
        signal("-CONT", frozen.pid());
        CliProcess.Finished continued = frozen.waitFor().ok();
        assertEquals(0, continued.summary().path("failures").asLong(), continued.toString());
      }

      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        String[] expected = new String[ROWS + 1];
        for (int id = 1; id <= ROWS; id++) {
          expected[id] = id == UPDATED_BY_APP ? appValue : Accounts.iban(seed, id);
        }
        assertArrayEquals(expected, Accounts.ibans(app, db, ROWS), "every value, the application's update kept");
        assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", Accounts.prefix(app, 2)), "every iban on v2");
      }
    }
  }

  /** Waits until a session of the database waits for a lock {@code holder} holds. */
  private static void awaitBlockedBy(TestDatabase.Kind kind, Connection holder) throws SQLException {
    String sql = kind == TestDatabase.Kind.POSTGRESQL
        ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
        // MariaDB 10.11 leaves a transaction waiting for a row lock out of INNODB_TRX and INNODB_LOCK_WAITS
        // (SHOW ENGINE INNODB STATUS shows it): the job's session is the one whose UPDATE of the held row runs.
        : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE db = DATABASE() AND id <> CONNECTION_ID()"
            + " AND info LIKE 'UPDATE accounts % WHERE id = " + LOCKED_BY_TEST + " %'";
    long start = System.nanoTime();
    while (true) {
      try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return;
        }
      }
      assertTrue(System.nanoTime() - start < GUARD_NANOS, "the job never waited for the test's row lock");
      Thread.onSpinWait();
    }
  }

  /** Waits until the kernel reports {@code pid} stopped (state T in /proc/pid/stat). */
  private static void awaitStopped(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    long start = System.nanoTime();
    while (true) {
      String s = Files.readString(stat);
      if (s.substring(s.lastIndexOf(')') + 2).startsWith("T")) {
        return;
      }
      assertTrue(System.nanoTime() - start < GUARD_NANOS, "process " + pid + " did not stop");
      Thread.onSpinWait();
    }
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill " + signal + " " + pid);
  }
}
