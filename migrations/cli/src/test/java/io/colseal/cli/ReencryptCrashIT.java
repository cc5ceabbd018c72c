package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.cli.testing.JobTables;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt} killed with SIGKILL at 20 random moments and restarted each time, on
 * PostgreSQL with 100,000 rows of two encrypted columns: the last run finishes, no row is lost,
 * added or changed, every value is on the ACTIVE version, and no committed batch was done twice.
 *
 * <p>Each run is killed after a random number (seeded; the seed is printed, and {@code
 * -Dtest.colseal.seed=N} repeats it) of its {@code batch} events, read from its stdout: wherever it
 * then is (inside the next batch, between batches, taking a lease). The lease is two seconds, so a
 * restarted run takes over the killed run's partition soon.
 */
@Tag("jar")
@OneDatabase(because = "twenty kill -9s of the job take minutes per database; ReencryptIT, ReencryptTwoProcessesIT and ReencryptLostUpdateIT cover resumption on every server database")
class ReencryptCrashIT {
  private static final int ROWS = 100_000;
  private static final int BATCH = 500;
  private static final int KILLS = 20;
  /**
   * Runs are killed after 1..9 batch events: at most 20 x 9 = 180 of the job's 200 batches, so the
   * job cannot be over before the last kill, whatever the seed.
   */
  private static final int MAX_BATCHES_BEFORE_KILL = 9;
  private static final String[] REENCRYPT = {
      "reencrypt", "--table", "accounts", "--json", "--lease", "PT2S", "--batch-size", String.valueOf(BATCH)};

  @TempDir Path dir;

  @Test
  void reencrypt_killedAtTwentyRandomMoments_lastRunFinishesWithEveryValueIntactOnTheActiveVersion() throws Exception {
    long seed = Long.getLong("test.colseal.seed", System.nanoTime());
    System.out.println("ReencryptCrashIT seed " + seed + " (repeat with -Dtest.colseal.seed=" + seed + ")");
    long t0 = System.nanoTime();
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.POSTGRESQL, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(Accounts.both());
        Accounts.insert(app, db, seed, ROWS, true);
      }
      cli.run("keys", "rotate", "--table", "accounts").ok();

      Accounts.Snapshot before;
      String v1;
      String v2;
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        before = Accounts.snapshot(app, db, true);
        v1 = Accounts.prefix(app, 1);
        v2 = Accounts.prefix(app, 2);
      }
      assertEquals(ROWS, before.rows());
      assertEquals(ROWS, Accounts.countWithPrefix(db, "holder", v1), "every holder starts on v1");
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", v1), "every iban starts on v1");
      long t1 = System.nanoTime();

      Random random = new Random(seed);
      List<CliProcess.Finished> runs = new ArrayList<>();
      while (runs.size() < KILLS) {
        int after = 1 + random.nextInt(MAX_BATCHES_BEFORE_KILL);
        try (CliProcess p = cli.start(REENCRYPT)) {
          if (p.awaitEvents("batch", after)) {
            runs.add(p.kill());
          } else {
            CliProcess.Finished early = p.waitFor();
            throw new AssertionError("run " + (runs.size() + 1) + " ended by itself before its batch " + after
                + "; the job has 200 batches and at most " + runs.size() * MAX_BATCHES_BEFORE_KILL
                + " can have been done: " + early);
          }
        }
      }
      CliProcess.Finished last;
      try (CliProcess p = cli.start(REENCRYPT)) {
        last = p.waitFor().ok();
      }
      long t2 = System.nanoTime();

      JsonNode summary = last.summary();
      String jobId = summary.path("jobId").asText();
      assertFalse(jobId.isEmpty(), "the summary names the job: " + summary);
      for (CliProcess.Finished run : runs) {
        assertEquals(jobId, run.events("start").get(0).path("jobId").asText(), "every run joins the same job");
      }
      assertEquals(0, summary.path("failures").asLong(), "failures: " + summary);
      assertEquals(0, summary.path("conflicts").asLong(), "nothing else writes, so no conflicts: " + summary);

      // Every row is still there with its plaintext, and every value moved to v2.
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        Accounts.Snapshot after = Accounts.snapshot(app, db, true);
        assertEquals(before.rows(), after.rows(), "row count");
        assertEquals(before.idsSha256(), after.idsSha256(), "the same primary keys");
        assertEquals(before.plaintextSha256(), after.plaintextSha256(), "every value decrypts to its original");
      }
      assertEquals(ROWS, Accounts.countWithPrefix(db, "holder", v2), "every holder on the ACTIVE version v2");
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", v2), "every iban on the ACTIVE version v2");
      assertSummaryColumns(summary);

      // The job tables agree: DONE, every partition DONE, and killed runs' partitions were taken over.
      assertEquals("DONE", JobTables.job(db, jobId).state());
      List<JobTables.Partition> partitions = JobTables.partitions(db, jobId);
      assertFalse(partitions.isEmpty(), "the job has partitions");
      partitions.forEach(pt -> assertEquals("DONE", pt.state(), pt.toString()));
      assertTrue(partitions.stream().anyMatch(pt -> pt.attempts() > 1),
          "a partition leased by a killed run was leased again: " + partitions);

      // A batch event follows its commit; a kill loses at most the event of one committed batch and
      // the work of one uncommitted batch. A committed batch done twice would count its rows twice.
      List<CliProcess.Finished> all = new ArrayList<>(runs);
      all.add(last);
      long rowsInEvents = all.stream().mapToLong(r -> r.sum("batch", "rows")).sum();
      assertTrue(rowsInEvents <= ROWS, "rows in batch events " + rowsInEvents + " > " + ROWS
          + ": committed work was done again");
      assertTrue(rowsInEvents >= ROWS - (long) KILLS * BATCH, "rows in batch events " + rowsInEvents
          + ": more than one batch per kill unaccounted for");

      System.out.printf("ReencryptCrashIT: seed %d, %d kills, %d rows in batch events, partition attempts %s,"
              + " setup %d s, runs %d s, total %d s%n", seed, runs.size(), rowsInEvents,
          partitions.stream().map(pt -> String.valueOf(pt.attempts())).toList(), seconds(t1 - t0), seconds(t2 - t1),
          seconds(System.nanoTime() - t0));
    }
  }

  private static void assertSummaryColumns(JsonNode summary) {
    List<String> seen = new ArrayList<>();
    for (JsonNode c : summary.path("columns")) {
      if (!"accounts".equals(c.path("table").asText())) {
        continue;
      }
      seen.add(c.path("column").asText());
      assertEquals(ROWS, c.path("byKeyVersion").path("2").asLong(), "summary " + c);
      assertEquals(0, c.path("byKeyVersion").path("1").asLong(0), "summary " + c);
      assertEquals(0, c.path("plaintext").asLong(), "summary " + c);
    }
    assertEquals(List.of("holder", "iban"), seen.stream().sorted().toList(), "summary columns: " + summary);
    boolean v1Retirable = false;
    for (JsonNode r : summary.path("retirable")) {
      v1Retirable |= "accounts".equals(r.path("table").asText()) && r.path("version").asInt() == 1;
    }
    assertTrue(v1Retirable, "v1 of accounts is reported retirable: " + summary);
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }
}
