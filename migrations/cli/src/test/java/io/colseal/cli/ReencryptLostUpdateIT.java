package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt} while the application keeps updating the rows it moves: four writer
 * threads in this JVM update random rows with new values (encrypted under the ACTIVE version, as
 * the key ring re-reads it on every use), from before the job starts until its process has exited.
 * No acknowledged update may be lost: each row ends with the last value a writer had committed to
 * it, or its original if no writer touched it. That is what the job's compare-and-set updates
 * guarantee; an UPDATE on the primary key alone would write back a re-encrypted stale value.
 *
 * <p>Writers hold a per-row lock from their UPDATE until they have recorded it, so "the last
 * acknowledged value" of a row is well defined.
 */
@Tag("jar")
class ReencryptLostUpdateIT {
  private static final int ROWS = 20_000;
  private static final int WRITERS = 4;

  @TempDir Path dir;

  @EachDatabase
  void reencrypt_whileWritersUpdateRows_losesNoAcknowledgedUpdate(TestDatabase.Kind kind) throws Exception {
    long seed = Long.getLong("test.colseal.seed", System.nanoTime());
    System.out.println("ReencryptLostUpdateIT " + kind + " seed " + seed + " (repeat with -Dtest.colseal.seed=" + seed + ")");
    long t0 = System.nanoTime();
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

      String[] expected = new String[ROWS + 1];
      Object[] locks = new Object[ROWS + 1];
      for (int id = 1; id <= ROWS; id++) {
        expected[id] = Accounts.iban(seed, id);
        locks[id] = new Object();
      }
      AtomicLong commits = new AtomicLong();
      AtomicLong commitsAtStart = new AtomicLong(-1);
      AtomicLong commitsAtLastBatch = new AtomicLong(-1);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch everyWriterCommitted = new CountDownLatch(WRITERS);
      ConcurrentLinkedQueue<Throwable> writerErrors = new ConcurrentLinkedQueue<>();
      CliProcess.Finished job;
      String v2;
      long t1;
      // The server's pool; H2 is a file the jar opens too, with no pool in this JVM.
      ConnectionSource appConnections = db.owner() == null ? db.connections()
          : ConnectionSource.of(db.owner().dataSource());
      try (Colseal app = Colseal.start(appConnections, App.localConfig(keystore, "kek1"))) {
        ColumnCipher<String, String> iban = app.textColumn("accounts", "iban", String.class);
        v2 = Accounts.prefix(app, 2);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          Thread t = new Thread(() -> {
            try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE accounts SET iban = ? WHERE id = ?")) {
              SplittableRandom r = new SplittableRandom(seed + 1 + writer);
              for (long n = 0; !stop.get(); n++) {
                int id = 1 + r.nextInt(ROWS);
                String value = "W" + writer + "-" + n + "-" + r.nextInt(1_000_000);
                synchronized (locks[id]) {
                  ps.setString(1, iban.encrypt(value));
                  ps.setLong(2, id);
                  assertEquals(1, ps.executeUpdate(), "rows updated");
                  expected[id] = value;
                  commits.incrementAndGet();
                }
                if (n == 0) {
                  everyWriterCommitted.countDown();
                }
              }
            } catch (Throwable e) {
              writerErrors.add(e);
              everyWriterCommitted.countDown();
            }
          }, "writer-" + w);
          t.start();
          writers.add(t);
        }
        assertTrue(everyWriterCommitted.await(2, TimeUnit.MINUTES), "writers did not get going");
        t1 = System.nanoTime();
        try (CliProcess p = cli.start(event -> {
              switch (event.path("event").asText()) {
                case "start" -> commitsAtStart.set(commits.get());
                case "batch" -> commitsAtLastBatch.set(commits.get());
                default -> { }
              }
            }, "reencrypt", "--table", "accounts", "--json", "--batch-size", "200", "--max-rows-per-second", "5000")) {
          job = p.waitFor();
        } finally {
          stop.set(true);
          for (Thread t : writers) {
            t.join(TimeUnit.MINUTES.toMillis(2));
            assertTrue(!t.isAlive(), t.getName() + " did not stop");
          }
        }
      }
      long t2 = System.nanoTime();
      assertTrue(writerErrors.isEmpty(), () -> "writer failed: " + writerErrors.peek());
      JsonNode summary = job.ok().summary();
      assertEquals(0, summary.path("failures").asLong(), "failures: " + summary);
      assertTrue(summary.path("conflicts").asLong() >= 0, "conflicts: " + summary);
      assertTrue(commitsAtStart.get() >= 0, "a start event: " + job);
      assertTrue(commitsAtLastBatch.get() > commitsAtStart.get(), "writers committed between the job's start ("
          + commitsAtStart.get() + " commits) and its last batch (" + commitsAtLastBatch.get() + ")");

      // Every row holds its last acknowledged value (ids only in messages, never values).
      String[] actual;
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        actual = Accounts.ibans(app, db, ROWS);
      }
      List<Integer> lost = new ArrayList<>();
      for (int id = 1; id <= ROWS; id++) {
        if (!expected[id].equals(actual[id])) {
          lost.add(id);
        }
      }
      assertTrue(lost.isEmpty(), lost.size() + " rows do not hold their last acknowledged value, ids "
          + lost.subList(0, Math.min(20, lost.size())));
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", v2), "every iban on the ACTIVE version v2");

      System.out.printf("ReencryptLostUpdateIT %s: seed %d, %d writer commits (%d during the job), conflicts %d,"
              + " setup %d s, job %d s, total %d s%n", kind, seed, commits.get(),
          commitsAtLastBatch.get() - commitsAtStart.get(), summary.path("conflicts").asLong(),
          seconds(t1 - t0), seconds(t2 - t1), seconds(System.nanoTime() - t0));
    }
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }
}
