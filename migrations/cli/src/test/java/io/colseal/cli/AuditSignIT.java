package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.DocContract;
import io.colseal.kms.Signatures;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit --sign-with} with the local provider's keystore (EC P-256 entry beside the
 * KEK), and {@code colseal audit verify} through the jar: untouched JSON, HTML and Markdown are
 * VALID; a changed byte is REPORT_INVALID; an unsigned report is REPORT_UNSIGNED; the offline check
 * with the public key alone works as the audit guide documents it.
 */
@Tag("jar")
@OneDatabase(because = "signing works on the report's bytes; AuditIT covers the report on every database")
class AuditSignIT {
  private static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void signWithLocalKey_verifyAcceptsEveryForm_rejectsAChangedByte() throws Exception {
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = AuditIT.cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      genkeypair(keystore, "audit-signer");
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
      List<String> plaintexts = new ArrayList<>();
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(List.of(EMAIL));
        AuditIT.insert(app, db, "customers", "email", 1, 2, i -> "canary-sign-" + i + "@example.com", true, plaintexts);
      }

      Path json = dir.resolve("audit.json");
      Path html = dir.resolve("audit.html");
      Path md = dir.resolve("audit.md");
      cli.run("audit", "--format", "json", "--sign-with", "audit-signer", "--output", json.toString()).ok();
      cli.run("audit", "--format", "html", "--lang", "ko", "--sign-with", "audit-signer", "--output", html.toString())
          .ok();
      cli.run("audit", "--sign-with", "audit-signer", "--output", md.toString()).ok();
      // CSV cannot carry the signed JSON: refused before anything is signed.
      cli.run("audit", "--format", "csv", "--sign-with", "audit-signer", "--output", dir.resolve("csv").toString())
          .failed("USAGE");

      JsonNode report = JSON.readTree(json.toFile());
      assertEquals("local", report.at("/signature/provider").asText());
      assertEquals("audit-signer", report.at("/signature/keyId").asText());
      assertEquals(Signatures.ECDSA_SHA_256, report.at("/signature/algorithm").asText());
      String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
      var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema, InputFormat.JSON).validate(Files.readString(json), InputFormat.JSON);
      assertEquals(List.of(), errors.stream().map(Object::toString).toList());

      for (Path file : List.of(json, html, md)) {
        JsonNode ok = cli.run("--json", "audit", "verify", file.toString()).ok().json();
        assertEquals("VALID", ok.get("verdict").asText(), ok.toPrettyString());
        assertEquals("local keystore", ok.get("checkedWith").asText());
        DocContract.assertMatchesExample("audit-verify.md", ok);
        assertTrue(cli.run("audit", "verify", file.toString()).ok().out().contains(": VALID ("));
        byte[] bytes = Files.readAllBytes(file);
        // A few positions through the jar (SignedReportsTest flips hundreds per form in-process).
        for (int p : new int[] {0, bytes.length / 3, bytes.length / 2, bytes.length - 2}) {
          byte[] changed = bytes.clone();
          changed[p] ^= 0x01;
          Path tampered = dir.resolve("tampered-" + file.getFileName());
          Files.write(tampered, changed);
          JsonNode bad = cli.run("--json", "audit", "verify", tampered.toString()).failed("REPORT_INVALID").json();
          assertEquals("INVALID", bad.get("verdict").asText());
        }
      }

      // Offline, as docs/guides/compliance-audit.md shows: the public key from the report, the
      // canonical bytes by emptying two values, and the JDK's SHA256withECDSA (what openssl computes).
      String text = Files.readString(json);
      byte[] publicKey = Base64.getDecoder().decode(report.at("/signature/publicKey").asText());
      byte[] signature = Base64.getDecoder().decode(report.at("/signature/value").asText());
      String canonical = text.replaceAll("(?m)^(  \"contentSha256\": )\"[0-9a-f]{64}\"$", "$1\"\"")
          .replaceAll("(?m)^(    \"value\": )\"[A-Za-z0-9+/=]+\"$", "$1\"\"");
      byte[] canonicalBytes = canonical.getBytes(StandardCharsets.UTF_8);
      assertTrue(Signatures.verify(publicKey, Signatures.ECDSA_SHA_256, canonicalBytes, signature));
      assertEquals(report.get("contentSha256").asText(), java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(canonicalBytes)));

      // --public-key: offline through the CLI; another key is refused.
      Path pem = dir.resolve("signer.pem");
      Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey)
          + "\n-----END PUBLIC KEY-----\n");
      JsonNode offline = cli.run("--json", "audit", "verify", html.toString(), "--public-key", pem.toString()).ok()
          .json();
      assertEquals("public key file", offline.get("checkedWith").asText());
      genkeypair(keystore, "other-signer");
      Path other = dir.resolve("other.json");
      cli.run("audit", "--format", "json", "--sign-with", "other-signer", "--output", other.toString()).ok();
      cli.run("audit", "verify", other.toString()).ok();
      cli.run("audit", "verify", other.toString(), "--public-key", pem.toString()).failed("REPORT_INVALID");

      // Unsigned: intact, but nobody vouches for it.
      Path unsigned = dir.resolve("unsigned.json");
      cli.run("audit", "--format", "json", "--output", unsigned.toString()).ok();
      JsonNode u = cli.run("--json", "audit", "verify", unsigned.toString()).failed("REPORT_UNSIGNED").json();
      assertEquals("UNSIGNED", u.get("verdict").asText());
      Path unsignedHtml = dir.resolve("unsigned.html");
      cli.run("audit", "--format", "html", "--output", unsignedHtml.toString()).ok();
      cli.run("audit", "verify", unsignedHtml.toString()).failed("REPORT_INVALID");

      // The KEK is a secret-key entry, not a signing key.
      cli.run("audit", "--sign-with", "kek1").failed("CONFIG_INVALID");

      String all = Files.readString(json) + Files.readString(html) + Files.readString(md);
      for (String p : plaintexts) {
        assertFalse(all.contains(p), "a report contains a plaintext value");
      }
      assertFalse(all.contains(Cli.CANARY), "a report contains the keystore password");
    }
  }

  /** An EC P-256 key pair entry in {@code keystore}, with keytool as the audit guide shows. */
  private static void genkeypair(Path keystore, String alias) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-storetype", "PKCS12", "-alias", alias, "-dname", "CN=" + alias,
        "-keystore", keystore.toString(), "-storepass", Cli.CANARY, "-keypass", Cli.CANARY, "-validity", "30")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "keytool did not finish");
    assertEquals(0, p.exitValue(), "keytool: " + out);
  }
}
