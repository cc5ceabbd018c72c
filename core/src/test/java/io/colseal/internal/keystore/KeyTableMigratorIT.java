package io.colseal.internal.keystore;

import static io.colseal.internal.keystore.MigrationTesting.ALL_SCRIPTS;
import static io.colseal.internal.keystore.MigrationTesting.colsealFlyway;
import static io.colseal.internal.keystore.MigrationTesting.execute;
import static io.colseal.internal.keystore.MigrationTesting.history;
import static io.colseal.internal.keystore.MigrationTesting.migrator;
import static io.colseal.internal.keystore.MigrationTesting.q;
import static io.colseal.internal.keystore.MigrationTesting.scriptRows;
import static io.colseal.internal.keystore.MigrationTesting.tableExists;
import static io.colseal.internal.keystore.MigrationTesting.vendor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.keystore.MigrationTesting.HeldLock;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in key-table migrator on each database: fresh databases, histories that Flyway wrote,
 * hand-overs to and from Flyway, concurrent runs, refusals, and what it does with its connections.
 */
class KeyTableMigratorIT {
  private static final Duration SHORT_WAIT = Duration.ofSeconds(1);
  private static final KeyTableScript LAST = KeyTableScript.ALL.get(KeyTableScript.ALL.size() - 1);
  private static final KeyTableScript BEFORE_LAST = KeyTableScript.ALL.get(KeyTableScript.ALL.size() - 2);
  /** Why the tests of a script left half-applied leave PostgreSQL out. */
  private static final String DDL_IN_TRANSACTIONS = "PostgreSQL runs DDL in a transaction: a failed script is rolled"
      + " back whole, so nothing stays applied and no failed row is recorded"
      + " (migrate_statementFailsOnPostgresql_rollsTheScriptBackAndRecordsNothing)";

  @EachDatabase
  void migrate_freshDatabase_appliesAndRecordsEveryScript(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      assertEquals(ALL_SCRIPTS, migrator(db).migrate());
      List<SchemaHistory.Row> rows = history(db);
      assertEquals(KeyTableScript.ALL.size(), rows.size());
      for (int i = 0; i < rows.size(); i++) {
        KeyTableScript script = KeyTableScript.ALL.get(i);
        SchemaHistory.Row row = rows.get(i);
        assertEquals(new SchemaHistory.Row(i + 1, script.version(), script.description(), "SQL", script.fileName(),
            KeyTableScript.checksum(script.text(vendor(db))), true), row);
      }
      assertTrue(tableExists(db, "colseal_data_key") && tableExists(db, "colseal_job_partition"));
    }
  }

  @EachDatabase
  void migrate_upToDate_appliesNothing(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      assertEquals(List.of(), migrator(db).migrate());
      assertEquals(KeyTableScript.ALL.size(), history(db).size());
    }
  }

  @EachDatabase
  void migrate_historyOfEarlierColsealsFlywayWithBaseline_appliesOnlyNewScripts(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(db, "CREATE TABLE app_things (id INT PRIMARY KEY)"); // a non-empty schema: Flyway baselines it
      colsealFlyway(db).target(BEFORE_LAST.version()).load().migrate();
      List<SchemaHistory.Row> before = history(db);
      assertTrue(before.stream().anyMatch(r -> r.type().equals("BASELINE") && "0".equals(r.version())), before.toString());

      assertEquals(List.of(LAST.fileName()), migrator(db).migrate());

      List<SchemaHistory.Row> after = history(db);
      assertEquals(before, after.subList(0, before.size()));
      SchemaHistory.Row added = after.get(after.size() - 1);
      assertEquals(before.get(before.size() - 1).installedRank() + 1, added.installedRank());
      assertEquals(LAST.version(), added.version());
    }
  }

  @EachDatabase
  void flyway_historyOfAllScripts_recordsTheBuiltInChecksums(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      colsealFlyway(db).load().migrate();
      Map<String, Integer> flyway = new TreeMap<>();
      Map<String, Integer> builtIn = new TreeMap<>();
      for (SchemaHistory.Row row : scriptRows(db)) {
        flyway.put(row.script(), row.checksum());
      }
      for (KeyTableScript script : KeyTableScript.ALL) {
        builtIn.put(script.fileName(), KeyTableScript.checksum(script.text(vendor(db))));
      }
      assertEquals(flyway, builtIn);
    }
  }

  @OneDatabase(because = "compares checksums of script bytes with Flyway's; the database only records them")

  @Test
  void checksum_scriptsWithCrlfByteOrderMarkAndNonAscii_equalFlywaysChecksums(@TempDir Path dir) throws Exception {
    Map<String, String> scripts = Map.of(
        "V1__crlf.sql", "CREATE TABLE a (x INT);\r\n-- a comment\r\nCREATE TABLE b (y INT);\r\n",
        "V2__bom.sql", "\uFEFFCREATE TABLE c (z INT);\n",
        "V3__non_ascii.sql", "-- é ü 한국어\nCREATE TABLE d (w INT);",
        "V4__blank_lines.sql", "\n\nCREATE TABLE e (v INT);\n\n\n");
    for (Map.Entry<String, String> s : scripts.entrySet()) {
      Files.writeString(dir.resolve(s.getKey()), s.getValue(), StandardCharsets.UTF_8);
    }
    try (TestDatabase db = TestDatabase.create(Kind.H2)) {
      Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + dir).load().migrate();
      Map<String, Integer> flyway = new TreeMap<>();
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT \"script\", \"checksum\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'")) {
        while (rs.next()) {
          flyway.put(rs.getString(1), rs.getInt(2));
        }
      }
      Map<String, Integer> builtIn = new TreeMap<>();
      scripts.forEach((name, text) -> builtIn.put(name, KeyTableScript.checksum(text)));
      assertEquals(flyway, builtIn);
    }
  }

  @EachDatabase
  void flyway_afterBuiltInMigrator_validatesAndHasNothingToApply(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      Flyway flyway = colsealFlyway(db).load();
      flyway.validate();
      assertEquals(0, flyway.migrate().migrationsExecuted);
      assertEquals(LAST.version(), flyway.info().current().getVersion().getVersion());
    }
  }

  @EachDatabase
  void flyway_takingOverHalfWay_appliesTheRestAndBuiltInMigratorAcceptsIt(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      assertEquals(ALL_SCRIPTS.subList(0, 3), migrator(db, 3).migrate());
      Flyway flyway = colsealFlyway(db).load();
      assertEquals(ALL_SCRIPTS.size() - 3, flyway.migrate().migrationsExecuted);
      flyway.validate();
      assertEquals(List.of(), migrator(db).migrate());
    }
  }

  @EachDatabase
  void migrate_takingOverHalfWayFromFlyway_appliesTheRestAndFlywayValidates(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      assertEquals(3, colsealFlyway(db).target("0.3").load().migrate().migrationsExecuted);
      assertEquals(ALL_SCRIPTS.subList(3, ALL_SCRIPTS.size()), migrator(db).migrate());
      Flyway flyway = colsealFlyway(db).load();
      flyway.validate();
      assertEquals(0, flyway.migrate().migrationsExecuted);
    }
  }

  @EachDatabase
  void migrate_olderColsealAfterNewerOne_leavesNewerVersionsAlone(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      assertEquals(List.of(), migrator(db, 4).migrate());
      assertEquals(KeyTableScript.ALL.size(), history(db).size());
    }
  }

  @EachDatabase
  void migrate_concurrentRuns_applyEachScriptOnce(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      // H2 runs go through the JVM lock, the only one it has; the others stand in for separate
      // processes, which share no JVM lock, and are serialised by the database lock alone.
      Callable<List<String>> run = kind == Kind.H2 ? migrator(db)::migrate : migrator(db)::migrateUnderDatabaseLock;
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<String>>> runs = new ArrayList<>();
        try (HeldLock lock = HeldLock.take(db, SHORT_WAIT)) {
          runs.add(threads.submit(run));
          runs.add(threads.submit(run));
          lock.awaitWaiters(2);
        }
        Set<List<String>> results = new HashSet<>();
        for (Future<List<String>> r : runs) {
          results.add(r.get(60, TimeUnit.SECONDS));
        }
        assertEquals(Set.of(ALL_SCRIPTS, List.of()), results);
        assertEquals(KeyTableScript.ALL.size(), history(db).size());
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @EachDatabase
  void migrate_lockHeldElsewhereForTheWholeWait_failsNamingTheWaitAndTheLock(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      RecordingConnectionSource connections = RecordingConnectionSource.pooled(db, true);
      KeyTableMigrator migrator = new KeyTableMigrator(connections, vendor(db), SHORT_WAIT, KeyTableScript.ALL);
      ExecutorService thread = Executors.newSingleThreadExecutor();
      Callable<List<String>> task = kind == Kind.H2 ? migrator::migrate : migrator::migrateUnderDatabaseLock;
      try (HeldLock lock = HeldLock.take(db, SHORT_WAIT)) {
        Future<List<String>> run = thread.submit(task);
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
        ColsealConfigException cause = (ColsealConfigException) e.getCause();
        assertTrue(cause.getMessage().contains("colseal waited 1 s"), cause.getMessage());
        if (kind != Kind.H2) {
          assertTrue(cause.getMessage().contains("(" + lock.description() + ")"), cause.getMessage());
        }
      } finally {
        thread.shutdownNow();
      }
      assertFalse(tableExists(db, q(db, SchemaHistory.TABLE)));
      if (kind != Kind.H2) {
        connections.assertEachReleasedOnceAsHandedOut();
      }
    }
  }

  @EachDatabase
  void migrate_done_releasesTheLock(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      try (HeldLock lock = HeldLock.take(db, SHORT_WAIT)) {
        assertEquals(0, lock.waiters());
      }
    }
  }

  @EachDatabase
  void migrate_changedChecksum_failsNamingTheScript(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      execute(db, "UPDATE " + q(db, SchemaHistory.TABLE) + " SET " + q(db, "checksum") + " = " + q(db, "checksum")
          + " + 1 WHERE " + q(db, "version") + " = '0.2'");
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().contains("checksum mismatch for key-table script " + vendor(db).migrationFolder()
          + "/V0_2__colseal_registry_and_retired.sql (version 0.2)"), e.getMessage());
    }
  }

  @EachDatabase
  void migrate_failedRowInHistory_refusesNamingTheRowAndTheRemedy(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      markFailed(db, LAST.version());
      int rank = KeyTableScript.ALL.size();
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().contains(SchemaHistory.TABLE + " records that " + LAST.fileName() + " (version "
          + LAST.version() + ", installed_rank " + rank + ") failed part-way"), e.getMessage());
      assertTrue(e.getMessage().contains(new SchemaHistory(vendor(db)).deleteStatement(rank)), e.getMessage());
    }
  }

  @EachDatabase(except = Kind.POSTGRESQL, because = DDL_IN_TRANSACTIONS)
  void migrate_failedScriptUndoneAndRowDeletedAsTold_appliesTheRest(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(db, "CREATE TABLE colseal_job_partition (x INT)"); // V0_3 fails at its second statement
      assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      execute(db, "DROP TABLE colseal_job_partition"); // the cause
      execute(db, "DROP TABLE colseal_job"); // what V0_3 applied before it failed
      execute(db, new SchemaHistory(vendor(db)).deleteStatement(3));
      assertEquals(ALL_SCRIPTS.subList(2, ALL_SCRIPTS.size()), migrator(db).migrate());
      assertTrue(history(db).stream().allMatch(SchemaHistory.Row::success));
    }
  }

  @EachDatabase
  void migrate_statementFails_failsNamingScriptStatementAndSqlState(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(db, "CREATE TABLE colseal_job_partition (x INT)"); // V0_3 creates it in its second statement
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().contains("colseal key-table script " + vendor(db).migrationFolder()
          + "/V0_3__colseal_reencryption_job.sql failed at statement 2 of 2 (CREATE TABLE colseal_job_partition):"
          + " SQLState "), e.getMessage());
      SQLException cause = (SQLException) e.getCause();
      assertNotNull(cause.getSQLState());
      assertTrue(e.getMessage().contains("SQLState " + cause.getSQLState() + ","), e.getMessage());
    }
  }

  @OneDatabase(because = "PostgreSQL's transactional DDL is what it tests")

  @Test
  void migrate_statementFailsOnPostgresql_rollsTheScriptBackAndRecordsNothing() throws Exception {
    try (TestDatabase db = TestDatabase.create(Kind.POSTGRESQL)) {
      execute(db, "CREATE TABLE colseal_job_partition (x INT)");
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().endsWith("The script was rolled back and is not recorded; remove the cause and start again."),
          e.getMessage());
      assertFalse(tableExists(db, "colseal_job"));
      assertEquals(List.of("0.1", "0.2"), history(db).stream().map(SchemaHistory.Row::version).toList());
      execute(db, "DROP TABLE colseal_job_partition");
      assertEquals(ALL_SCRIPTS.subList(2, ALL_SCRIPTS.size()), migrator(db).migrate());
    }
  }

  @EachDatabase(except = Kind.POSTGRESQL, because = DDL_IN_TRANSACTIONS)
  void migrate_statementFailsAfterTheFirstWithoutDdlTransactions_recordsFailedRowThatBlocksTheNextRun(Kind kind)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(db, "CREATE TABLE colseal_job_partition (x INT)");
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().contains("Its first 1 statement(s) stay applied"), e.getMessage());
      assertTrue(tableExists(db, "colseal_job"));
      SchemaHistory.Row last = history(db).get(2);
      assertEquals("0.3", last.version());
      assertFalse(last.success());

      ColsealConfigException refused = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(refused.getMessage().contains("failed part-way"), refused.getMessage());
    }
  }

  @EachDatabase(except = Kind.POSTGRESQL, because = DDL_IN_TRANSACTIONS)
  void migrate_firstStatementFailsWithoutDdlTransactions_recordsNothing(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(db, "CREATE TABLE colseal_job (x INT)"); // V0_3's first statement creates it
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().endsWith("No statement of the script was applied and it is not recorded; remove the"
          + " cause and start again."), e.getMessage());
      assertEquals(List.of("0.1", "0.2"), history(db).stream().map(SchemaHistory.Row::version).toList());
      execute(db, "DROP TABLE colseal_job");
      assertEquals(ALL_SCRIPTS.subList(2, ALL_SCRIPTS.size()), migrator(db).migrate());
    }
  }

  @EachDatabase
  void migrate_unknownVersionBelowTheLatest_refuses(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      execute(db, "UPDATE " + q(db, SchemaHistory.TABLE) + " SET " + q(db, "version") + " = '0.4.1' WHERE "
          + q(db, "version") + " = '0.4'");
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> migrator(db).migrate());
      assertTrue(e.getMessage().contains(SchemaHistory.TABLE + " records version 0.4.1 (V0_4__colseal_audit.sql,"
          + " installed_rank 4), which is not one of colseal's key-table scripts"), e.getMessage());
    }
  }

  @EachDatabase
  void migrate_successWithAutoCommit_releasesEachConnectionOnceWithItsAutoCommit(Kind kind) throws Exception {
    successReleasesEachConnectionOnce(kind, true);
  }

  @EachDatabase
  void migrate_successWithoutAutoCommit_releasesEachConnectionOnceWithItsAutoCommit(Kind kind) throws Exception {
    successReleasesEachConnectionOnce(kind, false);
  }

  private static void successReleasesEachConnectionOnce(Kind kind, boolean autoCommit) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      RecordingConnectionSource connections = RecordingConnectionSource.pooled(db, autoCommit);
      new KeyTableMigrator(connections, vendor(db)).migrate();
      new KeyTableMigrator(connections, vendor(db)).migrate();
      assertEquals(2, connections.opened());
      connections.assertEachReleasedOnceAsHandedOut();
    }
  }

  @EachDatabase
  void migrate_failingStatementWithAutoCommit_releasesEachConnectionOnceWithItsAutoCommit(Kind kind) throws Exception {
    failingStatementReleasesEachConnectionOnce(kind, true);
  }

  @EachDatabase
  void migrate_failingStatementWithoutAutoCommit_releasesEachConnectionOnceWithItsAutoCommit(Kind kind)
      throws Exception {
    failingStatementReleasesEachConnectionOnce(kind, false);
  }

  private static void failingStatementReleasesEachConnectionOnce(Kind kind, boolean autoCommit) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(db, "CREATE TABLE colseal_job_partition (x INT)");
      RecordingConnectionSource connections = RecordingConnectionSource.pooled(db, autoCommit);
      assertThrows(ColsealConfigException.class, () -> new KeyTableMigrator(connections, vendor(db)).migrate());
      assertEquals(1, connections.opened());
      connections.assertEachReleasedOnceAsHandedOut();
    }
  }

  @EachDatabase
  void migrate_refusedHistoryWithAutoCommit_releasesEachConnectionOnceWithItsAutoCommit(Kind kind) throws Exception {
    refusedHistoryReleasesEachConnectionOnce(kind, true);
  }

  @EachDatabase
  void migrate_refusedHistoryWithoutAutoCommit_releasesEachConnectionOnceWithItsAutoCommit(Kind kind)
      throws Exception {
    refusedHistoryReleasesEachConnectionOnce(kind, false);
  }

  private static void refusedHistoryReleasesEachConnectionOnce(Kind kind, boolean autoCommit) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      migrator(db).migrate();
      markFailed(db, LAST.version());
      RecordingConnectionSource connections = RecordingConnectionSource.pooled(db, autoCommit);
      assertThrows(ColsealConfigException.class, () -> new KeyTableMigrator(connections, vendor(db)).migrate());
      assertEquals(1, connections.opened());
      connections.assertEachReleasedOnceAsHandedOut();
    }
  }

  private static void markFailed(TestDatabase db, String version) throws SQLException {
    String falseLiteral = db.kind() == Kind.MARIADB ? "0" : "FALSE";
    execute(db, "UPDATE " + q(db, SchemaHistory.TABLE) + " SET " + q(db, "success") + " = " + falseLiteral + " WHERE "
        + q(db, "version") + " = '" + version + "'");
  }
}
