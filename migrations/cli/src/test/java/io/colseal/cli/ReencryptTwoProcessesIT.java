package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.cli.testing.JobTables;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code colseal reencrypt} processes on the same job at once (50,000 rows, 8 partitions):
 * they share the partitions through the job tables and together do what one run does, each
 * partition once. A variant kills one of them mid-way: the other takes its partition over when the
 * lease expires and redoes none of the killed run's committed batches.
 */
@Tag("jar")
class ReencryptTwoProcessesIT {
  private static final int ROWS = 50_000;
  private static final int BATCH = 500;
  /** Why these tests leave H2 out. */
  private static final String H2_SHARED_BY_AUTO_SERVER = "two processes share the H2 file only through AUTO_SERVER,"
      + " served by the process that opened it first: two colseal processes working on it at once race to open it"
      + " and one fails to connect (SQLState 90020 or 08000)";

  @TempDir Path dir;

  @EachDatabase(except = TestDatabase.Kind.H2, because = H2_SHARED_BY_AUTO_SERVER)
  void reencrypt_twoProcessesAtOnce_doEveryPartitionOnce(TestDatabase.Kind kind) throws Exception {
    long seed = seed(kind, "twoProcessesAtOnce");
    long t0 = System.nanoTime();
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      Accounts.Snapshot before = setUp(db, cli, keystore, seed);
      long t1 = System.nanoTime();

      String[] args = {"reencrypt", "--table", "accounts", "--partitions", "8", "--json"};
      CliProcess.Finished first;
      CliProcess.Finished second;
      try (CliProcess a = cli.start(args); CliProcess b = cli.start(args)) {
        first = a.waitFor().ok();
        second = b.waitFor().ok();
      }
      long t2 = System.nanoTime();
      JsonNode s1 = first.summary();
      JsonNode s2 = second.summary();
      String jobId = s1.path("jobId").asText();
      assertEquals(jobId, s2.path("jobId").asText(), "both processes ran the same job");

      assertEndState(db, keystore, before);
      assertEquals("DONE", JobTables.job(db, jobId).state());
      List<JobTables.Partition> partitions = JobTables.partitions(db, jobId);
      assertEquals(8, partitions.size(), "partitions: " + partitions);
      for (JobTables.Partition p : partitions) {
        assertEquals("DONE", p.state(), p.toString());
        assertEquals(1, p.attempts(), "each partition leased once: " + p);
      }
      assertEquals(ROWS, s1.path("reencrypted").asLong() + s2.path("reencrypted").asLong(),
          "together the two processes re-encrypted each row once: " + s1 + "\n" + s2);
      assertEquals(ROWS, first.sum("batch", "reencrypted") + second.sum("batch", "reencrypted"),
          "batch events of both processes");
      assertEquals(0, s1.path("conflicts").asLong() + s2.path("conflicts").asLong(), "conflicts");
      assertEquals(0, s1.path("failures").asLong() + s2.path("failures").asLong(), "failures");

      System.out.printf("ReencryptTwoProcessesIT %s at once: seed %d, shares %d + %d, setup %d s, job %d s,"
              + " total %d s%n", kind, seed, s1.path("reencrypted").asLong(), s2.path("reencrypted").asLong(),
          seconds(t1 - t0), seconds(t2 - t1), seconds(System.nanoTime() - t0));
    }
  }

  @EachDatabase(except = TestDatabase.Kind.H2, because = H2_SHARED_BY_AUTO_SERVER)
  void reencrypt_oneOfTwoKilled_otherFinishesAndRedoesNoCommittedBatch(TestDatabase.Kind kind) throws Exception {
    long seed = seed(kind, "oneOfTwoKilled");
    long t0 = System.nanoTime();
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      Accounts.Snapshot before = setUp(db, cli, keystore, seed);
      long t1 = System.nanoTime();

      String[] args = {"reencrypt", "--table", "accounts", "--partitions", "8", "--json", "--lease", "PT2S",
          "--batch-size", String.valueOf(BATCH)};
      CliProcess.Finished killed;
      CliProcess.Finished survivor;
      try (CliProcess a = cli.start(args)) {
        // The victim starts first, so it is inside its first partition (13 batches) when killed.
        a.requireEvents("start", 1);
        try (CliProcess b = cli.start(args)) {
          a.requireEvents("batch", 3);
          killed = a.kill();
          survivor = b.waitFor().ok();
        }
      }
      long t2 = System.nanoTime();
      JsonNode summary = survivor.summary();
      String jobId = summary.path("jobId").asText();
      assertEquals(jobId, killed.events("start").get(0).path("jobId").asText(), "both processes ran the same job");
      assertEquals(0, summary.path("failures").asLong(), "failures: " + summary);
      assertEquals(0, summary.path("conflicts").asLong(), "conflicts: " + summary);

      assertEndState(db, keystore, before);
      assertEquals("DONE", JobTables.job(db, jobId).state());
      List<JobTables.Partition> partitions = JobTables.partitions(db, jobId);
      assertEquals(8, partitions.size(), "partitions: " + partitions);
      partitions.forEach(p -> assertEquals("DONE", p.state(), p.toString()));
      assertTrue(partitions.stream().allMatch(p -> p.attempts() <= 2)
          && partitions.stream().filter(p -> p.attempts() == 2).count() <= 1,
          "only the killed process's partition was leased twice: " + partitions);

      // Batch events follow commits: the killed run's printed batches plus the survivor's are each
      // row once, less at most the one batch committed but not printed before the kill.
      long reencrypted = killed.sum("batch", "reencrypted") + summary.path("reencrypted").asLong();
      assertTrue(reencrypted <= ROWS, reencrypted + " values re-encrypted: a committed batch was done again");
      assertTrue(reencrypted >= ROWS - BATCH, reencrypted + " values re-encrypted: more than one batch unaccounted for");
      assertEquals(summary.path("reencrypted").asLong(), survivor.sum("batch", "reencrypted"),
          "the survivor's batch events add up to its summary");

      System.out.printf("ReencryptTwoProcessesIT %s one killed: seed %d, killed run %d + survivor %d, setup %d s,"
              + " job %d s, total %d s%n", kind, seed, killed.sum("batch", "reencrypted"),
          summary.path("reencrypted").asLong(), seconds(t1 - t0), seconds(t2 - t1), seconds(System.nanoTime() - t0));
    }
  }

  /** 50,000 accounts with an encrypted iban under v1, then rotated; returns the snapshot to compare with. */
  private static Accounts.Snapshot setUp(CliDatabase db, Cli cli, Path keystore, long seed) throws Exception {
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    Accounts.create(db);
    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
      app.register(List.of(Accounts.IBAN));
      Accounts.insert(app, db, seed, ROWS, false);
    }
    cli.run("keys", "rotate", "--table", "accounts").ok();
    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", Accounts.prefix(app, 1)), "every iban starts on v1");
      Accounts.Snapshot s = Accounts.snapshot(app, db, false);
      assertEquals(ROWS, s.rows());
      return s;
    }
  }

  /** The same rows and plaintexts as before, every iban on v2. */
  private static void assertEndState(CliDatabase db, Path keystore, Accounts.Snapshot before) throws Exception {
    try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
      Accounts.Snapshot after = Accounts.snapshot(app, db, false);
      assertEquals(before.rows(), after.rows(), "row count");
      assertEquals(before.idsSha256(), after.idsSha256(), "the same primary keys");
      assertEquals(before.plaintextSha256(), after.plaintextSha256(), "every value decrypts to its original");
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", Accounts.prefix(app, 2)), "every iban on v2");
    }
  }

  private static long seed(TestDatabase.Kind kind, String test) {
    long seed = Long.getLong("test.colseal.seed", System.nanoTime());
    System.out.println("ReencryptTwoProcessesIT " + test + " " + kind + " seed " + seed
        + " (repeat with -Dtest.colseal.seed=" + seed + ")");
    return seed;
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }
}
