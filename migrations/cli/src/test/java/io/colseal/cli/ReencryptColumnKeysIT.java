package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnRowCounts;
import io.colseal.KeyAdmin;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
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
 * {@code colseal.crypto.column-keys} and the re-encryption job: with the setting on, the job moves a
 * column's algorithm-01 values to algorithm 04 under the same key version (dry run and real run
 * agree), nothing is lost, an application without the setting reads them, the row counts and the
 * audit's algorithm inventory show them; with it off again the job moves them back to 01.
 */
@Tag("jar")
class ReencryptColumnKeysIT {
  private static final int ROWS = 40;

  @TempDir Path dir;

  @EachDatabase
  void columnKeysOn_jobMoves01To04_andBackWhenOff(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      Accounts.Snapshot before;
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(Accounts.both());
        Accounts.insert(app, db, 1, ROWS, true);
        before = Accounts.snapshot(app, db, true);
      }
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:01:0000000001:"));

      Cli withKeys = Accounts.cli(dir, db, keystore).env("COLSEAL_CRYPTO_COLUMN_KEYS", "true");
      JsonNode dry = last(withKeys.run("reencrypt", "--table", "accounts", "--dry-run", "--json").ok().jsonLines());
      assertEquals(2 * ROWS, dry.get("reencrypted").asLong(), dry.toString());
      JsonNode run = last(withKeys.run("reencrypt", "--table", "accounts", "--json").ok().jsonLines());
      assertEquals(2 * ROWS, run.get("reencrypted").asLong(), run.toString());
      assertEquals(0, run.get("failures").asLong(), run.toString());
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:04:0000000001:"));
      assertEquals(ROWS, Accounts.countWithPrefix(db, "holder", "cs1:04:0000000001:"));
      JsonNode again = last(withKeys.run("reencrypt", "--table", "accounts", "--json").ok().jsonLines());
      assertEquals(0, again.get("rowsExamined").asLong(), "nothing left to move: " + again);

      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        assertEquals(before, Accounts.snapshot(app, db, true), "an application without the setting reads every value");
      }
      try (KeyAdmin admin = KeyAdmin.open(db.connections(), App.localConfig(keystore, "kek1"))) {
        for (ColumnRowCounts c : admin.countRows("accounts")) {
          assertEquals(Map.of(1, (long) ROWS), c.columnKeyByKeyVersion(), c.toString());
          assertEquals(ROWS, c.rowsOn(1, Algorithm.AES_256_GCM_COLUMN_KEY));
          assertEquals(0, c.rowsOn(1, Algorithm.AES_256_GCM));
        }
      }
      JsonNode audit = withKeys.run("audit", "--format", "json").ok().json();
      JsonNode entry = AuditIT.algorithm(audit, "AES-256-GCM (column keys, envelope algorithm 04)");
      assertTrue(entry.get("usedIn").toString().contains("accounts.iban"), entry.toString());
      AuditIT.algorithm(audit, "HKDF-SHA-256 (column keys)");

      JsonNode back = last(cli.run("reencrypt", "--table", "accounts", "--json").ok().jsonLines());
      assertEquals(2 * ROWS, back.get("reencrypted").asLong(), "setting off: 04 moves back to 01: " + back);
      assertEquals(ROWS, Accounts.countWithPrefix(db, "iban", "cs1:01:0000000001:"));
      try (Colseal app = Colseal.start(db.connections(), config(keystore))) {
        assertEquals(before, Accounts.snapshot(app, db, true));
      }
    }
  }

  private static ColsealConfig config(Path keystore) {
    return ColsealConfig.builder().setting("colseal.kms.provider", "local").setting("colseal.kms.kek-id", "kek1")
        .setting("colseal.kms.local.keystore", keystore.toString())
        .setting("colseal.kms.local.keystore-password", Cli.CANARY).columnKeys(true).build();
  }

  private static JsonNode last(List<JsonNode> lines) {
    return lines.get(lines.size() - 1);
  }
}
