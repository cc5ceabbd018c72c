package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.cli.testing.DocContract;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.pkcs11.testing.SoftHsm;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KEK in an HSM (SoftHSM2) through {@code colseal.jar}, on H2, PostgreSQL and MariaDB: {@code kek
 * create --provider pkcs11}, {@code keys rewrap} from a local KEK into the HSM and back, the
 * application reading every row after each move, and the audit's KEK register. The user PIN comes
 * from an environment variable and is the canary: it is in no output.
 */
@Tag("jar")
class HsmKekIT {
  private static final int ROWS = 4;

  @TempDir Path dir;

  @EachDatabase
  void keysMoveFromALocalKekIntoTheHsmAndBack_andTheApplicationReadsEveryRowEachTime(TestDatabase.Kind kind)
      throws Exception {
    SoftHsm hsm = SoftHsm.get();
    String label = "hsm-kek-" + kind.name().toLowerCase(Locale.ROOT);
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = cli(db, keystore, hsm);
      List<CliResult> outputs = new ArrayList<>();

      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      App.createTables(db);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(App.COLUMNS);
        App.insertCustomers(app, db, ROWS);
      }
      cli.run("keys", "init", "--all").ok();

      // The KEK in the HSM: made inside the token, sensitive, never extractable.
      CliResult created = cli.run("kek", "create", "--provider", "pkcs11", "--alias", label, "--json").ok();
      outputs.add(created);
      JsonNode kek = created.json();
      DocContract.assertMatchesExample("kek-create.md", kek);
      assertEquals("pkcs11", kek.get("provider").asText());
      assertEquals(label, kek.get("alias").asText());
      assertEquals("CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false", kek.get("attributes").asText());
      assertTrue(kek.get("token").asText().contains("slot " + hsm.slot()), kek.toPrettyString());
      assertTrue(hsm.attributes(label).contains("\"CKA_NEVER_EXTRACTABLE\": true"), hsm.attributes(label));
      outputs.add(cli.run("kek", "create", "--provider", "pkcs11", "--alias", label).failed("CONFIG_INVALID"));

      // local -> HSM: every version now wrapped inside the token.
      CliResult toHsm = cli.run("keys", "rewrap", "--to-provider", "pkcs11", "--to-kek", label, "--all", "--json").ok();
      outputs.add(toHsm);
      JsonNode moved = toHsm.json();
      DocContract.assertMatchesExample("keys-rewrap.md", moved);
      assertEquals("pkcs11", moved.get("toProvider").asText());
      assertEquals(List.of("customers v1 local:kek1>" + label, "orders v1 local:kek1>" + label), rewraps(moved));
      assertEquals(List.of("pkcs11 " + label), wrappers(db));
      // Run again: nothing left to move.
      assertEquals(0, cli.run("keys", "rewrap", "--to-provider", "pkcs11", "--to-kek", label, "--all", "--json").ok()
          .json().get("versions").size());

      try (Colseal app = Colseal.start(db.connections(), hsmConfig(hsm, label))) {
        assertEquals(expectedEmails(), App.decryptedEmails(app, db));
      }
      try (Colseal stale = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        KmsException e = assertThrows(KmsException.class, () -> App.decryptedEmails(stale, db));
        assertEquals(ErrorCode.KMS_REJECTED, e.code());
      }

      // The audit, run against the HSM: its KEK register shows the token, the label and the attributes.
      CliResult audit = cli.run("--kms-provider", "pkcs11", "--kek-id", label, "audit", "--json");
      outputs.add(audit);
      JsonNode report = audit.json();
      JsonNode entry = kekEntry(report, label);
      assertEquals("pkcs11", entry.get("provider").asText());
      assertEquals("ENABLED", entry.get("state").asText());
      assertEquals("AES_256", entry.get("keySpec").asText());
      assertEquals("CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false", entry.get("access").asText());
      assertTrue(entry.get("location").asText().contains("slot " + hsm.slot()), entry.toPrettyString());
      assertTrue(entry.get("location").asText().contains(hsm.library().toString()), entry.toPrettyString());
      assertTrue(entry.get("description").asText().contains("'" + label + "'"), entry.toPrettyString());
      // The attestations say what the token reported, and who decides access: the PIN's holders, not IAM.
      assertTrue(attestation(report, "KEK_CUSTODY", label).contains("reports it sensitive and non-extractable"),
          attestation(report, "KEK_CUSTODY", label));
      assertTrue(attestation(report, "KEK_ACCESS", label).contains("user PIN"), attestation(report, "KEK_ACCESS", label));

      // HSM -> local: back under kek1, and the application on the local KEK reads every row again.
      CliResult back = cli.run("--kms-provider", "pkcs11", "--kek-id", label,
          "keys", "rewrap", "--to-provider", "local", "--to-kek", "kek1", "--all", "--json").ok();
      outputs.add(back);
      assertEquals(List.of("customers v1 pkcs11:" + label + ">kek1", "orders v1 pkcs11:" + label + ">kek1"),
          rewraps(back.json()));
      assertEquals(List.of("local kek1"), wrappers(db));
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        assertEquals(expectedEmails(), App.decryptedEmails(app, db));
      }

      for (CliResult r : outputs) {
        assertFalse(r.out().contains(hsm.pin()) || r.err().contains(hsm.pin()), "the PIN in the output");
        assertFalse(r.out().contains(Cli.CANARY) || r.err().contains(Cli.CANARY), "the keystore password in the output");
      }
    }
  }

  private static ColsealConfig hsmConfig(SoftHsm hsm, String label) {
    Map<String, String> s = new HashMap<>(hsm.settings(label));
    s.put("colseal.keys.refresh-interval", "PT0S");
    return ColsealConfig.fromProperties(s);
  }

  private Cli cli(CliDatabase db, Path keystore, SoftHsm hsm) throws Exception {
    Path config = dir.resolve("colseal.properties");
    Files.writeString(config, String.join("\n",
        "colseal.jdbc.url=" + db.url().replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="),
        "colseal.jdbc.user=" + db.user(),
        "colseal.kms.provider=local",
        "colseal.kms.local.keystore=" + keystore.toString().replace("\\", "\\\\"),
        "colseal.kms.kek-id=kek1",
        "colseal.kms.pkcs11.library=" + hsm.library(),
        "colseal.kms.pkcs11.slot=" + hsm.slot(),
        "colseal.kms.pkcs11.pin-env=" + SoftHsm.PIN_VARIABLE, ""), StandardCharsets.UTF_8);
    Cli cli = new Cli(dir).env(Map.of(
        "COLSEAL_CONFIG", config.toString(),
        "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY,
        SoftHsm.PIN_VARIABLE, hsm.pin(),
        "SOFTHSM2_CONF", hsm.directory().resolve("softhsm2.conf").toString()));
    if (!db.childPassword().isEmpty()) {
      cli.env("COLSEAL_JDBC_PASSWORD", db.childPassword());
    }
    return cli;
  }

  private static List<String> expectedEmails() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      out.add(App.plainEmail(i));
    }
    return out;
  }

  private static List<String> rewraps(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("versions").forEach(v -> out.add(v.get("table").asText() + " v" + v.get("version").asInt() + " "
        + v.get("fromProvider").asText() + ":" + v.get("fromKek").asText() + ">" + v.get("toKek").asText()));
    return out;
  }

  private static JsonNode kekEntry(JsonNode report, String label) {
    for (JsonNode k : report.get("keks")) {
      if (k.get("kekId").asText().equals(label)) {
        return k;
      }
    }
    throw new AssertionError("no KEK " + label + " in " + report.get("keks").toPrettyString());
  }

  private static String attestation(JsonNode report, String id, String kekId) {
    for (JsonNode a : report.get("attestations")) {
      if (a.get("id").asText().equals(id) && kekId.equals(a.at("/facts/kekId").asText())) {
        return a.get("text").asText();
      }
    }
    throw new AssertionError("no " + id + " for " + kekId + " in " + report.get("attestations").toPrettyString());
  }

  /** {@code provider kek} of every undestroyed key version. */
  private static List<String> wrappers(CliDatabase db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT DISTINCT kek_provider, kek_id FROM colseal_data_key WHERE state <> 'DESTROYED'")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return out;
  }
}
