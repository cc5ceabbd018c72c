package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.ColumnRowCounts;
import io.colseal.KeyAdmin;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
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
 * Plaintexts that start with a valid envelope header in a column being encrypted in place (issue
 * 13, point 6) are not taken for envelopes: counted as not encrypted by {@code KeyAdmin.countRows},
 * {@code keys list --count-rows} and the audit, and encrypted by {@code reencrypt}, keeping their
 * text. One has the ACTIVE version's header and a body that is not Base64 (the case); the
 * other has the same header and a body of Base64 characters, too short for any envelope.
 */
@Tag("jar")
class HeaderShapedPlaintextIT {
  private static final int ENCRYPTED = 8;
  /** The case: the ACTIVE version's header, then words. */
  private static final String WORDS = "cs1:01:0000000001:not really encrypted";
  /** Base64 characters only, but 20 of them: shorter than any envelope's body (40). */
  private static final String SHORT_BASE64 = "cs1:01:0000000001:QUJDREVGR0hJSktMTU5PUA==";

  @TempDir Path dir;

  @EachDatabase
  void headerShapedPlaintexts_countedAsNotEncrypted_thenEncryptedByTheJob(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(List.of(Accounts.IBAN));
        Accounts.insert(app, db, 1, ENCRYPTED, false);
        assertEquals("cs1:01:0000000001:", Accounts.prefix(app, 1), "the plaintexts carry the ACTIVE header");
      }
      try (Connection c = db.connect();
          PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, holder, iban) VALUES (?, 'x', ?)")) {
        ps.setLong(1, ENCRYPTED + 1);
        ps.setString(2, WORDS);
        ps.executeUpdate();
        ps.setLong(1, ENCRYPTED + 2);
        ps.setString(2, SHORT_BASE64);
        ps.executeUpdate();
      }

      try (KeyAdmin admin = KeyAdmin.open(db.connections(), App.localConfig(keystore, "kek1"))) {
        ColumnRowCounts counts = admin.countRows("accounts").get(0);
        assertEquals(2, counts.notEncrypted(), "RowCounter: " + counts);
        assertEquals(ENCRYPTED, counts.rowsOn(1), "RowCounter: " + counts);
      }
      JsonNode list = cli.run("keys", "list", "--table", "accounts", "--count-rows", "--json").ok().json();
      assertEquals(2, list.at("/tables/0/notEncrypted").asLong(), list.toPrettyString());
      JsonNode audit = cli.run("audit", "--format", "json").ok().json();
      assertEquals(2, AuditIT.column(audit, "accounts", "iban").get("rowsNotEncrypted").asLong(),
          audit.toPrettyString());

      JsonNode summary = last(cli.run("reencrypt", "--table", "accounts", "--json").ok().jsonLines());
      assertEquals(2, summary.get("encryptedFromPlaintext").asLong(), summary.toString());
      assertEquals(0, summary.get("failures").asLong(), summary.toString());

      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        ColumnCipher<String, String> iban = app.textColumn("accounts", "iban", String.class);
        String[] values = Accounts.ibans(app, db, ENCRYPTED + 2);
        for (int id = 1; id <= ENCRYPTED; id++) {
          assertEquals(Accounts.iban(1, id), values[id]);
        }
        assertEquals(WORDS, values[ENCRYPTED + 1], "encrypted, keeping its text");
        assertEquals(SHORT_BASE64, values[ENCRYPTED + 2], "encrypted, keeping its text");
        assertTrue(iban.isEnvelope(iban.encrypt("x")));
      }
      JsonNode after = cli.run("keys", "list", "--table", "accounts", "--count-rows", "--json").ok().json();
      assertEquals(0, after.at("/tables/0/notEncrypted").asLong(), after.toPrettyString());
    }
  }

  private static JsonNode last(List<JsonNode> lines) {
    return lines.get(lines.size() - 1);
  }
}
