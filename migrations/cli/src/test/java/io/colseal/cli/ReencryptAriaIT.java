package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.ColumnAlgorithm;
import io.colseal.ColumnRowCounts;
import io.colseal.KeyAdmin;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.cli.testing.CliResult;
import io.colseal.keys.Algorithm;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt --to-algorithm}: a table's AES-256-GCM values move to ARIA-256-GCM
 * (algorithm 03) under the same key version, through a run killed after two batches and a second
 * run that finishes the job; nothing is lost, an AES application reads every value, the row counts
 * and the audit's algorithm inventory show ARIA with its provider and the stated certificate; then
 * {@code --to-algorithm AES_256_GCM} moves them back.
 */
@Tag("jar")
class ReencryptAriaIT {
  private static final int ROWS = 300;
  private static final String[] TO_ARIA = {"reencrypt", "--table", "accounts", "--to-algorithm", "ARIA_256_GCM",
      "--json", "--lease", "PT2S", "--batch-size", "25"};

  @TempDir Path dir;

  @EachDatabase
  void toAlgorithm_movesAesToAriaResumably_andBack(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      Accounts.Snapshot before;
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(Accounts.both());
        Accounts.insert(app, db, 18, ROWS, true);
        before = Accounts.snapshot(app, db, true);
      }
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:01:0000000001:"));

      JsonNode dry = last(cli.run("reencrypt", "--table", "accounts", "--to-algorithm", "aria-256-gcm", "--dry-run",
          "--json").ok().jsonLines());
      assertEquals(2 * ROWS, dry.get("reencrypted").asLong(), dry.toString());
      try (CliProcess p = cli.start(TO_ARIA)) {
        if (!p.awaitEvents("batch", 2)) {
          throw new AssertionError("the first run ended before its second batch: " + p.waitFor());
        }
        p.kill();
      }
      long moved = Accounts.countWithPrefix(db, "iban", "cs1:03:0000000001:")
          + Accounts.countWithPrefix(db, "holder", "cs1:03:0000000001:");
      // H2's file store may lose the last second of commits to kill -9; the server databases keep them.
      assertTrue((moved > 0 || kind == TestDatabase.Kind.H2) && moved < 2 * ROWS,
          "the killed run moved part of the table: " + moved);
      CliProcess.Finished rest;
      try (CliProcess p = cli.start(TO_ARIA)) {
        rest = p.waitFor().ok();
      }
      JsonNode summary = rest.summary();
      assertEquals(0, summary.get("failures").asLong(), summary.toString());
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:03:0000000001:"));
      assertEquals(ROWS, Accounts.countWithPrefix(db, "holder", "cs1:03:0000000001:"));
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        assertEquals(before, Accounts.snapshot(app, db, true), "an AES application reads every ARIA value");
      }
      try (KeyAdmin admin = KeyAdmin.open(db.connections(), App.localConfig(keystore, "kek1"))) {
        for (ColumnRowCounts c : admin.countRows("accounts")) {
          assertEquals(Map.of(1, (long) ROWS), c.ariaByKeyVersion(), c.toString());
          assertEquals(ROWS, c.rowsOn(1, Algorithm.ARIA_256_GCM));
          assertEquals(0, c.rowsOn(1, Algorithm.AES_256_GCM));
        }
      }
      JsonNode again = last(cli.run(TO_ARIA).ok().jsonLines());
      assertEquals(0, again.get("reencrypted").asLong(), "nothing left to move: " + again);

      JsonNode audit = cli.env("COLSEAL_CRYPTO_KCMVP_CERTIFICATE", "CM-TEST-0001").run("audit", "--format", "json")
          .ok().json();
      JsonNode entry = AuditIT.algorithm(audit, "ARIA-256-GCM (envelope algorithm 03)");
      assertTrue(entry.get("usedIn").toString().contains("accounts.iban"), entry.toString());
      String provider = entry.get("provider").asText();
      assertTrue(provider.startsWith("BC ") && provider.contains("colseal.crypto.aria-provider=BC")
          && provider.contains("not a KCMVP-validated module"), provider);
      assertEquals("CM-TEST-0001", entry.get("kcmvpCertificate").asText());
      AuditIT.algorithm(audit, "HKDF-SHA-256 (ARIA key)");
      boolean listed = false;
      for (JsonNode c : audit.get("columns")) {
        if (c.get("table").asText().equals("accounts") && c.get("column").asText().equals("iban")) {
          assertEquals("ARIA-256-GCM", c.get("algorithm").asText(), c.toString());
          listed = true;
        }
      }
      assertTrue(listed, "accounts.iban in the column inventory");

      // Without --to-algorithm the job would seal with the AES default: refused, nothing written.
      CliResult silent = cli.run("reencrypt", "--table", "accounts", "--json").failed("CONFIG_INVALID");
      assertTrue(silent.err().contains("holds " + ROWS + " value(s) under ARIA-256-GCM"), silent.err());
      assertTrue(silent.err().contains("--to-algorithm ARIA_256_GCM to keep"), silent.err());
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:03:0000000001:"));
      assertEquals(ROWS, Accounts.countWithPrefix(db, "holder", "cs1:03:0000000001:"));

      JsonNode back = last(cli.run("reencrypt", "--table", "accounts", "--to-algorithm", "AES_256_GCM", "--json").ok()
          .jsonLines());
      assertEquals(2 * ROWS, back.get("reencrypted").asLong(), back.toString());
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:01:0000000001:"));
      assertEquals(ROWS, Accounts.countWithPrefix(db, "holder", "cs1:01:0000000001:"));
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1").toBuilder()
          .defaultAlgorithm(ColumnAlgorithm.ARIA_256_GCM).build())) {
        assertEquals(before, Accounts.snapshot(app, db, true), "back on AES, nothing lost");
      }
      cli.run("reencrypt", "--table", "accounts", "--to-algorithm", "DES", "--json").failed("USAGE");
      cli.run("reencrypt", "--table", "accounts", "--to-algorithm", "ARIA_256_GCM", "--decrypt").failed("USAGE");
    }
  }

  private static JsonNode last(List<JsonNode> lines) {
    return lines.get(lines.size() - 1);
  }
}
