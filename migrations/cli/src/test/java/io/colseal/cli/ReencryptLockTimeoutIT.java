package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --lock-timeout} keeps the job from queueing behind the application: while a transaction of
 * the application holds a row lock, the job gives up on that batch after the timeout (three tries),
 * stops with {@code KEY_TABLE_ERROR} naming the database's lock error, and leaves the rows of its
 * failed batch as they were. Once the lock is gone, the same command finishes the job.
 */
@Tag("jar")
class ReencryptLockTimeoutIT {
  private static final int ROWS = 50;

  @TempDir Path dir;

  @EachDatabase
  void rowLockedByTheApplication_jobTimesOutInsteadOfWaiting_thenFinishesWhenReleased(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(List.of(Accounts.IBAN));
        Accounts.insert(app, db, 7, ROWS, false);
      }
      cli.run("keys", "rotate", "--table", "accounts").ok();
      String v1 = "cs1:01:0000000001:";
      String v2 = "cs1:01:0000000002:";

      String[] args = {"reencrypt", "--table", "accounts", "--batch-size", "10", "--lock-timeout", "PT1S",
          "--transaction-timeout", "PT2S", "--lease", "PT2S",
          "--json"};
      try (Connection holder = db.connect()) {
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT iban FROM accounts WHERE id = 1 FOR UPDATE")) {
          lock.executeQuery().close();
        }
        CliResult timedOut = cli.run(args);
        timedOut.failed("KEY_TABLE_ERROR");
        // The database's lock-timeout error, by its code (the driver's message is never shown).
        String lockTimeout = switch (kind) {
          case H2 -> "vendor code 50200";
          case POSTGRESQL -> "SQLState 55P03";
          case MARIADB -> "vendor code 1205";
        };
        assertTrue(timedOut.err().contains(lockTimeout), timedOut.err());
        assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", v1), "the locked batch is left as it was");
        holder.rollback();
      }

      CliResult finished = cli.run(args).ok();
      List<JsonNode> events = finished.jsonLines();
      JsonNode summary = events.get(events.size() - 1);
      assertEquals("summary", summary.get("event").asText());
      assertEquals(ROWS, summary.get("reencrypted").asLong());
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", v2));
    }
  }
}
